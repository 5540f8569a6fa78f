/**
 * FilterOptions: the numeric contract of DESIGN.md section 1 as types, with
 * every default stated once (here) and every value validated with an error
 * that lists what is allowed.
 */
import { OptionError, describe } from './errors.js';

/** How coordinates outside the image are mapped back in (OpenCV's `BORDER_*`). */
export const BORDERS = ['replicate', 'reflect', 'reflect101', 'wrap', 'constant'] as const;
export type Border = (typeof BORDERS)[number];

/** `correlate` is `cv2.filter2D` (no flip); `convolve` rotates the kernel 180 degrees first. */
export const MODES = ['correlate', 'convolve'] as const;
export type Mode = (typeof MODES)[number];

/** Which channels are filtered: RGB with alpha copied, all four, or OpenCV luma. */
export const CHANNELS = ['rgb', 'rgba', 'gray'] as const;
export type Channels = (typeof CHANNELS)[number];

/** How the float sum becomes a result: rounded and clamped, absolute value, or raw float32. */
export const OUTPUTS = ['saturate', 'abs', 'float'] as const;
export type Output = (typeof OUTPUTS)[number];

/** Which execution plan to use: the cheapest exact one, one 2D pass, or 1D passes. */
export const PLAN_CHOICES = ['auto', 'direct', 'separable'] as const;
export type PlanChoice = (typeof PLAN_CHOICES)[number];

export type BorderValue = number | readonly [number, number, number, number];

export interface FilterOptions {
  /**
   * Border handling, equal to `cv::borderInterpolate`. The default is OpenCV's
   * for each filter kind: `replicate` for kernels and medians, `constant` (with
   * the neutral value) for morphology, `reflect101` for bilateral.
   * @defaultValue 'replicate'
   */
  border?: Border;
  /**
   * The value outside the image for `border: 'constant'`: one number for every
   * channel or `[r, g, b, a]` (for `channels: 'gray'` the first entry is the luma).
   * Morphology without one uses the neutral value, so the border never wins.
   * @defaultValue 0
   */
  borderValue?: BorderValue;
  /**
   * `correlate` (what `cv2.filter2D` computes) or `convolve` (kernel and anchor rotated 180 degrees).
   * @defaultValue 'correlate'
   */
  mode?: Mode;
  /**
   * `rgb`: R, G, B filtered, alpha copied; `rgba`: all four; `gray`: OpenCV luma, returned as R = G = B, alpha 255.
   * @defaultValue 'rgb'
   */
  channels?: Channels;
  /**
   * `saturate`: round half to even, clamp 0..255; `abs`: saturate(|v|); `float`: raw float32 values.
   * @defaultValue 'saturate'
   */
  output?: Output;
  /**
   * Multiplies the sum: out = sum * scale + delta. Any finite number
   * within float32 range.
   * @defaultValue 1
   */
  scale?: number;
  /**
   * Added after scaling: out = sum * scale + delta. Any finite number
   * within float32 range.
   * @defaultValue 0
   */
  delta?: number;
  /**
   * `auto` picks the cheapest plan that keeps the parity bounds; `direct` forces one 2D pass;
   * `separable` forces 1D passes (an error for kernels that do not decompose).
   * @defaultValue 'auto'
   */
  plan?: PlanChoice;
}

/** Options with every default filled in; `borderValue` always has four entries. */
export interface ResolvedOptions {
  readonly border: Border;
  readonly borderValue: readonly [number, number, number, number];
  readonly mode: Mode;
  readonly channels: Channels;
  readonly output: Output;
  readonly scale: number;
  readonly delta: number;
  readonly plan: PlanChoice;
}

export const DEFAULT_OPTIONS: ResolvedOptions = Object.freeze({
  border: 'replicate',
  borderValue: Object.freeze([0, 0, 0, 0] as const),
  mode: 'correlate',
  channels: 'rgb',
  output: 'saturate',
  scale: 1,
  delta: 0,
  plan: 'auto',
});

const OPTION_NAMES = Object.keys(DEFAULT_OPTIONS) as readonly (keyof ResolvedOptions)[];

/**
 * Validates user options (from code, the command line or an element) and
 * fills in defaults (`defaults`: a filter kind's own, DESIGN.md section 6).
 */
export function resolveOptions(options: unknown = {}, defaults: ResolvedOptions = DEFAULT_OPTIONS): ResolvedOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new OptionError(`options must be an object, got ${describe(options)}.`);
  }
  const given = options as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) {
      throw new OptionError(`unknown option ${describe(name)}; valid options: ${OPTION_NAMES.join(', ')}.`);
    }
  }
  const pick = <T>(name: keyof ResolvedOptions, check: (value: unknown) => T): T =>
    given[name] === undefined ? (defaults[name] as T) : check(given[name]);
  return Object.freeze({
    border: pick('border', (v) => oneOf('border', v, BORDERS)),
    borderValue: pick('borderValue', borderValue),
    mode: pick('mode', (v) => oneOf('mode', v, MODES)),
    channels: pick('channels', (v) => oneOf('channels', v, CHANNELS)),
    output: pick('output', (v) => oneOf('output', v, OUTPUTS)),
    scale: pick('scale', (v) => finite('scale', v)),
    delta: pick('delta', (v) => finite('delta', v)),
    plan: pick('plan', (v) => oneOf('plan', v, PLAN_CHOICES)),
  });
}

/** Checks that `value` is one of `allowed`, naming the option and the allowed values otherwise. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new OptionError(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got ${describe(value)}.`);
}

/**
 * Checks that `value` is a finite number that stays finite in float32, as
 * the engines compute with it (beyond, 0 * Infinity would make NaN).
 */
export function finite(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(Math.fround(value))) return value;
  throw new OptionError(`${name} must be a finite number within float32 range (|v| < 3.4e38); got ${describe(value)}.`);
}

function borderValue(value: unknown): readonly [number, number, number, number] {
  if (typeof value === 'number') {
    const v = finite('borderValue', value);
    return Object.freeze([v, v, v, v] as const);
  }
  if (Array.isArray(value) && value.length === 4) {
    // Array.from, not map: a hole in a sparse array is a missing value, not one to skip.
    const [r, g, b, a] = Array.from(value, (v: unknown, i) => finite(`borderValue[${i}]`, v));
    return Object.freeze([r!, g!, b!, a!] as const);
  }
  throw new OptionError(`borderValue must be a finite number or an array [r, g, b, a] of four; got ${describe(value)}.`);
}
