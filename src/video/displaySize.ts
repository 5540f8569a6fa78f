/**
 * Keeps a canvas's drawing buffer at its CSS size times devicePixelRatio, so
 * the filtered image is drawn at the screen's own resolution. Device pixels
 * come from `device-pixel-content-box` where the browser reports it and it
 * agrees with devicePixelRatio (exact, and it follows a window moved to
 * another screen; an emulated ratio leaves it at the real screen's);
 * elsewhere the CSS box is multiplied by devicePixelRatio.
 */
import type { Size } from '../gpu/source.js';

/** The canvas's layout size in device pixels now (at least 1x1). */
export function displaySize(canvas: HTMLCanvasElement): Size {
  const rect = canvas.getBoundingClientRect();
  return devicePixels(rect.width, rect.height);
}

/** Calls `onResize` with the new device-pixel size whenever the canvas's layout size changes; returns the function that stops. */
export function watchDisplaySize(canvas: HTMLCanvasElement, onResize: (size: Size) => void): () => void {
  const observer = new ResizeObserver((entries) => {
    const entry = entries[entries.length - 1];
    if (entry) onResize(entrySize(entry));
  });
  try {
    observer.observe(canvas, { box: 'device-pixel-content-box' });
  } catch {
    observer.observe(canvas, { box: 'content-box' });
  }
  return () => observer.disconnect();
}

function entrySize(entry: ResizeObserverEntry): Size {
  const box = entry.contentBoxSize?.[0];
  const scaled = box ? devicePixels(box.inlineSize, box.blockSize) : devicePixels(entry.contentRect.width, entry.contentRect.height);
  const device = entry.devicePixelContentBoxSize?.[0];
  // The device box is exact where CSS times ratio rounds; but an emulated
  // devicePixelRatio (devtools, headless) leaves it at the real screen's, so it
  // is only taken when it agrees with the ratio to the pixel.
  const agrees = device && Math.abs(device.inlineSize - scaled.width) <= 1 && Math.abs(device.blockSize - scaled.height) <= 1;
  return agrees ? { width: Math.max(1, device.inlineSize), height: Math.max(1, device.blockSize) } : scaled;
}

function devicePixels(cssWidth: number, cssHeight: number): Size {
  const ratio = globalThis.devicePixelRatio || 1;
  return { width: Math.max(1, Math.round(cssWidth * ratio)), height: Math.max(1, Math.round(cssHeight * ratio)) };
}
