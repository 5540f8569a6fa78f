/** kernelgl: GPU image convolution on WebGL2, proven against a CPU reference. */
export { bank, box, byName, DEMO_KERNELS, gaussian, gaussianWeights, kernels, type BankName } from './bank.js';
export { borderIndex, OUTSIDE } from './border.js';
export { cpuFilter, cpuPipeline, type CpuFilterOptions } from './cpu/filter.js';
export { BACKENDS, createFilter, type Backend, type CreateFilterOptions, type ImageFilter } from './createFilter.js';
export { executePipeline, executePlan, type Precision } from './cpu/execute.js';
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
export { checkImage, luma, MAX_IMAGE_SIDE, type RgbaImage } from './image.js';
export { Kernel, MAX_KERNEL_SIDE, type Anchor, type IntegerForm, type KernelInit } from './kernel.js';
export { kernelFromJson, parseKernelSpec, resolveKernel, type KernelLike, type KernelSpec } from './kernelSpec.js';
export {
  BORDERS,
  CHANNELS,
  DEFAULT_OPTIONS,
  MODES,
  OUTPUTS,
  PLAN_CHOICES,
  resolveOptions,
  type Border,
  type BorderValue,
  type Channels,
  type FilterOptions,
  type Mode,
  type Output,
  type PlanChoice,
  type ResolvedOptions,
} from './options.js';
export { roundHalfEven, saturate, toOutput } from './output.js';
export { makePlan, referencePlan, type Plan, type PlanPass } from './plan.js';
export {
  abs,
  chain,
  edgeMagnitude,
  filter,
  magnitude,
  mix,
  pipelineOf,
  planPipeline,
  singleFilter,
  source,
  unsharpMask,
  type PipelineInput,
  type PipelineNode,
  type PipelinePlan,
  type PipelineStep,
  type StageOptions,
} from './pipeline.js';
export type { ByteData, FilterResult, FloatData, PipelineResult, ResultData } from './result.js';
export { FITS, displayTransform, type Fit, type Placement } from './gpu/placement.js';
export { createFilterCanvas, FilterCanvas, type FilterCanvasOptions, type FilterSource, type FrameSnapshot } from './video/filterCanvas.js';
export { DEFAULT_DISPLAY, type DisplayOptions, type LiveOptions, type Resolution, type ResolvedDisplay } from './video/displayOptions.js';
export type { FrameStats, GpuTiming } from './video/frameStats.js';
export { filterWebcam, type WebcamFilter, type WebcamOptions } from './video/webcam.js';
export { defineKernelFilter, type KernelFilterElement, type KernelFilterReadyDetail } from './dom/kernelFilterElement.js';
export { KERNEL_FILTER_ATTRIBUTES } from './dom/elementConfig.js';
export { createWorkerFilter, WorkerFilter, type WorkerFilterOptions } from './video/workerFilter.js';
export { Camera, DEFAULT_CAMERA } from './video/camera.js';
export { loadMedia, type LoadedMedia } from './video/mediaSource.js';
