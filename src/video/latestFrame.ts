/**
 * Pushed frames, never queued: the newest waits for the next animation frame
 * and is drawn then; one pushed before that replaces it, and the older is
 * closed and counted as dropped. A page or worker that falls behind (or is
 * hidden, which throttles animation frames) skips frames instead of piling
 * them up, and every frame is closed exactly once.
 */
type Schedule = (callback: () => void) => number;
type Cancel = (handle: number) => void;

const schedule: Schedule = globalThis.requestAnimationFrame?.bind(globalThis) ?? ((callback) => setTimeout(callback, 0));
const cancel: Cancel = globalThis.cancelAnimationFrame?.bind(globalThis) ?? ((handle) => clearTimeout(handle));

export class LatestFrame {
  private frame: VideoFrame | null = null;
  private handle = 0;

  /** `draw` shows a frame (it is closed afterwards); `dropped` hears of each frame skipped. */
  constructor(
    private readonly draw: (frame: VideoFrame) => void,
    private readonly dropped: () => void,
  ) {}

  /** Takes `frame` (and the duty to close it) as the one to draw next. */
  offer(frame: VideoFrame): void {
    if (this.frame) {
      this.frame.close();
      this.dropped();
    }
    this.frame = frame;
    if (!this.handle) this.handle = schedule(this.drawLatest);
  }

  /** Closes the waiting frame, if any, and cancels its drawing. Idempotent. */
  dispose(): void {
    if (this.handle) cancel(this.handle);
    this.handle = 0;
    this.frame?.close();
    this.frame = null;
  }

  private readonly drawLatest = (): void => {
    this.handle = 0;
    const { frame } = this;
    this.frame = null;
    if (!frame) return;
    try {
      this.draw(frame);
    } finally {
      frame.close();
    }
  };
}
