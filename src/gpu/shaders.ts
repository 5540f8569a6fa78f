/**
 * The shader sources, from the files in `shaders/`. A file may
 * `#include "name.glsl"` a shared chunk; each program is built with the
 * shared codes (codes.ts) and its variant's `#define`s after its `#version`
 * line. `#line` directives around every chunk keep the
 * compiler's line numbers those of the files, and their source-string
 * numbers name the file, so a compile error points at the line written.
 * No kernel value ever enters shader source: kernels arrive as textures and
 * uniforms; a variant names only a pass's shape and its place in the run.
 */
import bilateralFrag from '../../shaders/bilateral.frag.glsl?raw';
import borderGlsl from '../../shaders/border.glsl?raw';
import combineFrag from '../../shaders/combine.frag.glsl?raw';
import convolveFloatFrag from '../../shaders/convolve-float.frag.glsl?raw';
import convolveImageFrag from '../../shaders/convolve-image.frag.glsl?raw';
import convolvePackedFrag from '../../shaders/convolve-packed.frag.glsl?raw';
import convolveGlsl from '../../shaders/convolve.glsl?raw';
import copyFrag from '../../shaders/copy.frag.glsl?raw';
import fullscreenVert from '../../shaders/fullscreen.vert.glsl?raw';
import imageGlsl from '../../shaders/image.glsl?raw';
import medianCountFrag from '../../shaders/median-count.frag.glsl?raw';
import medianSelectFrag from '../../shaders/median-select.frag.glsl?raw';
import morphologyFrag from '../../shaders/morphology.frag.glsl?raw';
import ordinalGlsl from '../../shaders/ordinal.glsl?raw';
import outputGlsl from '../../shaders/output.glsl?raw';
import packLumaFrag from '../../shaders/pack-luma.frag.glsl?raw';
import packedElementGlsl from '../../shaders/packed-element.glsl?raw';
import presentFrag from '../../shaders/present.frag.glsl?raw';
import presentVert from '../../shaders/present.vert.glsl?raw';
import windowGlsl from '../../shaders/window.glsl?raw';
import { GpuError } from '../errors.js';
import { CODE_DEFINES } from './codes.js';

const INCLUDE = /^#include "([\w.-]+)"[ \t]*$/;
const LOCATION = /ERROR: (\d+):(\d+): ([^\n]*)/g;

/** A set of shader files by name; a file's position in the set is its GLSL source-string number. */
export class ShaderFiles {
  private readonly names: readonly string[];

  constructor(private readonly files: Readonly<Record<string, string>>) {
    this.names = Object.keys(files);
  }

  /** The compilable source of file `name`: shared codes and `defines` after `#version`, includes resolved. */
  source(name: string, ...defines: string[]): string {
    const text = this.expand(name, new Set([name]), [name]);
    const newline = text.indexOf('\n') + 1;
    const header = [...CODE_DEFINES, ...defines].map((d) => `#define ${d}\n`).join('');
    return `${text.slice(0, newline)}${header}#line 2 ${this.number(name)}\n${text.slice(newline)}`;
  }

  /**
   * A compiler log with each `ERROR: S:N:` location (source string, line)
   * named as its file, `shaders/border.glsl:12`, and followed by that line.
   */
  locate(log: string): string {
    return log.replace(LOCATION, (whole, s: string, n: string, message: string) => {
      const name = this.names[Number(s)];
      const line = name === undefined ? undefined : this.files[name]!.split('\n')[Number(n) - 1];
      return line === undefined ? whole : `ERROR: shaders/${name}:${n}: ${message}\n    ${n} | ${line.trim()}`;
    });
  }

  private number(name: string): number {
    return this.names.indexOf(name);
  }

  /**
   * File `name` with its includes in place. A chunk enters a program once
   * (a second include is a blank line); a `#line` before a chunk starts its
   * numbering, one after it resumes the includer's: in GLSL ES 3.00,
   * `#line N S` makes the next line N of source string S.
   */
  private expand(name: string, included: Set<string>, stack: readonly string[]): string {
    const text = this.files[name];
    if (text === undefined) throw new GpuError(`shader file "${name}" is unknown; known: ${this.names.join(', ')}.`);
    return text
      .split('\n')
      .map((line, k) => {
        const chunk = INCLUDE.exec(line)?.[1];
        if (chunk === undefined) return line;
        if (stack.includes(chunk)) throw new GpuError(`shader include "${chunk}" is circular (${[...stack, chunk].join(' -> ')}).`);
        if (included.has(chunk)) return '';
        included.add(chunk);
        const body = this.expand(chunk, included, [...stack, chunk]);
        return `#line 1 ${this.number(chunk)}\n${body}\n#line ${k + 2} ${this.number(name)}`;
      })
      .join('\n');
  }
}

export const SHADER_FILES = new ShaderFiles({
  'bilateral.frag.glsl': bilateralFrag,
  'border.glsl': borderGlsl,
  'combine.frag.glsl': combineFrag,
  'convolve-float.frag.glsl': convolveFloatFrag,
  'convolve-image.frag.glsl': convolveImageFrag,
  'convolve-packed.frag.glsl': convolvePackedFrag,
  'convolve.glsl': convolveGlsl,
  'copy.frag.glsl': copyFrag,
  'fullscreen.vert.glsl': fullscreenVert,
  'image.glsl': imageGlsl,
  'median-count.frag.glsl': medianCountFrag,
  'median-select.frag.glsl': medianSelectFrag,
  'morphology.frag.glsl': morphologyFrag,
  'ordinal.glsl': ordinalGlsl,
  'output.glsl': outputGlsl,
  'pack-luma.frag.glsl': packLumaFrag,
  'packed-element.glsl': packedElementGlsl,
  'present.frag.glsl': presentFrag,
  'present.vert.glsl': presentVert,
  'window.glsl': windowGlsl,
});

/** The vertex stage of every program but `present`: one triangle over the target. */
export const FULLSCREEN_VERTEX = SHADER_FILES.source('fullscreen.vert.glsl');

/**
 * Vertex and fragment source of the programs built once per engine; the
 * passes' programs are built per variant (variants.ts).
 */
export const SHADERS = {
  packLuma: [FULLSCREEN_VERTEX, SHADER_FILES.source('pack-luma.frag.glsl')],
  present: [SHADER_FILES.source('present.vert.glsl'), SHADER_FILES.source('present.frag.glsl')],
} as const satisfies Record<string, readonly [string, string]>;

export type ProgramName = keyof typeof SHADERS;

/** The fragment shaders built per variant: each step's passes and its end. */
export type VariantFile =
  | 'convolve-image.frag.glsl'
  | 'convolve-float.frag.glsl'
  | 'convolve-packed.frag.glsl'
  | 'copy.frag.glsl'
  | 'combine.frag.glsl'
  | 'median-select.frag.glsl'
  | 'median-count.frag.glsl'
  | 'morphology.frag.glsl'
  | 'bilateral.frag.glsl';
