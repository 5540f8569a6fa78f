// Helpers that run inside the page: the sample photo, cases checked on the
// GPU against the CPU reference, and (re-exported for the page, from
// test/support) seeded images and the comparison of results. The case types
// serve the Node side of the tests too, so the module imports only pure
// parts of src/ and reaches the rest through window.kernelgl.
import type { FilterOptions, GpuFilter, Kernel, Output, RgbaImage } from '../../src/index.js';
import { kernelFromData, type KernelData } from '../../src/kernelData.js';
import { parseKernelSpec } from '../../src/kernelSpec.js';
import { compare, type Difference } from '../support/compare.js';
import { noiseImage, random } from '../support/noise.js';

export { compare, noiseImage, random, type Difference };

/**
 * An image a case names instead of carrying it: seeded noise, or a
 * `width x height` crop at `(x, y)` of a photo served from the repository
 * (the whole photo without `crop`).
 */
export type ImageSpec =
  | { readonly kind: 'noise'; readonly width: number; readonly height: number; readonly seed: number }
  | { readonly kind: 'photo'; readonly path: string; readonly crop?: readonly [x: number, y: number, width: number, height: number] };

/** A kernel as a case carries it: a spec string (`sobel_x`, `gaussian:15:3`) or the kernel's plain data. */
export type KernelCase = string | KernelData;

/** A kernel and options (without `output`) on an image. */
export interface GpuCase {
  readonly kernel: KernelCase;
  readonly image: ImageSpec;
  readonly options: Omit<FilterOptions, 'output'>;
}

/** One parity case, checked for each of `outputs`. */
export interface ParityCase extends GpuCase {
  readonly outputs: readonly Output[];
}

/** A case that failed: the output that differed and where, or the error that only one side threw. */
export interface ParityFailure {
  readonly case: ParityCase;
  readonly output: Output | null;
  readonly difference?: Difference;
  readonly error?: string;
}

const images = new Map<string, Promise<RgbaImage>>();

/** The image `spec` names, made once per page. */
function loadImage(spec: ImageSpec): Promise<RgbaImage> {
  const key = JSON.stringify(spec);
  let image = images.get(key);
  if (!image) {
    image = spec.kind === 'noise' ? Promise.resolve(noiseImage(spec.width, spec.height, spec.seed)) : decodePhoto(spec.path, spec.crop);
    images.set(key, image);
  }
  return image;
}

