/**
 * Compiling the programs with twgl. Its default error handling logs and
 * returns null; here a failure becomes a GpuError that keeps twgl's
 * line-numbered message, after twgl has freed what it made.
 */
import * as twgl from 'twgl.js';
import { GpuError } from '../errors.js';
import { SHADERS, type ProgramName } from './shaders.js';

export type Programs = Record<ProgramName, twgl.ProgramInfo>;

export function createPrograms(gl: WebGL2RenderingContext): Programs {
  const made: Partial<Programs> = {};
  for (const name of Object.keys(SHADERS) as ProgramName[]) {
    let message = 'unknown error';
    const info = twgl.createProgramInfo(gl, [...SHADERS[name]], {
      errorCallback: (text: string) => {
        message = text;
      },
    });
    if (!info) {
      deletePrograms(gl, made);
      throw new GpuError(`the ${name} shader failed to build${gl.isContextLost() ? ' (the WebGL context is lost)' : ''}:\n${message}`);
    }
    made[name] = info;
  }
  return made as Programs;
}

export function deletePrograms(gl: WebGL2RenderingContext, programs: Partial<Programs>): void {
  for (const info of Object.values(programs)) {
    if (!info) continue;
    gl.getAttachedShaders(info.program)?.forEach((shader) => gl.deleteShader(shader));
    gl.deleteProgram(info.program);
  }
}
