/**
 * The drawing-buffer size of a live filter's canvas, by its `resolution`
 * (see Resolution): a fixed size is set at once, `source` takes each frame's
 * size as it is drawn, and `display` is the canvas's layout size, measured
 * when chosen and then followed. Only a `<canvas>` on the page has a layout:
 * a WorkerFilter follows it on the page for the canvas it handed to its worker.
 */
import type { GlCanvas } from '../gpu/context.js';
import type { Size } from '../gpu/source.js';
import type { Resolution } from './displayOptions.js';
import { displaySize, watchDisplaySize } from './displaySize.js';

/** Follows a `<canvas>`'s layout size while the resolution is 'display'. */
export class DisplayFollower {
  private unwatch: (() => void) | null = null;

  /** `onResize` hears each new layout size (device pixels) while followed. */
  constructor(
    private readonly canvas: GlCanvas,
    private readonly onResize: (size: Size) => void,
  ) {}

  /** Starts or stops following as `resolution` says; returns the layout size when following starts now, else null. */
  follow(resolution: Resolution): Size | null {
    const { canvas } = this;
    if (resolution !== 'display' || !isCanvasElement(canvas)) {
      this.stop();
      return null;
    }
    if (this.unwatch) return null;
    this.unwatch = watchDisplaySize(canvas, this.onResize);
    return displaySize(canvas);
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = null;
  }
}

/** Keeps a canvas at the size its resolution gives. */
export class CanvasSizer {
  private resolution: Resolution = 'source';
  private readonly display: DisplayFollower;

  /** `onCleared` hears of each resize by the layout: resizing clears the canvas, so the frame shown is gone. */
  constructor(
    private readonly canvas: GlCanvas,
    onCleared: () => void,
  ) {
    this.display = new DisplayFollower(canvas, (size) => {
      if (this.resize(size)) onCleared();
    });
  }

  /** Sizes the canvas by `resolution` from now on. */
  apply(resolution: Resolution): void {
    this.resolution = resolution;
    const measured = this.display.follow(resolution);
    const size = typeof resolution === 'object' ? resolution : measured;
    if (size) this.resize(size);
  }

  /** Sizes the canvas for a frame about to be drawn: to the frame's size, when the resolution is 'source'. */
  fit(frame: Size): void {
    if (this.resolution === 'source') this.resize(frame);
  }

  /** Stops following the layout. */
  dispose(): void {
    this.display.stop();
  }

  /** True when the size changed. */
  private resize({ width, height }: Size): boolean {
    if (this.canvas.width === width && this.canvas.height === height) return false;
    this.canvas.width = width;
    this.canvas.height = height;
    return true;
  }
}

function isCanvasElement(canvas: GlCanvas): canvas is HTMLCanvasElement {
  return typeof HTMLCanvasElement !== 'undefined' && canvas instanceof HTMLCanvasElement;
}
