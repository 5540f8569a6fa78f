/**
 * Compiling and linking programs. twgl's own builder logs and returns null
 * on error, and makes new WebGL objects every time; here a failure becomes
 * a GpuError whose compiler errors name the shader file and line (see
 * shaders.ts) with the line's text, and a program object can be linked
 * again with a new fragment shader (variants.ts keeps a fixed set of them).
 */
import * as twgl from 'twgl.js';
import { GpuError } from '../errors.js';
import { SHADER_FILES, SHADERS, type ProgramName, type ShaderFiles } from './shaders.js';

export type Programs = Record<ProgramName, twgl.ProgramInfo>;

export function createPrograms(gl: WebGL2RenderingContext): Programs {
  const made: Partial<Programs> = {};
  try {
    for (const name of Object.keys(SHADERS) as ProgramName[]) made[name] = buildProgram(gl, name, SHADERS[name], SHADER_FILES);
  } catch (error) {
    deletePrograms(gl, made);
    throw error;
  }
  return made as Programs;
}

/** Program `name` from vertex and fragment `sources` built from `files`; throws a GpuError if it does not build. */
export function buildProgram(
  gl: WebGL2RenderingContext,
  name: string,
  sources: readonly [string, string],
  files: ShaderFiles,
): twgl.ProgramInfo {
  const program = gl.createProgram();
  const shaders = [createShader(gl, gl.VERTEX_SHADER, name), createShader(gl, gl.FRAGMENT_SHADER, name)];
  shaders.forEach((shader) => gl.attachShader(program, shader));
  try {
    shaders.forEach((shader, k) => compileShader(gl, shader, sources[k]!, name, files));
    return linkProgram(gl, program, name);
  } catch (error) {
    shaders.forEach((shader) => gl.deleteShader(shader));
    gl.deleteProgram(program);
    throw error;
  }
}

/** A new shader object of `type` (null only when the context is lost). */
export function createShader(gl: WebGL2RenderingContext, type: GLenum, name: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw buildError(gl, name, 'no shader object');
  return shader;
}

/** Compiles `source` into `shader`; throws a GpuError that locates the compiler's errors in `files`. */
export function compileShader(gl: WebGL2RenderingContext, shader: WebGLShader, source: string, name: string, files: ShaderFiles): void {
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (gl.getShaderParameter(shader, gl.COMPILE_STATUS)) return;
  const stage = gl.getShaderParameter(shader, gl.SHADER_TYPE) === gl.VERTEX_SHADER ? 'VERTEX_SHADER' : 'FRAGMENT_SHADER';
  throw buildError(gl, name, `${stage}: ${files.locate(gl.getShaderInfoLog(shader) ?? '')}`);
}

/** Links `program` from its attached, compiled shaders, and describes it for twgl's setters. */
export function linkProgram(gl: WebGL2RenderingContext, program: WebGLProgram, name: string): twgl.ProgramInfo {
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw buildError(gl, name, `link: ${gl.getProgramInfoLog(program) ?? ''}`);
  return twgl.createProgramInfoFromProgram(gl, program);
}

function buildError(gl: WebGL2RenderingContext, name: string, message: string): GpuError {
  return new GpuError(`the ${name} shader failed to build${gl.isContextLost() ? ' (the WebGL context is lost)' : ''}:\n${message}`);
}

export function deletePrograms(gl: WebGL2RenderingContext, programs: Partial<Programs>): void {
  for (const info of Object.values(programs)) {
    if (!info) continue;
    gl.getAttachedShaders(info.program)?.forEach((shader) => gl.deleteShader(shader));
    gl.deleteProgram(info.program);
  }
}
