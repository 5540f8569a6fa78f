/**
 * The frame loop of a `<video>`: one call per new frame, through
 * `requestVideoFrameCallback` where the browser has it and
 * `requestAnimationFrame` otherwise (skipping animation frames that bring no
 * new video frame). Both are throttled by the browser in a hidden tab, so a
 * hidden page skips frames instead of queueing them.
 */

export interface VideoFrameInfo {
  /** Frames the video presented since the last call and that were not handed on (0 when none were missed). */
  readonly missed: number;
}

/** Calls `onFrame` for each new frame of `video` until the returned stop function is called. */
export function watchVideo(video: HTMLVideoElement, onFrame: (info: VideoFrameInfo) => void): () => void {
  return 'requestVideoFrameCallback' in video ? watchWithVideoFrames(video, onFrame) : watchWithAnimationFrames(video, onFrame);
}

function watchWithVideoFrames(video: HTMLVideoElement, onFrame: (info: VideoFrameInfo) => void): () => void {
  let handle = 0;
  let last = -1;
  const tick = (_now: number, metadata: VideoFrameCallbackMetadata): void => {
    handle = video.requestVideoFrameCallback(tick);
    const missed = last < 0 ? 0 : Math.max(0, metadata.presentedFrames - last - 1);
    last = metadata.presentedFrames;
    onFrame({ missed });
  };
  handle = video.requestVideoFrameCallback(tick);
  return () => video.cancelVideoFrameCallback(handle);
}

function watchWithAnimationFrames(video: HTMLVideoElement, onFrame: (info: VideoFrameInfo) => void): () => void {
  let handle = 0;
  let lastCount = -1;
  let lastTime = -1;
  const tick = (): void => {
    handle = requestAnimationFrame(tick);
    if (video.readyState < video.HAVE_CURRENT_DATA) return;
    const count = frameCount(video);
    if (count > 0 ? count === lastCount : video.currentTime === lastTime) return;
    const missed = count > 0 && lastCount > 0 ? Math.max(0, count - lastCount - 1) : 0;
    lastCount = count;
    lastTime = video.currentTime;
    onFrame({ missed });
  };
  handle = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(handle);
}

/**
 * Frames shown so far, the best count the browser gives (0 when none): a new
 * count is a new frame. Firefox counts painted frames; others count decoded
 * ones, some in batches, which can make this loop skip frames but never draw
 * one twice. The media time is the last resort, as it also advances between frames.
 */
function frameCount(video: HTMLVideoElement): number {
  const painted = (video as { mozPaintedFrames?: number }).mozPaintedFrames;
  return painted ?? video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
}
