/**
 * The integer codes that the shaders and the TypeScript share, in one
 * table: option values as the shaders compare them, and the border
 * mapping's OUTSIDE, which is the CPU reference's own (src/border.ts).
 * Every program is built with them as `#define`s (see shaders.ts), so no
 * shader file repeats a number that the code sets.
 */
import { OUTSIDE } from '../border.js';
import type { PipelineStep } from '../pipeline.js';
import type { Border, Output } from '../options.js';

type Combiner = Exclude<PipelineStep['op'], 'filter'>;

export const BORDER_CODES = { replicate: 0, reflect: 1, reflect101: 2, wrap: 3, constant: 4 } as const satisfies Record<Border, number>;
export const OUTPUT_CODES = { saturate: 0, abs: 1, float: 2 } as const satisfies Record<Output, number>;
export const OP_CODES = { magnitude: 0, abs: 1, mix: 2 } as const satisfies Record<Combiner, number>;

/** `PREFIX_NAME value` for each entry of `codes`: BORDER_REFLECT101, OUTPUT_FLOAT, OP_MIX. */
function defines(prefix: string, codes: Readonly<Record<string, number>>): string[] {
  return Object.entries(codes).map(([name, code]) => `${prefix}_${name.toUpperCase()} ${code}`);
}

/** The codes as `#define` bodies, for every program. */
export const CODE_DEFINES: readonly string[] = [
  ...defines('BORDER', BORDER_CODES),
  ...defines('OUTPUT', OUTPUT_CODES),
  ...defines('OP', OP_CODES),
  // Parenthesised: it is negative.
  `OUTSIDE (${OUTSIDE})`,
];
