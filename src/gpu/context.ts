/**
 * Getting a WebGL2 context that can do what kernelgl needs: highp floats in
 * fragment shaders and rendering to float32 (EXT_color_buffer_float).
 */
import { WebGLUnavailableError } from '../errors.js';

export type GlCanvas = HTMLCanvasElement | OffscreenCanvas;

const CONTEXT_ATTRIBUTES: WebGLContextAttributes = {
  alpha: true,
  antialias: false,
  depth: false,
  stencil: false,
  premultipliedAlpha: false,
  preserveDrawingBuffer: false,
  powerPreference: 'high-performance',
};

/** A canvas for an engine that only renders offscreen. */
export function offscreenCanvas(): GlCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  if (typeof document !== 'undefined') return document.createElement('canvas');
  throw new WebGLUnavailableError('no canvas is available here (neither OffscreenCanvas nor document); run kernelgl in a browser or worker, or use cpuFilter.');
}

/** Creates the WebGL2 context on `canvas`, or throws WebGLUnavailableError saying what is missing. */
export function createContext(canvas: GlCanvas): WebGL2RenderingContext {
  const gl = canvas.getContext('webgl2', CONTEXT_ATTRIBUTES) as WebGL2RenderingContext | null;
  if (!gl) {
    throw new WebGLUnavailableError('this browser or canvas gives no WebGL2 context; use cpuFilter (the CPU reference) or a browser with WebGL2.');
  }
  checkCapabilities(gl);
  return gl;
}

function checkCapabilities(gl: WebGL2RenderingContext): void {
  if (gl.isContextLost()) return;
  if (!gl.getExtension('EXT_color_buffer_float')) {
    throw new WebGLUnavailableError('WebGL2 here cannot render to float32 textures (EXT_color_buffer_float is missing); use cpuFilter instead.');
  }
  const highp = gl.getShaderPrecisionFormat(gl.FRAGMENT_SHADER, gl.HIGH_FLOAT);
  if (!highp || highp.precision < 23) {
    throw new WebGLUnavailableError('fragment shaders here have no float32 (highp) precision, so results cannot match the reference; use cpuFilter instead.');
  }
}

/** The renderer's name, unmasked where the browser allows it (for reports). */
export function rendererName(gl: WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
