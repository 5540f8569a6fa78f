/**
 * The GPU path of the command: one headless Chromium, one runner page with
 * one GpuFilter, fed through the local exchange server. Started once per run
 * and closed at the end.
 */
import { endianness } from 'node:os';
import { WebGLUnavailableError } from '../errors.js';
import type { RgbaImage } from '../image.js';
import type { Kernel } from '../kernel.js';
import { kernelData } from '../kernelData.js';
import type { ResolvedOptions } from '../options.js';
import { reason } from '../reason.js';
import { AppPage } from '../tooling/appPage.js';
import type { FilterEngine, Filtered } from './engines.js';
import { RUNNER_DIR, RUNNER_PAGE } from './paths.js';
import type { RunnerJob } from './protocol.js';

export class GpuEngine implements FilterEngine {
  readonly name = 'gpu';
  private published: { image: RgbaImage; url: string } | null = null;

  private constructor(
    private readonly app: AppPage,
    readonly description: string,
  ) {}

  /** Launches the browser and the runner page; throws with a clear message when either is missing. */
  static async start(): Promise<GpuEngine> {
    const app = await AppPage.open(RUNNER_DIR, RUNNER_PAGE, 'kernelglRunner');
    try {
      const info = await app.page.evaluate(() => window.kernelglRunner.start());
      if ('error' in info) throw new WebGLUnavailableError(reason(info.error));
      return new GpuEngine(app, info.renderer);
    } catch (error) {
      await app.close();
      throw error;
    }
  }

  async filter(image: RgbaImage, kernel: Kernel, options: ResolvedOptions): Promise<Filtered> {
    const job: RunnerJob = {
      input: this.publish(image),
      width: image.width,
      height: image.height,
      kernel: kernelData(kernel),
      options,
      result: this.app.server.resultUrl(),
    };
    const reply = await this.app.page.evaluate((j) => window.kernelglRunner.run(j), job);
    if ('error' in reply) throw new Error(reply.error);
    const body = this.app.server.takeResult(job.result);
    const data = options.output === 'float' ? floatsFrom(body) : new Uint8ClampedArray(body);
    return { width: image.width, height: image.height, data, plan: reply.plan, ms: reply.ms };
  }

  close(): Promise<void> {
    return this.app.close();
  }

  /** Serves `image` to the page, once for all the kernels that filter it. */
  private publish(image: RgbaImage): string {
    if (this.published?.image === image) return this.published.url;
    if (this.published) this.app.server.withdraw(this.published.url);
    const { data } = image;
    const url = this.app.server.publish(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.published = { image, url };
    return url;
  }
}

/** The page posts float32 in its own byte order, which is little-endian on every browser platform. */
function floatsFrom(body: Buffer): Float32Array<ArrayBuffer> {
  const bytes = new Uint8Array(body); // a fresh copy, so its offset suits a Float32Array
  if (endianness() === 'BE') Buffer.from(bytes.buffer).swap32();
  return new Float32Array(bytes.buffer);
}
