/**
 * Presenter: draws a result target onto the engine's canvas, the display end
 * of the video path. It owns no WebGL object: the program is the engine's
 * (`present` in SHADERS) and the square comes from gl_VertexID. The placement
 * (fit, mirror, the flip to GL's bottom-first rows) is one gl-matrix
 * transform applied in the vertex stage; the pixels are fetched unfiltered.
 */
import { mat4 } from 'gl-matrix';
import * as twgl from 'twgl.js';
import type { Engine } from './engine.js';
import { displayTransform, type Placement } from './placement.js';
import type { RenderTarget } from './targets.js';

export class Presenter {
  private readonly transform = mat4.create();

  constructor(private readonly engine: Engine) {}

  /** Clears the canvas and draws `target` on it, placed by `placement`. */
  draw(target: RenderTarget, placement: Placement): void {
    const { gl } = this.engine;
    const program = this.engine.program('present');
    twgl.bindFramebufferInfo(gl, null);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const canvas = { width: gl.drawingBufferWidth, height: gl.drawingBufferHeight };
    gl.useProgram(program.program);
    twgl.setUniforms(program, {
      u_transform: displayTransform({ width: target.imageWidth, height: target.height }, canvas, placement, this.transform),
      u_result: target.texture,
      u_packed: target.packed,
      u_imageSize: [target.imageWidth, target.height],
      u_toUnit: target.format === 'rgba8' ? 1 : 1 / 255,
    });
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }
}
