/**
 * Pipelines: several filters and simple combiners run as one job, with
 * float32 intermediates that stay on the GPU. A pipeline is described as a
 * small expression tree (`source`, `filter`, `magnitude`, `abs`, `mix`) and
 * planned into steps, plain data that the GPU engine and the CPU reference
 * both execute, so their results agree bit for bit as for single filters.
 *
 * ```ts
 * const edges = magnitude(filter(source, 'sobel_x'), filter(source, 'sobel_y'));
 * const sharp = unsharpMask(1.5, 'gaussian:5');
 * gpu.pipeline(image, edges, { channels: 'gray' });
 * ```
 */
import { KernelError, OptionError, describe } from './errors.js';
import { bank } from './bank.js';
import { f32 } from './float32.js';
import { resolveFilter, type Filter, type FilterLike } from './filterSpec.js';
import type { KernelLike } from './kernelSpec.js';
import { finite, resolveOptions, type Channels, type FilterOptions, type Output } from './options.js';
import { planFilter, type Plan } from './plan.js';

/** Per-filter options in a pipeline; channels and output belong to the whole pipeline. */
export type StageOptions = Omit<FilterOptions, 'channels' | 'output'>;

export interface SourceNode {
  readonly op: 'source';
}
export interface FilterNode {
  readonly op: 'filter';
  readonly input: PipelineNode;
  /** A linear kernel, or a median, morphology or bilateral filter. */
  readonly kernel: Filter;
  readonly options: StageOptions;
}
export interface MagnitudeNode {
  readonly op: 'magnitude';
  readonly a: PipelineNode;
  readonly b: PipelineNode;
}
export interface AbsNode {
  readonly op: 'abs';
  readonly a: PipelineNode;
}
export interface MixNode {
  readonly op: 'mix';
  readonly a: PipelineNode;
  readonly wa: number;
  readonly b: PipelineNode;
  readonly wb: number;
}
export type PipelineNode = SourceNode | FilterNode | MagnitudeNode | AbsNode | MixNode;

/** The input image (its channels as float values, luma for gray). */
export const source: SourceNode = Object.freeze({ op: 'source' });

/**
 * `input` filtered with `kernel` (a kernel or any filter, `'median:5'`, `filters.erode()`):
 * the raw float result, `v * scale + delta`, not rounded.
 */
export function filter(input: PipelineNode, kernel: FilterLike, options: StageOptions = {}): FilterNode {
  const checked = stageOptions(options);
  return Object.freeze({ op: 'filter', input: checkNode(input), kernel: resolveFilter(kernel), options: checked });
}

/** Gradient magnitude `sqrt(a^2 + b^2)`, per sample (Sobel or Scharr edges from the x and y filters). */
export function magnitude(a: PipelineNode, b: PipelineNode): MagnitudeNode {
  return Object.freeze({ op: 'magnitude', a: checkNode(a), b: checkNode(b) });
}

/** `|a|`, per sample. */
export function abs(a: PipelineNode): AbsNode {
  return Object.freeze({ op: 'abs', a: checkNode(a) });
}

/** `wa * a + wb * b`, per sample (weights rounded to float32). */
export function mix(a: PipelineNode, wa: number, b: PipelineNode, wb: number): MixNode {
  return Object.freeze({ op: 'mix', a: checkNode(a), wa: finite('mix weight wa', wa), b: checkNode(b), wb: finite('mix weight wb', wb) });
}

/** Filters applied one after another to the source. */
export function chain(...kernels: FilterLike[]): PipelineNode {
  return kernels.reduce<PipelineNode>((node, kernel) => filter(node, kernel), source);
}

/** What `pipeline()` accepts: a node, or a list of kernels and filters to apply one after another. */
export type PipelineInput = PipelineNode | readonly FilterLike[];

/** The node of a pipeline input (a list of filters becomes their chain). */
export function pipelineOf(input: PipelineInput): PipelineNode {
  return Array.isArray(input) ? chain(...(input as FilterLike[])) : checkNode(input);
}

/** Unsharp mask: `image + amount * (image - blur)`, as `(1 + amount) * image - amount * blur`. */
export function unsharpMask(amount: number, blur: KernelLike = 'gaussian:5', options: StageOptions = {}): MixNode {
  const a = finite('unsharp amount', amount);
  return mix(source, 1 + a, filter(source, blur, options), -a);
}

/** Sobel (or any x/y pair of) edge magnitude of the source. */
export function edgeMagnitude(x: KernelLike = bank.sobel_x, y: KernelLike = bank.sobel_y, options: StageOptions = {}): MagnitudeNode {
  return magnitude(filter(source, x, options), filter(source, y, options));
}

/** How deeply pipeline nodes may nest (planning walks the tree recursively). */
export const MAX_PIPELINE_DEPTH = 1000;

