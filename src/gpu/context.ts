/**
 * Getting a WebGL2 context that can do what kernelgl needs, and the
 * precision policy: probe what the device really gives (highp bits in
 * fragment shaders; which float formats can be rendered to, tested with a
 * framebuffer rather than trusted from extension names), use float32
 * intermediates where they exist, and say so once when they do not.
 */
import { WebGLUnavailableError } from '../errors.js';

export type GlCanvas = HTMLCanvasElement | OffscreenCanvas;

/** The float format of intermediates and float results. */
export type FloatFormat = 'float32' | 'float16';

/** What the device gives, as the engine uses it. */
export interface PrecisionInfo {
  /** The format of intermediates and of `output: 'float'` results. */
  readonly intermediates: FloatFormat;
  /** Mantissa bits of highp floats in fragment shaders (23 is IEEE float32). */
  readonly fragmentBits: number;
  /** True when DESIGN's parity bounds hold here: float32 intermediates and float32 highp. */
  readonly exact: boolean;
}

const CONTEXT_ATTRIBUTES: WebGLContextAttributes = {
  alpha: true,
  antialias: false,
  depth: false,
  stencil: false,
  premultipliedAlpha: false,
  powerPreference: 'high-performance',
};

/** A canvas for an engine that only renders offscreen. */
export function offscreenCanvas(): GlCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  if (typeof document !== 'undefined') return document.createElement('canvas');
  throw new WebGLUnavailableError(
    'no canvas is available here (neither OffscreenCanvas nor document); run kernelgl in a browser or worker, or use cpuFilter.',
  );
}

/**
 * Creates the WebGL2 context on `canvas`, or throws WebGLUnavailableError
 * saying what is missing. `preserveDrawingBuffer` keeps the frame in the
 * canvas after it is composited, so drawImage and toBlob outside the frame
 * callback capture it; offscreen engines go without, as they never show one.
 */
export function createContext(canvas: GlCanvas, preserveDrawingBuffer = false): WebGL2RenderingContext {
  const gl = canvas.getContext('webgl2', { ...CONTEXT_ATTRIBUTES, preserveDrawingBuffer });
  if (!gl) {
    throw new WebGLUnavailableError(
      'this browser or canvas gives no WebGL2 context; use cpuFilter (the CPU reference) or a browser with WebGL2.',
    );
  }
  return gl;
}

let warned = false;

/**
 * Enables the extensions the engine renders with (again after a context
 * restore, which disables them) and decides the precision: float32 unless
 * it cannot be rendered to or `prefer` asks for float16.
 */
export function enablePrecision(gl: WebGL2RenderingContext, prefer: FloatFormat = 'float32'): PrecisionInfo {
  gl.getExtension('EXT_color_buffer_float');
  gl.getExtension('EXT_color_buffer_half_float');
  const fragmentBits = gl.getShaderPrecisionFormat(gl.FRAGMENT_SHADER, gl.HIGH_FLOAT)?.precision ?? 0;
  const formats = (['float32', 'float16'] as const).filter((f) => f !== 'float32' || prefer === 'float32').filter((f) => renderable(gl, f));
  const intermediates = formats[0];
  if (!intermediates) {
    throw new WebGLUnavailableError('WebGL2 here cannot render to float textures (neither RGBA32F nor RGBA16F); use cpuFilter instead.');
  }
  const info = { intermediates, fragmentBits, exact: intermediates === 'float32' && fragmentBits >= 23 };
  if (!info.exact && !warned) {
    warned = true;
    console.warn(
      `kernelgl: this GPU gives ${intermediates} intermediates and ${fragmentBits}-bit fragment floats, so GPU results can differ from the CPU reference by more than DESIGN's parity bounds; use cpuFilter where exact results matter.`,
    );
  }
  return info;
}

/** The internal format of a float target. */
export function floatInternalFormat(gl: WebGL2RenderingContext, format: FloatFormat): GLenum {
  return format === 'float32' ? gl.RGBA32F : gl.RGBA16F;
}

/** Whether a framebuffer with a texture of `format` is complete here. */
function renderable(gl: WebGL2RenderingContext, format: FloatFormat): boolean {
  const texture = gl.createTexture();
  const framebuffer = gl.createFramebuffer();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texStorage2D(gl.TEXTURE_2D, 1, floatInternalFormat(gl, format), 1, 1);
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.deleteFramebuffer(framebuffer);
  gl.deleteTexture(texture);
  return complete;
}

/** The renderer's name, unmasked where the browser allows it (for reports). */
export function rendererName(gl: WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
