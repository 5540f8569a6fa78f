/**
 * kernelgl: GPU image convolution on WebGL2, proven against a CPU reference.
 * The public API, as the README documents it, and the types it needs; the
 * engines' internals (plans, border maps, the output stage's steps) stay in
 * their modules.
 */
export { bank, kernels, type BankName } from './bank.js';
export { cpuFilter, cpuPipeline, type CpuFilterOptions } from './cpu/filter.js';
export type { Precision } from './cpu/execute.js';
export { BACKENDS, createFilter, type Backend, type BackendReason, type CreateFilterOptions, type ImageFilter } from './createFilter.js';
export {
  ContextLostError,
  DisposedError,
  type ErrorCode,
  GpuError,
  ImageError,
  KernelError,
  KernelglError,
  OptionError,
  WebGLUnavailableError,
} from './errors.js';
export type { FloatFormat, PrecisionInfo } from './gpu/context.js';
export { GpuFilter, type GpuFilterOptions, type GpuResult } from './gpu/gpuFilter.js';
export type { GpuImageSource } from './gpu/source.js';
export { MAX_IMAGE_SIDE, type RgbaImage } from './image.js';
export { Kernel, MAX_KERNEL_SIDE, type Anchor, type IntegerForm, type KernelInit } from './kernel.js';
export { parseKernelSpec, type KernelLike, type KernelSpec } from './kernelSpec.js';
export {
  BORDERS,
  CHANNELS,
  MODES,
  OUTPUTS,
  PLAN_CHOICES,
  type Border,
  type BorderValue,
  type Channels,
  type FilterOptions,
  type Mode,
  type Output,
  type PlanChoice,
  type ResolvedOptions,
} from './options.js';
export { toOutput } from './output.js';
export { describePlan, isLinear, type LinearPlan, type Plan, type PlanPass } from './plan.js';
export type { BilateralPlan, MedianPlan, MorphInput, MorphologyPlan, MorphPass, NonlinearPlan } from './nonlinearPlan.js';
export {
  filters,
  MORPH_OPS,
  type BilateralFilter,
  type ElementOptions,
  type MedianFilter,
  type MorphologyFilter,
  type MorphOp,
  type NonlinearFilter,
} from './filters.js';
export { parseFilterSpec, type Filter, type FilterLike } from './filterSpec.js';
export { SHAPES, type Shape, type StructuringElement } from './structuringElement.js';
export {
  abs,
  chain,
  edgeMagnitude,
  filter,
  magnitude,
  mix,
  source,
  unsharpMask,
  type PipelineInput,
  type PipelineNode,
  type PipelinePlan,
  type PipelineStep,
  type StageOptions,
} from './pipeline.js';
export type { ByteData, FilterResult, FloatData, PipelineResult, ResultData } from './result.js';
export { FITS, type Fit } from './gpu/placement.js';
export { createFilterCanvas, FilterCanvas, type FilterCanvasOptions, type FilterSource, type FrameSnapshot } from './video/filterCanvas.js';
export type { DisplayOptions, LiveOptions, Resolution, ResolvedDisplay } from './video/displayOptions.js';
export type { FrameStats, GpuTiming } from './video/frameStats.js';
export { filterWebcam, type WebcamFilter, type WebcamOptions } from './video/webcam.js';
export { defineKernelFilter, type KernelFilterElement, type KernelFilterReadyDetail } from './dom/kernelFilterElement.js';
export { createWorkerFilter, WorkerFilter, type WorkerFilterOptions } from './video/workerFilter.js';
export { Camera, DEFAULT_CAMERA } from './video/camera.js';
export { loadMedia, type LoadedMedia } from './video/mediaSource.js';