/** A step reads the source or the result of an earlier step. */
export type StepInput = 'source' | number;

export type PipelineStep =
  | { readonly op: 'filter'; readonly input: StepInput; readonly plan: Plan }
  | { readonly op: 'magnitude' | 'abs' | 'mix'; readonly a: number; readonly b: number | null; readonly wa: number; readonly wb: number };

/** A pipeline as steps in execution order; the last step's result is converted to `output`. */
export interface PipelinePlan {
  readonly channels: Channels;
  readonly output: Output;
  readonly steps: readonly PipelineStep[];
}

/** A single filter's plan as a pipeline of one step. */
export function singleFilter(plan: Plan): PipelinePlan {
  return Object.freeze({
    channels: plan.channels,
    output: plan.output,
    steps: Object.freeze([{ op: 'filter', input: 'source', plan }] as const),
  });
}

/**
 * Plans a pipeline: every node once (shared nodes are computed once), inputs
 * before the steps that read them. `options` gives channels and output, and
 * the border, border value, mode, scale, delta and plan of every filter that
 * does not set its own (where `options` leaves one out, each filter kind
 * takes its own default).
 */
export function planPipeline(root: PipelineNode, options: FilterOptions = {}): PipelinePlan {
  const defaults = resolveOptions(options);
  const shared = Object.freeze({ ...options });
  const steps: PipelineStep[] = [];
  const index = new Map<PipelineNode, number>();
  const visiting = new Set<PipelineNode>();
  // Nodes are checked where they are read: the node types are public, so a pipeline may be written by hand.
  const visit = (given: PipelineNode): StepInput => {
    const node = checkNode(given);
    if (node.op === 'source') return 'source';
    const known = index.get(node);
    if (known !== undefined) return known;
    // Builders freeze their nodes, so only a node written by hand can reach itself.
    if (visiting.has(node))
      throw new KernelError('a pipeline node reads its own result; a pipeline is a tree of filter(), magnitude(), abs() and mix() nodes.');
    // The nodes being visited are the path from the root: their count is the depth.
    if (visiting.size >= MAX_PIPELINE_DEPTH)
      throw new KernelError(`a pipeline may nest at most ${MAX_PIPELINE_DEPTH} nodes deep; flatten it or run it in parts.`);
    visiting.add(node);
    const step = makeStep(node, visit, asStep, shared);
    visiting.delete(node);
    steps.push(step);
    index.set(node, steps.length - 1);
    return steps.length - 1;
  };
  // Combiners read float results; the source becomes one through an exact identity filter.
  const asStep = (node: PipelineNode): number => visit(checkNode(node).op === 'source' ? identityOfSource : node) as number;
  const identityOfSource = filter(source, bank.identity);
  asStep(root);
  return Object.freeze({ channels: defaults.channels, output: defaults.output, steps: Object.freeze(steps) });
}

function makeStep(
  node: Exclude<PipelineNode, SourceNode>,
  visit: (node: PipelineNode) => StepInput,
  asStep: (node: PipelineNode) => number,
  shared: FilterOptions,
): PipelineStep {
  switch (node.op) {
    case 'filter': {
      const input = visit(node.input);
      const plan = planFilter(
        resolveFilter(node.kernel),
        { ...shared, ...stageOptions(node.options) },
        input === 'source' ? 'bytes' : 'floats',
      );
      return { op: 'filter', input, plan };
    }
    case 'magnitude':
      return { op: 'magnitude', a: asStep(node.a), b: asStep(node.b), wa: 1, wb: 1 };
    case 'abs':
      return { op: 'abs', a: asStep(node.a), b: null, wa: 1, wb: 1 };
    case 'mix':
      return {
        op: 'mix',
        a: asStep(node.a),
        b: asStep(node.b),
        wa: f32(finite('mix weight wa', node.wa)),
        wb: f32(finite('mix weight wb', node.wb)),
      };
  }
}

/** A filter's own options, checked, as a frozen copy. */
function stageOptions(options: unknown): StageOptions {
  const copy: Record<string, unknown> = { ...(options as StageOptions) };
  for (const name of ['channels', 'output']) {
    if (name in copy)
      throw new OptionError(`${name} is set for the whole pipeline, not per filter; pass it to pipeline(..., { ${name} }).`);
  }
  resolveOptions(copy);
  return Object.freeze(copy);
}

const OPS = ['source', 'filter', 'magnitude', 'abs', 'mix'];

function checkNode(node: unknown): PipelineNode {
  if (node !== null && typeof node === 'object' && OPS.includes((node as { op?: unknown }).op as string)) return node as PipelineNode;
  throw new KernelError(`a pipeline input must be source or a node made by filter(), magnitude(), abs() or mix(); got ${describe(node)}.`);
}
