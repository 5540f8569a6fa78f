/**
 * The camera as a playing `<video>`: getUserMedia with errors that say what
 * went wrong and what to do, and a `stop()` that ends every track.
 */
import { ImageError } from '../errors.js';

/** The camera constraints used when none are given. */
export const DEFAULT_CAMERA: MediaTrackConstraints = Object.freeze({ facingMode: 'user' });

export class Camera {
  private constructor(
    readonly stream: MediaStream,
    readonly video: HTMLVideoElement,
  ) {}

  /**
   * Opens the camera and plays it (muted, inline) in a `<video>` that is not
   * in the document. When `signal` aborts before the camera is open, the
   * tracks are stopped and the promise rejects with the signal's reason.
   */
  static async open(constraints: MediaTrackConstraints = DEFAULT_CAMERA, signal?: AbortSignal): Promise<Camera> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      throw new ImageError('no camera API here: getUserMedia needs a browser page in a secure context (https:// or http://localhost).');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: constraints, audio: false });
    } catch (error) {
      throw cameraError(error);
    }
    const camera = new Camera(stream, document.createElement('video'));
    try {
      signal?.throwIfAborted();
      await camera.play(signal);
      return camera;
    } catch (error) {
      camera.stop();
      throw error;
    }
  }

  /** Ends every track (the camera light goes off) and detaches the video. Idempotent. */
  stop(): void {
    this.stream.getTracks().forEach((track) => track.stop());
    this.video.pause();
    this.video.srcObject = null;
  }

  private async play(signal?: AbortSignal): Promise<void> {
    const { video } = this;
    Object.assign(video, { muted: true, playsInline: true, srcObject: this.stream });
    const aborted = new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    // Handled here too, so an abort after play() won is not an unhandled rejection.
    aborted.catch(() => undefined);
    await Promise.race([video.play(), aborted]);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  NotAllowedError: 'camera access was denied; allow it in the browser (site settings) or show an image or video instead.',
  SecurityError: 'camera access is blocked here (insecure context or permissions policy); serve the page over https or localhost.',
  NotFoundError: 'no camera was found; connect one, or show an image or video instead.',
  NotReadableError: 'the camera could not be started (another application may be using it).',
  OverconstrainedError: 'no camera satisfies the requested constraints; ask for less (e.g. a smaller width and height).',
  AbortError: 'opening the camera was aborted.',
};

function cameraError(error: unknown): ImageError {
  const name = (error as Error)?.name ?? '';
  const reason = REASONS[name] ?? `the camera could not be opened (${String((error as Error)?.message ?? error)}).`;
  return new ImageError(reason);
}
