/**
 * Loading an image or video URL into an element a filter can show: images
 * decoded, videos muted, looping and playing. Cross-origin media must be
 * served with CORS headers, or its pixels cannot be read.
 */
import { ImageError, describe } from '../errors.js';

const VIDEO_URL = /^data:video\/|\.(mp4|webm|ogv|ogg|mov|m4v|mkv)([?#]|$)/i;

/** A loaded image or a playing video, and how to let it go. */
export interface LoadedMedia {
  readonly element: HTMLImageElement | HTMLVideoElement;
  release(): void;
}

/** True when `url` names a video by its extension or data: type. */
function isVideoUrl(url: string): boolean {
  return VIDEO_URL.test(url);
}

/**
 * Loads `url` as a looping muted video when it names one, else as an image,
 * and as a video when it does not decode as an image (a blob: URL, say).
 */
export async function loadMedia(url: string, signal?: AbortSignal): Promise<LoadedMedia> {
  if (isVideoUrl(url)) return loadVideo(url, signal);
  try {
    return await loadImage(url);
  } catch (imageError) {
    signal?.throwIfAborted();
    return loadVideo(url, signal).catch(() => Promise.reject(imageError));
  }
}

async function loadImage(url: string): Promise<LoadedMedia> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  try {
    await image.decode();
  } catch {
    throw new ImageError(
      `${describe(url)} could not be loaded as an image or a video; check the URL, the format, and CORS headers for other origins.`,
    );
  }
  return { element: image, release: () => image.removeAttribute('src') };
}

async function loadVideo(url: string, signal?: AbortSignal): Promise<LoadedMedia> {
  const video = document.createElement('video');
  Object.assign(video, { crossOrigin: 'anonymous', muted: true, loop: true, playsInline: true, preload: 'auto', src: url });
  const release = (): void => {
    video.pause();
    video.removeAttribute('src');
    video.load();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (): void =>
        reject(
          new ImageError(
            `the video ${describe(url)} could not be loaded (${video.error?.message || 'unsupported or missing'}); check the URL, the format, and CORS headers for other origins.`,
          ),
        );
      video.addEventListener('loadeddata', () => resolve(), { once: true });
      video.addEventListener('error', fail, { once: true });
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    await video.play();
  } catch (error) {
    release();
    throw error;
  }
  return { element: video, release };
}
