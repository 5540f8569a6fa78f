// The page of the engine's internals tests (uniforms.test.ts,
// passData.test.ts): the engine's modules, imported directly (none of this
// is public API). It records the uniform names every draw sets, per
// program and variant, by wrapping the context's useProgram and uniform
// calls (twgl skips a name the program lacks in silence); builds programs
// from shader files written here; and counts the float uploads and render
// targets of repeated runs.
import { Engine } from '../../src/gpu/engine.js';
import { Presenter } from '../../src/gpu/presenter.js';
import { buildProgram } from '../../src/gpu/programs.js';
import { SHADERS, ShaderFiles } from '../../src/gpu/shaders.js';
import { parseVariant, VARIANT_FILES } from './variantSources.js';
import { abs, edgeMagnitude, filter, mix, planPipeline, source, unsharpMask, type PipelineNode } from '../../src/pipeline.js';
import type { FilterOptions } from '../../src/options.js';

/** For one program: the uniforms it has (active) and the names the code set on it. */
export interface ProgramUniforms {
  readonly active: string[];
  readonly set: string[];
}

/**
 * Pipelines that between them draw with every program and kind of variant:
 * colour and gray, direct, separable (rank 1 and 2), copy, combiners, each
 * output, windows too large to unroll, and the median, morphology and
 * bilateral programs.
 */
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
  [filter(source, 'box:9', { plan: 'direct' }), { channels: 'rgb', output: 'abs' }],
  [filter(source, 'box:9', { plan: 'direct' }), { channels: 'gray', output: 'float' }],
  [filter(source, 'gaussian:67'), { channels: 'rgba' }],
  // Median, morphology and bilateral: selection and counting, lines (tapped and doubling) and masks, differences, tables.
  [filter(source, 'median:3'), { channels: 'rgb' }],
  [filter(filter(source, 'sobel_x'), 'median:9'), { channels: 'gray', border: 'constant', borderValue: 0.5 }],
  [filter(source, 'tophat:ellipse:5'), { channels: 'rgb', border: 'reflect' }],
  [filter(source, 'dilate:rect:13x3'), { channels: 'gray', output: 'float' }],
  [filter(source, 'bilateral:5:30:5'), { channels: 'rgba' }],
  [filter(source, 'bilateral:5:30:5'), { channels: 'gray', border: 'constant', borderValue: 9 }],
];

/** A program's name: its SHADERS name, or its variant's file and defines, from the fragment source it was linked with. */
function programName(gl: WebGL2RenderingContext, program: WebGLProgram): string {
  const fragment = gl.getAttachedShaders(program)!.find((s) => gl.getShaderParameter(s, gl.SHADER_TYPE) === gl.FRAGMENT_SHADER)!;
  const text = gl.getShaderSource(fragment)!;
  const fixed = Object.entries(SHADERS).find(([, [, source]]) => source === text);
  if (fixed) return fixed[0];
  const variant = parseVariant(text);
  if (!variant) return 'unknown program';
  return [variant.file, ...variant.defines].join(' ');
}

/**
 * Wraps `gl` to record, for each program drawn with (by name), its active
 * uniforms and the names of the uniforms set while it was in use.
 */
function recordUniforms(gl: WebGL2RenderingContext): Map<string, { active: string[]; set: Set<string> }> {
  const programs = new Map<string, { active: string[]; set: Set<string> }>();
  const locations = new Map<WebGLUniformLocation, string>();
  let current: { active: string[]; set: Set<string> } | undefined;
  const getUniformLocation = gl.getUniformLocation.bind(gl);
  const useProgram = gl.useProgram.bind(gl);
  gl.getUniformLocation = (program, name) => {
    const location = getUniformLocation(program, name);
    if (location) locations.set(location, name);
    return location;
  };
  gl.useProgram = (program) => {
    useProgram(program);
    if (!program) return;
    const name = programName(gl, program);
    if (!programs.has(name)) programs.set(name, { active: activeUniforms(gl, program), set: new Set() });
    current = programs.get(name);
  };
  const setters = Object.getOwnPropertyNames(WebGL2RenderingContext.prototype).filter((m) =>
    /^uniform(\d|Matrix)/.test(m),
  ) as (keyof WebGL2RenderingContext)[];
  for (const method of setters) {
    const original = (gl[method] as (...args: unknown[]) => void).bind(gl);
    Object.assign(gl, {
      [method]: (location: WebGLUniformLocation | null, ...rest: unknown[]) => {
        const name = location && locations.get(location);
        if (name !== undefined && name !== null) current?.set.add(name);
        original(location, ...rest);
      },
    });
  }
  return programs;
}

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

/**
 * Runs every pipeline of RUNS and presents a result; returns, per program
 * drawn with, what it has and what was set on it, and an empty entry for
 * each program or variant file that no draw used.
 */
function checkUniforms(): Record<string, ProgramUniforms> {
  const canvas = new OffscreenCanvas(1, 1);
  const programs = recordUniforms(canvas.getContext('webgl2')!);
  const engine = new Engine(canvas, { owner: 'uniform check' });
  try {
    // Odd sizes: interiors and edge strips, and a packed row with a part-filled last texel.
    const size = engine.upload(testImage(37, 23));
    for (const [node, options] of RUNS) engine.release(engine.runPipeline(planPipeline(node, options), size));
    const shown = engine.runPipeline(planPipeline(filter(source, 'sharpen'), { channels: 'gray' }), size);
    new Presenter(engine).draw(shown, { fit: 'contain', mirror: false });
    engine.release(shown);
    const drawn = [...programs].map(([name, { active, set }]) => [name, { active, set: [...set].sort() }] as const);
    const unused = [...Object.keys(SHADERS), ...VARIANT_FILES].filter((name) => !drawn.some(([d]) => d.split(' ')[0] === name));
    return Object.fromEntries([...drawn, ...unused.map((name) => [name, { active: [], set: [] }] as const)]);
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
    engineChecks: {
      checkUniforms: typeof checkUniforms;
      buildError: typeof buildError;
      countPerRun: typeof countPerRun;
      pipelines: typeof PIPELINES;
    };
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
