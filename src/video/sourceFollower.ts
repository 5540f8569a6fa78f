/**
 * SourceFollower: when a live filter draws its source. Once started, a still
 * is drawn at once (an `<img>` once it has decoded) and a `<video>` on each
 * new frame, skipped while the page is hidden. After a change of settings a
 * still (or a paused video) is drawn again; a playing video shows the change
 * with its next frame.
 */
import { hasFrame, type GpuImageSource } from '../gpu/source.js';
import { watchVideo } from './frameLoop.js';

export class SourceFollower {
  private following = false;
  private stopVideo: (() => void) | null = null;

  /** `draw` shows a frame of the source; `dropped` counts video frames not drawn. */
  constructor(
    private current: GpuImageSource | null,
    private readonly draw: (frame: GpuImageSource) => void,
    private readonly dropped: (count: number) => void,
  ) {}

  /** The source followed (null: none). */
  get source(): GpuImageSource | null {
    return this.current;
  }

  /** Between start and stop. */
  get running(): boolean {
    return this.following;
  }

  /** The source, when it has a frame to draw now. */
  get frame(): GpuImageSource | null {
    const { current } = this;
    return current && hasFrame(current) ? current : null;
  }

  /** Follows another source (null: none), from now on if started. */
  setSource(source: GpuImageSource | null): void {
    this.unwatch();
    this.current = source;
    if (this.following) this.follow();
  }

  start(): void {
    if (this.following) return;
    this.following = true;
    this.follow();
  }

  /** Stops following (what was drawn last stays). */
  stop(): void {
    this.following = false;
    this.unwatch();
  }

  /** Draws a still (or a paused video) again after a change; a playing video shows it with its next frame. */
  refresh(): void {
    const frame = this.following ? this.frame : null;
    if (!frame || (isVideo(frame) && !frame.paused && !frame.ended)) return;
    this.draw(frame);
  }

  private follow(): void {
    const source = this.current;
    if (!source) return;
    if (isImage(source) && !hasFrame(source)) {
      void source.decode().then(
        () => this.current === source && this.refresh(),
        () => undefined,
      );
      return;
    }
    if (!isVideo(source)) {
      this.draw(source);
      return;
    }
    this.stopVideo = watchVideo(source, ({ missed }) => {
      this.dropped(missed);
      // A hidden page skips frames rather than drawing what nobody sees.
      if (typeof document !== 'undefined' && document.hidden) this.dropped(1);
      else this.draw(source);
    });
    if (hasFrame(source)) this.draw(source);
  }

  private unwatch(): void {
    this.stopVideo?.();
    this.stopVideo = null;
  }
}

function isVideo(source: GpuImageSource): source is HTMLVideoElement {
  return typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement;
}

function isImage(source: GpuImageSource): source is HTMLImageElement {
  return typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement;
}
