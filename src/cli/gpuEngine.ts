/**
 * The GPU path of the command: one headless Chromium, one runner page with
 * one GpuFilter, fed through the local exchange server. Started once per run
 * and closed at the end.
 */
import { existsSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { WebGLUnavailableError } from '../errors.js';
import type { RgbaImage } from '../image.js';
import type { Kernel } from '../kernel.js';
import type { ResolvedOptions } from '../options.js';
import { launchBrowser } from './browser.js';
import type { FilterEngine, Filtered } from './engines.js';
import { APP_DIR, RUNNER_PAGE } from './paths.js';
import type { RunnerJob, WireKernel } from './protocol.js';
import { ExchangeServer } from './server.js';

/** How long the runner page may take to load and create its WebGL2 context. */
const START_TIMEOUT_MS = 60_000;

export class GpuEngine implements FilterEngine {
  readonly name = 'gpu';
  private published: { image: RgbaImage; url: string } | null = null;

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly server: ExchangeServer,
    readonly description: string,
  ) {}

  /** Launches the browser and the runner page; throws with a clear message when either is missing. */
  static async start(): Promise<GpuEngine> {
    if (!existsSync(join(APP_DIR, RUNNER_PAGE))) {
      throw new Error(`kernelgl: the runner page ${join(APP_DIR, RUNNER_PAGE)} is missing; build it with npm run build.`);
    }
    const server = await ExchangeServer.start(APP_DIR);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(new URL(RUNNER_PAGE, server.url).href);
      await page.waitForFunction(() => 'kernelglRunner' in window, { timeout: START_TIMEOUT_MS }).catch(() => {
        throw new Error(`kernelgl: the runner page did not load${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}.`);
      });
      const info = await page.evaluate(() => window.kernelglRunner.start());
      if ('error' in info) throw new WebGLUnavailableError(info.error.replace(/^kernelgl: /, ''));
      return new GpuEngine(browser, page, server, info.renderer);
    } catch (error) {
      await browser?.close();
      await server.close();
      throw error;
    }
  }

  async filter(image: RgbaImage, kernel: Kernel, options: ResolvedOptions): Promise<Filtered> {
    const job: RunnerJob = {
      input: this.publish(image),
      width: image.width,
      height: image.height,
      kernel: wireKernel(kernel),
      options,
      result: this.server.resultUrl(),
    };
    const reply = await this.page.evaluate((j) => window.kernelglRunner.run(j), job);
    if ('error' in reply) throw new Error(reply.error);
    const body = this.server.takeResult(job.result);
    const data = options.output === 'float' ? floatsFrom(body) : new Uint8ClampedArray(body);
    return { width: image.width, height: image.height, data, plan: reply.plan, ms: reply.ms };
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }

  /** Serves `image` to the page, once for all the kernels that filter it. */
  private publish(image: RgbaImage): string {
    if (this.published?.image === image) return this.published.url;
    if (this.published) this.server.withdraw(this.published.url);
    const { data } = image;
    const url = this.server.publish(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.published = { image, url };
    return url;
  }
}

function wireKernel(kernel: Kernel): WireKernel {
  return {
    cols: kernel.cols,
    rows: kernel.rows,
    weights: Array.from(kernel.weights),
    anchor: [kernel.anchorX, kernel.anchorY],
    name: kernel.name,
  };
}

/** The page posts float32 in its own byte order, which is little-endian on every browser platform. */
function floatsFrom(body: Buffer): Float32Array {
  const bytes = new Uint8Array(body); // a fresh copy, so its offset suits a Float32Array
  if (endianness() === 'BE') Buffer.from(bytes.buffer).swap32();
  return new Float32Array(bytes.buffer);
}
