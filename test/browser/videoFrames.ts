// In-page helpers for the video tests: reading what a canvas shows, and
// comparing it with the CPU reference of the same input.
import {
  cpuFilter,
  type FilterResult,
  type FrameSnapshot,
  type KernelFilterElement,
  type KernelglError,
  type RgbaImage,
} from '../../src/index.js';
import { compare, type Difference } from './parity.js';

let reader: CanvasRenderingContext2D | null = null;

/** What `canvas` shows now, as RGBA bytes (call it while the frame is in the canvas, e.g. in onFrame). */
export function shownPixels(canvas: HTMLCanvasElement | OffscreenCanvas): ImageData {
  if (!reader) reader = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const { width, height } = canvas;
  Object.assign(reader.canvas, { width, height });
  reader.clearRect(0, 0, width, height);
  reader.drawImage(canvas, 0, 0);
  return reader.getImageData(0, 0, width, height);
}

/** An image as a result, for comparison. */
function asResult(image: RgbaImage, like: FilterResult): FilterResult {
  return { width: image.width, height: image.height, data: Uint8ClampedArray.from(image.data), plan: like.plan };
}

/** The CPU reference of a snapshot's input and settings. */
export function reference(snapshot: FrameSnapshot): FilterResult {
  return cpuFilter(snapshot.source, snapshot.kernel, snapshot.options);
}

/** Snapshot result vs the CPU reference, and (optionally) the shown pixels vs the same reference. */
export function checkSnapshot(snapshot: FrameSnapshot, shown?: ImageData): { result: Difference; shown: Difference | null } {
  const cpu = reference(snapshot);
  return { result: compare(snapshot.result, cpu), shown: shown ? compare(asResult(shown, cpu), cpu) : null };
}

/** A still image with every byte value in every channel, opaque (drawImage readback keeps RGB only where alpha is 255). */
export function testImage(width: number, height: number, seed: number): ImageData {
  const { random } = window.parity;
  const next = random(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let k = 0; k < data.length; k++) data[k] = (k & 3) === 3 ? 255 : Math.floor(next() * 256);
  return new ImageData(data, width, height);
}

/** A PNG data: URL of `image` (lossless; opaque pixels come back exactly). */
export function pngUrl(image: ImageData): string {
  const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

/** Resolves with the next `type` event of `target`, or rejects after `ms`. */
export function nextEvent(target: EventTarget, type: string, ms = 30_000): Promise<Event> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms`)), ms);
    target.addEventListener(type, (event) => (clearTimeout(timer), resolve(event)), { once: true });
  });
}

/** A `<kernel-filter>` of `width` x `height` CSS pixels with `attributes`, appended to the page. */
export function mountFilter(attributes: Record<string, string>, width: number, height: number): KernelFilterElement {
  window.kernelgl.defineKernelFilter();
  const element = document.createElement('kernel-filter');
  element.style.width = `${width}px`;
  element.style.height = `${height}px`;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  return element;
}

/** The ready event's detail, or the error event's error as plain data. */
export async function settle(
  element: KernelFilterElement,
): Promise<{ ready?: unknown; error?: { name: string; code: string; message: string } }> {
  const event = await Promise.race([nextEvent(element, 'ready'), nextEvent(element, 'error')]);
  if (event instanceof ErrorEvent) {
    const { name, code, message } = event.error as KernelglError;
    return { error: { name, code, message } };
  }
  return { ready: (event as CustomEvent).detail };
}

/** The canvas inside a `<kernel-filter>`. */
export function canvasOf(element: KernelFilterElement): HTMLCanvasElement {
  return element.shadowRoot!.querySelector('canvas')!;
}

/** Draws the element's current frame again and returns what its canvas then shows. */
export function redrawAndRead(element: KernelFilterElement): ImageData {
  element.filter!.render();
  return shownPixels(canvasOf(element));
}
