/**
 * DisplayOptions: how a live filter shows its result on its canvas (fit,
 * mirror, drawing-buffer resolution), with defaults stated once and values
 * validated like FilterOptions.
 */
import { OptionError, describe } from '../errors.js';
import { MAX_IMAGE_SIDE } from '../image.js';
import { FITS, type Fit } from '../gpu/placement.js';
import type { Size } from '../gpu/source.js';
import { oneOf, type FilterOptions } from '../options.js';

/**
 * The canvas's drawing-buffer size: `source` (one canvas pixel per image
 * pixel), `display` (the canvas's CSS box times devicePixelRatio, followed as
 * the layout changes; the canvas needs a CSS width and height), or a fixed size.
 */
export type Resolution = 'source' | 'display' | Size;

export interface DisplayOptions {
  /**
   * How the image fills a canvas of another shape (see FITS).
   * @defaultValue 'contain'
   */
  fit?: Fit;
  /**
   * Mirror the view left to right (a selfie view). Only the display is mirrored, never the result.
   * @defaultValue false
   */
  mirror?: boolean;
  /**
   * The canvas's drawing-buffer size (see Resolution).
   * @defaultValue 'source'
   */
  resolution?: Resolution;
}

export interface ResolvedDisplay {
  readonly fit: Fit;
  readonly mirror: boolean;
  readonly resolution: Resolution;
}

export const DEFAULT_DISPLAY: ResolvedDisplay = Object.freeze({ fit: 'contain', mirror: false, resolution: 'source' });

/** Filter and display options together: what a live filter takes and `setOptions` changes. */
export type LiveOptions = FilterOptions & DisplayOptions;

/** Validates display options (from code or an element's attributes) and fills in defaults. */
export function resolveDisplay(options: { readonly [K in keyof DisplayOptions]?: unknown } = {}): ResolvedDisplay {
  const { fit, mirror, resolution } = options;
  if (mirror !== undefined && typeof mirror !== 'boolean') throw new OptionError(`mirror must be true or false; got ${describe(mirror)}.`);
  return Object.freeze({
    fit: fit === undefined ? DEFAULT_DISPLAY.fit : oneOf('fit', fit, FITS),
    mirror: mirror ?? DEFAULT_DISPLAY.mirror,
    resolution: resolution === undefined ? DEFAULT_DISPLAY.resolution : checkResolution(resolution),
  });
}

/** Splits live options into the filter's and the display's part. */
export function splitLiveOptions(options: LiveOptions): { filter: FilterOptions; display: DisplayOptions } {
  const { fit, mirror, resolution, ...filter } = options;
  return { filter, display: { fit, mirror, resolution } };
}

function checkResolution(value: unknown): Resolution {
  if (value === 'source' || value === 'display') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { width, height } = value as Partial<Size>;
    const side = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_IMAGE_SIDE;
    if (side(width) && side(height)) return { width, height };
  }
  throw new OptionError(
    `resolution must be 'source', 'display' or { width, height } with integers from 1 to ${MAX_IMAGE_SIDE}; got ${describe(value)}.`,
  );
}
