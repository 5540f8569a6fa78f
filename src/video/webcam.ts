/**
 * Webcam in one call: the camera shown filtered on a canvas, and the filtered
 * frames as a MediaStream for a `<video>` or a WebRTC connection.
 */
import type { FilterLike } from '../filterSpec.js';
import { Camera } from './camera.js';
import { FilterCanvas, type FilterCanvasOptions } from './filterCanvas.js';

export interface WebcamOptions extends Omit<FilterCanvasOptions, 'kernel' | 'source' | 'canvas'> {
  /** Constraints for the camera's video track. @defaultValue DEFAULT_CAMERA (the user-facing camera) */
  camera?: MediaTrackConstraints;
}

export interface WebcamFilter {
  readonly filter: FilterCanvas;
  /** The camera's own (unfiltered) stream. */
  readonly camera: MediaStream;
  /**
   * The filtered frames as a MediaStream (the canvas's `captureStream`), made
   * on first call; `frameRate` caps it (default: a frame whenever the canvas changes).
   */
  output(frameRate?: number): MediaStream;
  /** Stops the camera tracks and the output stream and frees the filter. Idempotent. */
  dispose(): void;
}

/**
 * Opens the camera and shows it filtered on `canvas`:
 * `const cam = await filterWebcam(canvas, 'sobel_x', { output: 'abs', mirror: true })`.
 * Rejects with an ImageError saying why when the camera cannot be opened (denied, missing, busy).
 */
export async function filterWebcam(canvas: HTMLCanvasElement, kernel: FilterLike, options: WebcamOptions = {}): Promise<WebcamFilter> {
  const { camera: constraints, ...filterOptions } = options;
  const camera = await Camera.open(constraints);
  let filter: FilterCanvas;
  try {
    filter = new FilterCanvas({ ...filterOptions, kernel, canvas, source: camera.video });
  } catch (error) {
    camera.stop();
    throw error;
  }
  let output: MediaStream | null = null;
  return {
    filter,
    camera: camera.stream,
    output(frameRate?: number): MediaStream {
      output ??= frameRate === undefined ? canvas.captureStream() : canvas.captureStream(frameRate);
      return output;
    },
    dispose(): void {
      filter.dispose();
      camera.stop();
      output?.getTracks().forEach((track) => track.stop());
    },
  };
}
