/**
 * Whether WebGL2 here runs on a GPU or in software. A software renderer
 * (SwiftShader, llvmpipe, WARP) executes fragment shaders on the CPU, where
 * the fast CPU engine does the same work several times faster; `auto`
 * backends use it there. Browsers that hide the renderer's name count as
 * hardware.
 */
import { createContext, offscreenCanvas, rendererName } from './context.js';

/** Renderer names of the software rasterizers browsers fall back to. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render driver|\bwarp\b/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

/** The WebGL2 renderer's name, from a throwaway context given back at once; null where there is no WebGL2. */
export function probeRenderer(): string | null {
  let gl: WebGL2RenderingContext;
  try {
    gl = createContext(offscreenCanvas());
  } catch {
    return null;
  }
  const name = rendererName(gl);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}
