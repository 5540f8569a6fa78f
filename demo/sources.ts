// The demo's inputs: a bundled sample image, the webcam, or an image or video
// file the user picks. Each input is released (camera off, object URL
// revoked) when another one takes its place.
import { Camera, loadMedia, type FilterSource } from '../src/index.js';

export const SAMPLES = {
  'Falcon 9 launch': new URL('./samples/rocket.jpg', import.meta.url).href,
  'Hubble deep field': new URL('./samples/hubble_deep_field.jpg', import.meta.url).href,
  'Coins (gray)': new URL('./samples/coins.png', import.meta.url).href,
} as const;
export type SampleName = keyof typeof SAMPLES;

export interface Input {
  readonly source: FilterSource;
  release(): void;
}

export async function sampleInput(name: SampleName): Promise<Input> {
  const media = await loadMedia(SAMPLES[name]);
  return { source: media.element, release: () => media.release() };
}

/** The webcam at about 640x480; rejects with the library's ImageError (denied, missing, busy). */
export async function webcamInput(): Promise<Input> {
  const camera = await Camera.open({ width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' });
  return { source: camera.video, release: () => camera.stop() };
}

/** An image or video file chosen by the user. */
export async function fileInput(file: File): Promise<Input> {
  const url = URL.createObjectURL(file);
  try {
    const media = await loadMedia(url);
    return {
      source: media.element,
      release: () => {
        media.release();
        URL.revokeObjectURL(url);
      },
    };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw new Error(`${file.name} could not be opened as an image or video (${(error as Error).message}).`, { cause: error });
  }
}
