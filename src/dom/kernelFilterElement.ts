/**
 * `<kernel-filter>`: a custom element that shows an image, a video or the
 * webcam filtered live.
 *
 * ```html
 * <kernel-filter src="photo.jpg" kernel="gaussian:15:3" border="reflect101"></kernel-filter>
 * <kernel-filter webcam mirror kernel="sobel_x" output="abs" channels="gray"></kernel-filter>
 * <kernel-filter src="scan.png" kernel="median:5"></kernel-filter>
 * ```
 *
 * `kernel` takes any filter spec (kernels, `median:5`, `erode:rect:5`,
 * `bilateral:9:75:75`, JSON); without a `border` attribute each filter kind
 * has its own default border.
 *
 * It builds when connected, follows attribute changes, frees everything
 * (WebGL objects and context, camera tracks, media) when disconnected, and
 * fires `ready` (first frame of a source drawn) and `error` (an ErrorEvent
 * whose `error` is a KernelglError saying what is wrong). Nothing is defined
 * on import: call `defineKernelFilter()`.
 */
import { GpuError, KernelglError } from '../errors.js';
import { Camera } from '../video/camera.js';
import { FilterCanvas, type FrameSnapshot } from '../video/filterCanvas.js';
import type { FrameStats } from '../video/frameStats.js';
import { loadMedia, type LoadedMedia } from '../video/mediaSource.js';
import { KERNEL_FILTER_ATTRIBUTES, SOURCE_ATTRIBUTES, readKernel, readOptions, type KernelFilterAttribute } from './elementConfig.js';

/** The `<kernel-filter>` element's own API, on top of HTMLElement. */
export interface KernelFilterElement extends HTMLElement {
  /** The live filter while connected and built, else null. */
  readonly filter: FilterCanvas | null;
  /** The canvas in the shadow root that shows the frames, while built, else null; `drawImage` and `toBlob` capture what is shown. */
  readonly canvas: HTMLCanvasElement | null;
  /** Frame statistics while built, else null. */
  readonly stats: FrameStats | null;
  /** The next frame with its exact input, for checks against the CPU reference (see FilterCanvas.snapshot). */
  snapshot(): Promise<FrameSnapshot>;
}

/** Details of the `ready` event. */
export interface KernelFilterReadyDetail {
  readonly width: number;
  readonly height: number;
  readonly renderer: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'kernel-filter': KernelFilterElement;
  }
}

const STYLE = `
:host { display: inline-block; position: relative; width: 320px; height: 240px; overflow: hidden; }
:host([hidden]) { display: none; }
canvas { display: block; width: 100%; height: 100%; }
`;

/**
 * Defines `<kernel-filter>` (or `name`) once and returns its class; calling
 * it again with the same name returns the class already defined.
 */
export function defineKernelFilter(name = 'kernel-filter'): CustomElementConstructor {
  const existing = customElements.get(name);
  if (existing) return existing;
  const constructor = kernelFilterClass();
  customElements.define(name, constructor);
  return constructor;
}

let elementClass: CustomElementConstructor | null = null;

/** The class is made on first use: HTMLElement does not exist in Node or in workers. */
function kernelFilterClass(): CustomElementConstructor {
  elementClass ??= class extends HTMLElement implements KernelFilterElement {
    static readonly observedAttributes = KERNEL_FILTER_ATTRIBUTES;
    private live: FilterCanvas | null = null;
    private shown: HTMLCanvasElement | null = null;
    private media: LoadedMedia | Camera | null = null;
    private loading: AbortController | null = null;
    private awaitingFirstFrame = false;
    /** Between connectedCallback and disconnectedCallback (attribute callbacks of an upgrade come before). */
    private active = false;

    constructor() {
      super();
      const style = document.createElement('style');
      style.textContent = STYLE;
      this.attachShadow({ mode: 'open' }).append(style);
    }

    get filter(): FilterCanvas | null {
      return this.live;
    }

    get canvas(): HTMLCanvasElement | null {
      return this.shown;
    }

    get stats(): FrameStats | null {
      return this.live?.stats ?? null;
    }

    snapshot(): Promise<FrameSnapshot> {
      if (!this.live) return Promise.reject(new GpuError('<kernel-filter> is not built: connect it with valid attributes first.'));
      return this.live.snapshot();
    }

    connectedCallback(): void {
      this.active = true;
      this.build();
    }

    disconnectedCallback(): void {
      this.active = false;
      this.teardown();
    }

    attributeChangedCallback(name: KernelFilterAttribute, previous: string | null, next: string | null): void {
      if (!this.active || previous === next) return;
      if (!this.live) {
        this.build();
      } else if (SOURCE_ATTRIBUTES.includes(name)) {
        void this.loadSource();
      } else {
        this.attempt(() => (name === 'kernel' ? this.live?.setKernel(readKernel(this)) : this.live?.setOptions(readOptions(this))));
      }
    }

    private build(): void {
      this.teardown();
      this.attempt(() => {
        const kernel = readKernel(this);
        const options = readOptions(this);
        const canvas = document.createElement('canvas');
        canvas.setAttribute('part', 'canvas');
        this.shadowRoot!.append(canvas);
        this.shown = canvas;
        this.live = new FilterCanvas({ ...options, kernel, canvas, onFrame: this.onFrame, onError: (error) => this.fail(error) });
      });
      if (this.live) void this.loadSource();
    }

    /** Frees the filter, its context, the camera and the media. Idempotent. */
    private teardown(): void {
      this.releaseMedia();
      this.live?.dispose();
      this.live = null;
      // The canvas is this element's own: its context goes now, not at garbage collection.
      this.shown?.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
      this.shown?.remove();
      this.shown = null;
    }

    private async loadSource(): Promise<void> {
      this.releaseMedia();
      const loading = new AbortController();
      this.loading = loading;
      const src = this.getAttribute('src');
      try {
        const media = this.hasAttribute('webcam')
          ? await Camera.open(undefined, loading.signal)
          : src
            ? await loadMedia(src, loading.signal)
            : null;
        if (loading.signal.aborted) {
          release(media);
          return;
        }
        this.media = media;
        this.awaitingFirstFrame = media !== null;
        this.live?.setSource(media instanceof Camera ? media.video : (media?.element ?? null));
      } catch (error) {
        if (!loading.signal.aborted) this.fail(error);
      }
    }

    private releaseMedia(): void {
      this.loading?.abort();
      this.loading = null;
      this.live?.setSource(null);
      release(this.media);
      this.media = null;
    }

    private readonly onFrame = (stats: FrameStats): void => {
      if (!this.awaitingFirstFrame || !this.live) return;
      this.awaitingFirstFrame = false;
      const detail: KernelFilterReadyDetail = { width: stats.width, height: stats.height, renderer: this.live.renderer };
      this.dispatchEvent(new CustomEvent('ready', { detail }));
    };

    /** Runs `step`; a failure becomes an `error` event instead of an exception. */
    private attempt(step: () => void): void {
      try {
        step();
      } catch (error) {
        this.fail(error);
      }
    }

    /** Fires `error` after the current script, so a listener added right after connecting still hears it. */
    private fail(error: unknown): void {
      const reason =
        error instanceof KernelglError ? error : new GpuError(`<kernel-filter> failed: ${(error as Error)?.message ?? String(error)}`);
      queueMicrotask(() => this.dispatchEvent(new ErrorEvent('error', { error: reason, message: reason.message })));
    }
  };
  return elementClass;
}

function release(media: LoadedMedia | Camera | null): void {
  if (media instanceof Camera) media.stop();
  else media?.release();
}
