/**
 * The shader sources, from the files in `shaders/`. A program file may
 * `#include "name.glsl"` a shared chunk; includes are resolved here, once, so
 * the GLSL that compiles is exactly the files' text. No kernel value ever
 * enters shader source: kernels arrive as textures and uniforms.
 */
import borderGlsl from '../../shaders/border.glsl?raw';
import convolveGlsl from '../../shaders/convolve.glsl?raw';
import convolveFloatFrag from '../../shaders/convolve-float.frag.glsl?raw';
import convolveImageFrag from '../../shaders/convolve-image.frag.glsl?raw';
import fullscreenVert from '../../shaders/fullscreen.vert.glsl?raw';
import outputGlsl from '../../shaders/output.glsl?raw';
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

/** Vertex and fragment source of each program. */
export const SHADERS = {
  convolveImage: [fullscreenVert, resolveIncludes(convolveImageFrag)],
  convolveFloat: [fullscreenVert, resolveIncludes(convolveFloatFrag)],
  present: [presentVert, presentFrag],
} as const;

export type ProgramName = keyof typeof SHADERS;
