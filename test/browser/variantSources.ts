// Reading a program variant back from its fragment source (src/gpu/shaders.ts
// puts a variant's #defines after the shared codes, before the file's first
// #line): for naming programs in the uniform check, and for the fuzz test's
// proof that no input reaches a shader, only shapes and roles do.
import { CODE_DEFINES } from '../../src/gpu/codes.js';
import { SHADER_FILES, type VariantFile } from '../../src/gpu/shaders.js';

const VARIANT_FILES: readonly VariantFile[] = [
  'convolve-image.frag.glsl',
  'convolve-float.frag.glsl',
  'convolve-packed.frag.glsl',
  'copy.frag.glsl',
  'combine.frag.glsl',
  'median-select.frag.glsl',
  'median-count.frag.glsl',
  'morphology.frag.glsl',
  'bilateral.frag.glsl',
];

/** What a variant's define may say: a role, or a shape or code as a decimal integer. */
const VARIANT_DEFINE =
  /^(MAP_BORDERS|START|COLUMN|FINISH|SOURCE_ALPHA|IMAGE_INPUT|PACKED|BYTES|LINE|DILATE|(LINES|TAPS|COLS|ROWS|GROUPS|FINAL_OUTPUT|SIZE|CHANNELS) \d{1,9})$/;

export interface ParsedVariant {
  readonly file: VariantFile;
  readonly defines: readonly string[];
}

/** The variant file and defines `source` was built from, or null when it is no variant the engine builds. */
export function parseVariant(source: string): ParsedVariant | null {
  const defines = [...source.slice(0, source.indexOf('#line')).matchAll(/^#define (.*)$/gm)]
    .map((m) => m[1]!)
    .filter((d) => !CODE_DEFINES.includes(d));
  if (!defines.every((d) => VARIANT_DEFINE.test(d))) return null;
  const file = VARIANT_FILES.find((f) => SHADER_FILES.source(f, ...defines) === source);
  return file ? { file, defines } : null;
}

export { VARIANT_FILES };
