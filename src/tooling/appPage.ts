/**
 * A built page open in headless Chromium and served by an ExchangeServer:
 * what the command's GPU engine (dist/runner) and the benchmark (dist/app) drive.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from './browser.js';
import { ExchangeServer } from './server.js';

/** How long a page may take to load and put its entry point on `window`. */
const START_TIMEOUT_MS = 60_000;

export class AppPage {
  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    readonly server: ExchangeServer,
  ) {}

  /**
   * Serves `dir`, launches the browser (with `browserArgs` after the usual
   * flags) and opens `path`, resolving once the page has set `window[entry]`.
   * Throws with a clear message when the page is not built or does not load.
   */
  static async open(dir: string, path: string, entry: keyof Window & string, browserArgs: readonly string[] = []): Promise<AppPage> {
    if (!existsSync(join(dir, path))) {
      throw new Error(`kernelgl: the page ${join(dir, path)} is missing; build it with npm run build.`);
    }
    const server = await ExchangeServer.start(dir);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser(browserArgs);
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(new URL(path, server.url).href);
      await page.waitForFunction((name) => name in window, { timeout: START_TIMEOUT_MS }, entry).catch(() => {
        throw new Error(`kernelgl: the page ${path} did not load${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}.`);
      });
      return new AppPage(browser, page, server);
    } catch (error) {
      await browser?.close();
      await server.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}