/** Decodes a photo with the browser's own decoder, as stored: no colour conversion, no premultiplication. */
async function decodePhoto(path: string, crop?: readonly [number, number, number, number]): Promise<RgbaImage> {
  const response = await fetch(new URL(path, location.origin));
  if (!response.ok) throw new Error(`could not load ${path}: HTTP ${response.status}.`);
  const bitmap = await createImageBitmap(await response.blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const [x, y, width, height] = crop ?? [0, 0, bitmap.width, bitmap.height];
  const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
  if (!context) throw new Error('no 2D canvas context to decode the photo.');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = context.getImageData(x, y, width, height);
  return { width, height, data };
}

/** The kernel a case names. */
export function kernelOf(kernel: KernelCase): Kernel {
  return typeof kernel === 'string' ? parseKernelSpec(kernel) : kernelFromData(kernel);
}

let sharedGpu: GpuFilter | null = null;

/**
 * One GpuFilter for the whole page: browsers keep only a handful of WebGL
 * contexts alive, so the cases share one instead of making one each.
 */
export function gpu(): GpuFilter {
  sharedGpu ??= new window.kernelgl.GpuFilter();
  return sharedGpu;
}

/**
 * Runs each case on the GPU and on the CPU reference and returns the cases
 * that differ. The reference is computed once per case as raw floats and
 * turned into each 8-bit output by its own output stage (`toOutput`, the
 * last step of `cpuFilter`), so a case costs one CPU run, not one per output.
 * `cpuFilter` itself (the fast CPU engine) is held to the same raw floats.
 * `engine` stands in for the GPU when a test checks that differences are caught.
 */
export async function checkParity(cases: readonly ParityCase[], engine: Pick<GpuFilter, 'filter'> = gpu()): Promise<ParityFailure[]> {
  const { cpuFilter, toOutput } = window.kernelgl;
  const failures: ParityFailure[] = [];
  for (const c of cases) {
    const image = await loadImage(c.image);
    const kernel = kernelOf(c.kernel);
    let reference: Float32Array<ArrayBuffer>;
    try {
      reference = window.internals.referenceFloats(image, kernel, c.options);
    } catch (error) {
      failures.push(...bothThrow(c, () => engine.filter(image, kernel, { ...c.options, output: c.outputs[0] }), error));
      continue;
    }
    const fast = compare(cpuFilter(image, kernel, { ...c.options, output: 'float' }), { data: reference });
    if (fast.differing > 0)
      failures.push({ case: c, output: 'float', error: `the fast CPU engine differs from the reference: ${JSON.stringify(fast)}` });
    for (const output of c.outputs) {
      try {
        const result = engine.filter(image, kernel, { ...c.options, output });
        const expected = output === 'float' ? reference : toOutput(reference, output);
        const difference = compare(result, { data: expected });
        if (difference.differing > 0) failures.push({ case: c, output, difference });
      } catch (error) {
        failures.push({ case: c, output, error: `the GPU threw where the CPU did not: ${String(error)}` });
      }
    }
  }
  return failures;
}

/** When the CPU reference rejects a case, the GPU must reject it with the same message. */
function bothThrow(c: ParityCase, run: () => unknown, cpuError: unknown): ParityFailure[] {
  try {
    run();
  } catch (gpuError) {
    if (String(gpuError) === String(cpuError)) return [];
    return [{ case: c, output: null, error: `the CPU threw ${String(cpuError)} but the GPU threw ${String(gpuError)}` }];
  }
  return [{ case: c, output: null, error: `the CPU threw ${String(cpuError)} but the GPU did not` }];
}

/** A failure in one line: the case (kernel, options, output, image and seed) and the first differing sample. */
export function describeFailure(f: ParityFailure): string {
  const { kernel, image, options } = f.case;
  const kernelText = typeof kernel === 'string' ? kernel : JSON.stringify(kernel);
  const imageText =
    image.kind === 'noise'
      ? `${image.width}x${image.height} noise seed ${image.seed}`
      : `${image.path}${image.crop ? ` crop ${image.crop.join(',')}` : ''}`;
  const what = `${kernelText} ${JSON.stringify(options)} output ${f.output ?? '-'} on ${imageText}`;
  if (f.error) return `${what}: ${f.error}`;
  const d = f.difference!;
  const p = d.first!;
  return `${what}: ${d.differing} of ${d.samples} samples differ (max ${d.maxDiff}); first at (${p.x}, ${p.y}) channel ${p.c}: GPU ${p.gpu}, CPU ${p.cpu}`;
}

/** A GPU result for Node (the OpenCV oracle runs there), and how it compares with the CPU reference. */
export interface GpuRun {
  /** The saturated RGBA result, as base64. */
  readonly bytes: string;
  readonly cpu: Difference;
}

/** Runs each case on the GPU (8-bit output) and compares it with the CPU reference here, where it costs Node nothing. */
export async function gpuRuns(cases: readonly GpuCase[]): Promise<GpuRun[]> {
  const { cpuFilter } = window.kernelgl;
  const out: GpuRun[] = [];
  for (const c of cases) {
    const image = await loadImage(c.image);
    const kernel = kernelOf(c.kernel);
    const result = gpu().filter(image, kernel, { ...c.options, output: 'saturate' });
    out.push({ bytes: toBase64(result.data), cpu: compare(result, cpuFilter(image, kernel, { ...c.options, output: 'saturate' })) });
  }
  return out;
}

/** The RGBA bytes of the image `spec` names, as base64. */
export async function imageBytes(spec: ImageSpec): Promise<{ width: number; height: number; data: string }> {
  const image = await loadImage(spec);
  return { width: image.width, height: image.height, data: toBase64(image.data) };
}

/** Bytes as base64, to hand images and results to Node compactly. */
function toBase64(bytes: Uint8Array | Uint8ClampedArray): string {
  let text = '';
  for (let k = 0; k < bytes.length; k += 0x8000) text += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(text);
}
