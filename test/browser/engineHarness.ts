// The page of the engine's internals tests (uniforms.test.ts,
// passData.test.ts): the engine's modules, imported directly (none of this
// is public API). It records the uniform names every draw sets, per
// program, by wrapping each program's twgl setters (twgl looks a setter up
// by name for every value it is given, and skips a name the program lacks);
// builds programs from shader files written here; and counts the float
// uploads and render targets of repeated runs.
import { Engine } from '../../src/gpu/engine.js';
import { Presenter } from '../../src/gpu/presenter.js';
import { buildProgram } from '../../src/gpu/programs.js';
import { SHADERS, ShaderFiles, type ProgramName } from '../../src/gpu/shaders.js';
import { abs, edgeMagnitude, filter, mix, planPipeline, source, unsharpMask, type PipelineNode } from '../../src/pipeline.js';
import type { FilterOptions } from '../../src/options.js';

/** For one program: the uniforms it has (active) and the names the code set on it. */
export interface ProgramUniforms {
  readonly active: string[];
  readonly set: string[];
}

/** Pipelines that between them draw with every program: colour and gray, direct, separable (rank 1 and 2), copy, combiners. */
const RUNS: readonly (readonly [PipelineNode, FilterOptions])[] = [
  [filter(source, 'sharpen'), { channels: 'rgb' }],
  [filter(source, 'gaussian:5'), { channels: 'rgba', border: 'constant', borderValue: 7 }],
  [filter(source, 'laplacian', { plan: 'separable' }), { channels: 'rgb', output: 'float' }],
  [filter(source, 'identity'), { channels: 'rgb' }],
  [filter(source, 'sharpen'), { channels: 'gray', border: 'reflect101' }],
  [filter(source, 'laplacian', { plan: 'separable' }), { channels: 'gray', border: 'constant', borderValue: 3 }],
  [edgeMagnitude(), { channels: 'gray', output: 'abs' }],
  [abs(filter(source, 'sobel_x')), { channels: 'rgb' }],
  [mix(source, 2, filter(source, 'box:3'), -1), { channels: 'rgba' }],
  [unsharpMask(1.5), { channels: 'gray' }],
];

function testImage(width: number, height: number): ImageData {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let k = 0; k < data.length; k++) data[k] = (k * 37 + (k >> 2) * 11) & 255;
  return new ImageData(data, width, height);
}

/** The names of `program`'s active uniforms, as twgl and setUniforms name them. */
function activeUniforms(gl: WebGL2RenderingContext, program: WebGLProgram): string[] {
  const count = gl.getProgramParameter(program, gl.ACTIVE_UNIFORMS) as number;
  return Array.from({ length: count }, (_, k) => gl.getActiveUniform(program, k)!.name).sort();
}

/** Runs every pipeline of RUNS and presents a result; returns, per program, what it has and what was set on it. */
function checkUniforms(): Record<string, ProgramUniforms> {
  const engine = new Engine(undefined, { owner: 'uniform check' });
  try {
    const names = Object.keys(SHADERS) as ProgramName[];
    const set = new Map(names.map((name) => [name, new Set<string>()]));
    for (const name of names) {
      const info = engine.program(name);
      info.uniformSetters = new Proxy(info.uniformSetters, {
        get: (setters, key, receiver) => {
          if (typeof key === 'string') set.get(name)!.add(key);
          return Reflect.get(setters, key, receiver) as unknown;
        },
      });
    }
    // Odd sizes: interiors and edge strips, and a packed row with a part-filled last texel.
    const size = engine.upload(testImage(37, 23));
    for (const [node, options] of RUNS) engine.release(engine.runPipeline(planPipeline(node, options), size));
    const shown = engine.runPipeline(planPipeline(filter(source, 'sharpen'), { channels: 'gray' }), size);
    new Presenter(engine).draw(shown, { fit: 'contain', mirror: false });
    engine.release(shown);
    return Object.fromEntries(names.map((name) => [name, { active: activeUniforms(engine.gl, engine.program(name).program), set: [...set.get(name)!].sort() }]));
  } finally {
    engine.dispose();
  }
}

/** The GpuError message of building `fragment` (with `vertex`) from `files`. */
function buildError(files: Record<string, string>, vertex: string, fragment: string): string {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2')!;
  const shaderFiles = new ShaderFiles(files);
  try {
    buildProgram(gl, 'broken', [shaderFiles.source(vertex), shaderFiles.source(fragment)], shaderFiles);
    return 'built';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** What each run made: float data uploaded (weights), textures and framebuffers (render targets) created. */
export interface RunCounts {
  readonly floatUploads: number;
  readonly textures: number;
  readonly framebuffers: number;
}

/** Runs each of `nodes` in turn, planned afresh each time as GpuFilter does, and counts what each run made. */
function countPerRun(nodes: readonly PipelineNode[], options: FilterOptions): RunCounts[] {
  const engine = new Engine(undefined, { owner: 'counting' });
  const { gl } = engine;
  const counts = { floatUploads: 0, textures: 0, framebuffers: 0 };
  const texImage2D = gl.texImage2D.bind(gl) as (...args: unknown[]) => void;
  const createTexture = gl.createTexture.bind(gl);
  const createFramebuffer = gl.createFramebuffer.bind(gl);
  Object.assign(gl, {
    texImage2D: (...args: unknown[]) => {
      // Data, not a render target's allocation.
      if (args[7] === gl.FLOAT && args[8]) counts.floatUploads++;
      texImage2D(...args);
    },
    createTexture: () => {
      counts.textures++;
      return createTexture();
    },
    createFramebuffer: () => {
      counts.framebuffers++;
      return createFramebuffer();
    },
  });
  try {
    const size = engine.upload(testImage(37, 23));
    return nodes.map((node) => {
      Object.assign(counts, { floatUploads: 0, textures: 0, framebuffers: 0 });
      engine.release(engine.runPipeline(planPipeline(node, options), size));
      return { ...counts };
    });
  } finally {
    engine.dispose();
  }
}

declare global {
  interface Window {
    engineChecks: { checkUniforms: typeof checkUniforms; buildError: typeof buildError; countPerRun: typeof countPerRun; pipelines: typeof PIPELINES };
    harnessReady: boolean;
  }
}

/** Pipelines the counting tests name. */
const PIPELINES = {
  edgeMagnitude: edgeMagnitude(),
  laplacianRank2: filter(source, 'laplacian', { plan: 'separable' }),
  /** Gaussians of ten sizes: separable, two passes each, every one with new weights. */
  boxes: Array.from({ length: 10 }, (_, k) => filter(source, `gaussian:${2 * k + 3}`)),
};

window.engineChecks = { checkUniforms, buildError, countPerRun, pipelines: PIPELINES };
window.harnessReady = true;
