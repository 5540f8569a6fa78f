/**
 * The page the `kernelgl` command drives in headless Chromium. It uses the
 * public API, and filters in their plain form: one GpuFilter for the whole
 * run, fed with the exact RGBA bytes the command decoded, so the GPU filters
 * the same pixels as the CPU. Built, it loads the library as the package
 * ships it, the standalone file (see vite.app.config.ts), so its filters
 * are made with that file's own Kernel class and spec parser (kernelData.ts
 * would make them with a second copy, which that file's GpuFilter does not
 * take for its own).
 */
import { describePlan, GpuFilter, Kernel, parseFilterSpec, type Filter, type RgbaImage } from '../../index.js';
import type { FilterData } from '../../kernelData.js';
import type { RunnerJob, RunnerReply } from '../protocol.js';

/** Well under the request body (about 150 MB) that crashes Chromium's renderer when posted. */
const PART_BYTES = 1 << 24;

let gpu: GpuFilter | null = null;
/** The last input fetched: a run filters one image with every kernel in a row. */
let cached: { url: string; image: RgbaImage } | null = null;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function fetchImage(job: RunnerJob): Promise<RgbaImage> {
  if (cached?.url === job.input) return cached.image;
  const response = await fetch(job.input);
  if (!response.ok) throw new Error(`kernelgl: the runner could not fetch its input (HTTP ${response.status}).`);
  const image = { width: job.width, height: job.height, data: new Uint8Array(await response.arrayBuffer()) };
  cached = { url: job.input, image };
  return image;
}

async function run(job: RunnerJob): Promise<RunnerReply> {
  if (!gpu) return { error: 'kernelgl: the runner was not started.' };
  try {
    const image = await fetchImage(job);
    const filter = filterOf(job.kernel);
    const t0 = performance.now();
    const result = gpu.filter(image, filter, job.options);
    const ms = performance.now() - t0;
    await postResult(job.result, new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength));
    return { plan: describePlan(result.plan), border: result.plan.border, ms };
  } catch (error) {
    return { error: messageOf(error) };
  }
}

/**
 * Sends `bytes` to `url` in parts of PART_BYTES, one after the other so that
 * only one is in flight. Each part goes as a Blob: Chromium uploads an
 * ArrayBuffer body at about 9 MB/s (130 ms for a 640x480 RGBA result,
 * measured with SwiftShader on two cores) and the same bytes as a Blob in 9 ms.
 */
async function postResult(url: string, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; at += PART_BYTES) {
    const part = bytes.subarray(at, at + PART_BYTES);
    const posted = await fetch(`${url}?at=${at}&of=${bytes.length}`, { method: 'POST', body: new Blob([part as Uint8Array<ArrayBuffer>]) });
    if (!posted.ok) throw new Error(`kernelgl: the runner could not send its result (HTTP ${posted.status}).`);
  }
}

/** A kernel from its weights; any other filter from its spec (its name, which the command keeps, does not change the result). */
function filterOf(data: FilterData): Filter {
  if ('spec' in data) return parseFilterSpec(data.spec);
  const { cols, rows, weights, anchor, name } = data;
  return new Kernel(cols, rows, weights, { anchor, name });
}

window.kernelglRunner = {
  start() {
    try {
      gpu ??= new GpuFilter();
      return { renderer: gpu.renderer };
    } catch (error) {
      return { error: messageOf(error) };
    }
  },
  run,
};
