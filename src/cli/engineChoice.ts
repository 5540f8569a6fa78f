/**
 * Which engine a run filters with: the one asked for, or for `auto` the GPU
 * unless the browser's WebGL runs in software (SwiftShader, llvmpipe, WARP),
 * where the CPU engine does the same work several times faster, or unless no
 * GPU engine starts at all. Kept free of the browser's packages: the
 * arguments are checked with it before those packages are.
 */
import { isSoftwareRenderer } from '../gpu/softwareRenderer.js';
import { reason } from '../reason.js';
import type { FilterEngine } from './engines.js';

export const ENGINE_CHOICES = ['auto', 'gpu', 'cpu'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

/**
 * The GPU engine where it runs on hardware, the CPU engine otherwise; `note`
 * hears which was taken and why, so a run never silently takes the slow one.
 */
export async function autoEngine(
  startGpu: () => Promise<FilterEngine>,
  cpu: FilterEngine,
  note: (line: string) => void,
): Promise<FilterEngine> {
  let gpu: FilterEngine;
  try {
    gpu = await startGpu();
  } catch (error) {
    note(`kernelgl: --engine auto: the GPU engine did not start (${reason(error)}); filtering on the CPU.`);
    return cpu;
  }
  if (!isSoftwareRenderer(gpu.description)) return gpu;
  await gpu.close();
  note(`kernelgl: --engine auto: the browser renders WebGL in software (${gpu.description}); filtering on the CPU, which is faster there.`);
  return cpu;
}
