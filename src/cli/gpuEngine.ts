/**
 * The GPU path of the command: one headless Chromium, one runner page with
 * one GpuFilter, fed through the local exchange server. Started once per run
 * and closed at the end.
 *
 * Every call on the page has a deadline that grows with its work (see
 * callDeadlineMs). A page that misses it, or crashes, fails that call with
 * an error that says so; its browser is closed and the next call opens a
 * fresh one, so one bad input never stops the others.
 */
import { endianness } from 'node:os';
import { WebGLUnavailableError } from '../errors.js';
import type { Filter } from '../filterSpec.js';
import type { RgbaImage } from '../image.js';
import { Kernel } from '../kernel.js';
import { filterData } from '../kernelData.js';
import type { FilterOptions } from '../options.js';
import { planFilter } from '../plan.js';
import { reason } from '../reason.js';
import { AppPage } from '../tooling/appPage.js';
import type { FilterEngine, Filtered } from './engines.js';
import { RUNNER_DIR, RUNNER_PAGE } from './paths.js';
import type { RunnerJob } from './protocol.js';
import { pageHook } from './testHooks.js';

/** For starting the page's GpuFilter (context, programs) and for a call's fixed costs. */
const START_MS = 60_000;
const CALL_START_MS = 20_000;
/**
 * A call's deadline per megabyte moved (input in, result out) and per
 * megapixel-tap filtered. Generous floors: SwiftShader on two busy cores
 * moves about 10 MB/s through the exchange server and filters about 50
 * megapixel-taps a second (measured with 8000x4000 and 8000x6000 photos),
 * so these allow five times as long.
 */
const MS_PER_MEGABYTE = 500;
const MS_PER_MEGAPIXEL_TAP = 100;
/**
 * A median's read costs several taps: it counts its window in rounds, or
 * sorts it in registers (src/gpu/median.ts). Measured with SwiftShader on
 * two cores: 70 to 160 ms per megapixel and read (median:7 to median:25 on
 * 480x270), where a kernel's tap takes about 30.
 */
const TAPS_PER_MEDIAN_READ = 8;

export class GpuEngine implements FilterEngine {
  readonly name = 'gpu';
  private published: { image: RgbaImage; url: string } | null = null;

  private constructor(
    /** Null after a call broke the page: the next call opens another. */
    private app: AppPage | null,
    readonly description: string,
  ) {}

  /** Launches the browser and the runner page; throws with a clear message when either is missing. */
  static async start(): Promise<GpuEngine> {
    const { app, renderer } = await openRunner();
    return new GpuEngine(app, renderer);
  }

  async filter(image: RgbaImage, kernel: Filter, options: FilterOptions): Promise<Filtered> {
    const app = (this.app ??= (await openRunner()).app);
    const job: RunnerJob = {
      input: this.publish(app, image),
      width: image.width,
      height: image.height,
      kernel: filterData(kernel),
      options,
      result: app.server.resultUrl(),
    };
    const what = `the GPU page filtering ${image.width}x${image.height} with ${kernel.name}`;
    const reply = await app
      .guard(what, callDeadlineMs(image, kernel, options), (page) => page.evaluate((j) => window.kernelglRunner.run(j), job))
      .catch(async (error: unknown) => {
        await this.drop();
        throw new Error(`${reason(error)} Its browser was closed; the next input gets a fresh one.`, { cause: error });
      });
    if ('error' in reply) {
      app.server.dropResult(job.result);
      throw new Error(reply.error);
    }
    const body = app.server.takeResult(job.result);
    const data =
      options.output === 'float' ? floatsFrom(body) : new Uint8ClampedArray(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
    return { width: image.width, height: image.height, data, plan: reply.plan, border: reply.border, ms: reply.ms };
  }

  close(): Promise<void> {
    return this.drop();
  }

  private async drop(): Promise<void> {
    const app = this.app;
    this.app = null;
    this.published = null;
    await app?.close();
  }

  /** Serves `image` to the page, once for all the kernels that filter it. */
  private publish(app: AppPage, image: RgbaImage): string {
    if (this.published?.image === image) return this.published.url;
    if (this.published) app.server.withdraw(this.published.url);
    const { data } = image;
    const url = app.server.publish(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.published = { image, url };
    return url;
  }
}

/** The runner page, its GpuFilter started, and the renderer it runs on. */
async function openRunner(): Promise<{ app: AppPage; renderer: string }> {
  // No protocol timeout: every call has a deadline of its own, which for a large float image is well past the usual 600 s.
  const app = await AppPage.open(RUNNER_DIR, RUNNER_PAGE, 'kernelglRunner', [], { protocolTimeout: 0 });
  try {
    const hook = pageHook();
    if (hook) await app.guard('the test hook', START_MS, (page) => page.evaluate(hook));
    const info = await app.guard('the GPU page starting', START_MS, (page) => page.evaluate(() => window.kernelglRunner.start()));
    if ('error' in info) throw new WebGLUnavailableError(reason(info.error));
    return { app, renderer: info.renderer };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * How long one call may take: a fixed start, the bytes moved and the taps
 * filtered per pixel (see tapsPerPixel).
 */
export function callDeadlineMs(image: RgbaImage, kernel: Filter, options: FilterOptions): number {
  const megapixels = (image.width * image.height) / 1e6;
  const megabytes = megapixels * (4 + (options.output === 'float' ? 16 : 4));
  return Math.round(CALL_START_MS + megabytes * MS_PER_MEGABYTE + megapixels * tapsPerPixel(kernel, options) * MS_PER_MEGAPIXEL_TAP);
}

/**
 * Every tap of a kernel, as if not separable (an upper bound); the samples
 * the plan of any other filter reads, a median's at the cost of several taps.
 */
function tapsPerPixel(filter: Filter, options: FilterOptions): number {
  if (filter instanceof Kernel) return filter.cols * filter.rows;
  return planFilter(filter, options).reads * (filter.kind === 'median' ? TAPS_PER_MEDIAN_READ : 1);
}

/**
 * The page posts float32 in its own byte order, which is little-endian on
 * every browser platform. The server gives each result its own ArrayBuffer,
 * so the floats are read in place, without a copy of a result that can be 1.6 GB.
 */
function floatsFrom(body: Buffer): Float32Array<ArrayBuffer> {
  if (endianness() === 'BE') body.swap32();
  return new Float32Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength / 4);
}
