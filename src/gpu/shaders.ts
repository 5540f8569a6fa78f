/**
 * The shader sources, from the files in `shaders/`. A program file may
 * `#include "name.glsl"` a shared chunk and be built with `#define`d
 * variants; both are resolved here, once, so the GLSL that compiles is the
 * files' text. No kernel value ever enters shader source: kernels arrive as
 * textures and uniforms.
 */
import borderGlsl from '../../shaders/border.glsl?raw';
import convolveGlsl from '../../shaders/convolve.glsl?raw';
import combineFrag from '../../shaders/combine.frag.glsl?raw';
import convolveFloatFrag from '../../shaders/convolve-float.frag.glsl?raw';
import convolveImageFrag from '../../shaders/convolve-image.frag.glsl?raw';
import convolvePackedFrag from '../../shaders/convolve-packed.frag.glsl?raw';
import copyFrag from '../../shaders/copy.frag.glsl?raw';
import fullscreenVert from '../../shaders/fullscreen.vert.glsl?raw';
import outputGlsl from '../../shaders/output.glsl?raw';
import packLumaFrag from '../../shaders/pack-luma.frag.glsl?raw';
import presentFrag from '../../shaders/present.frag.glsl?raw';
import presentVert from '../../shaders/present.vert.glsl?raw';
import { GpuError } from '../errors.js';

const CHUNKS: Readonly<Record<string, string>> = {
  'border.glsl': borderGlsl,
  'convolve.glsl': convolveGlsl,
  'output.glsl': outputGlsl,
};

const INCLUDE = /^#include "([\w.-]+)"[ \t]*$/gm;

function resolveIncludes(source: string, seen: readonly string[] = []): string {
  return source.replace(INCLUDE, (_, name: string) => {
    const chunk = CHUNKS[name];
    if (chunk === undefined || seen.includes(name)) throw new GpuError(`shader include "${name}" is unknown or circular.`);
    return resolveIncludes(chunk, [...seen, name]);
  });
}

/** The program's source with `#define NAME` lines after its `#version` line. */
function variant(source: string, ...defines: string[]): string {
  const newline = source.indexOf('\n');
  return source.slice(0, newline + 1) + defines.map((d) => `#define ${d}\n`).join('') + resolveIncludes(source.slice(newline + 1));
}

/** Vertex and fragment source of each program; `*Edge` variants map coordinates by the border mode. */
export const SHADERS = {
  convolveImage: [fullscreenVert, variant(convolveImageFrag)],
  convolveImageEdge: [fullscreenVert, variant(convolveImageFrag, 'MAP_BORDERS')],
  convolveFloat: [fullscreenVert, variant(convolveFloatFrag)],
  convolveFloatEdge: [fullscreenVert, variant(convolveFloatFrag, 'MAP_BORDERS')],
  convolvePacked: [fullscreenVert, variant(convolvePackedFrag)],
  convolvePackedEdge: [fullscreenVert, variant(convolvePackedFrag, 'MAP_BORDERS')],
  copy: [fullscreenVert, variant(copyFrag)],
  packLuma: [fullscreenVert, variant(packLumaFrag)],
  combine: [fullscreenVert, variant(combineFrag)],
  present: [presentVert, presentFrag],
} as const;

export type ProgramName = keyof typeof SHADERS;
