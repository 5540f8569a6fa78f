/**
 * Compiling the programs with twgl. Its default error handling logs and
 * returns null; here a failure becomes a GpuError, after twgl has freed
 * what it made, whose compiler errors name the shader file and line (see
 * shaders.ts) with the line's text.
 */
import * as twgl from 'twgl.js';
import { GpuError } from '../errors.js';
import { SHADER_FILES, SHADERS, type ProgramName, type ShaderFiles } from './shaders.js';

export type Programs = Record<ProgramName, twgl.ProgramInfo>;

/** twgl's message ends with the compiler's log after this; before it, a listing of the whole generated source. */
const COMPILE_LOG = /\nError compiling (\w+): ([^]*)$/;

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
export function buildProgram(gl: WebGL2RenderingContext, name: string, sources: readonly [string, string], files: ShaderFiles): twgl.ProgramInfo {
  let message = 'unknown error';
  const info = twgl.createProgramInfo(gl, [...sources], {
    errorCallback: (text: string) => {
      const log = COMPILE_LOG.exec(text);
      message = log ? `${log[1]}: ${files.locate(log[2]!)}` : text;
    },
  });
  if (info) return info;
  throw new GpuError(`the ${name} shader failed to build${gl.isContextLost() ? ' (the WebGL context is lost)' : ''}:\n${message}`);
}

export function deletePrograms(gl: WebGL2RenderingContext, programs: Partial<Programs>): void {
  for (const info of Object.values(programs)) {
    if (!info) continue;
    gl.getAttachedShaders(info.program)?.forEach((shader) => gl.deleteShader(shader));
    gl.deleteProgram(info.program);
  }
}
