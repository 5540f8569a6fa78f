/**
 * A built page open in headless Chromium and served by an ExchangeServer:
 * what the command's GPU engine (dist/runner) and the benchmark (dist/app) drive.
 *
 * Every wait on the page can be given a deadline (`guard`), and fails at
 * once when the page crashes or the browser goes, for nobody else hears of
 * it: puppeteer leaves a call pending until its protocol timeout. The
 * browser is killed with its process (see shutdown.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, LaunchOptions, Page } from 'puppeteer-core';
import { launchBrowser } from './browser.js';
import { withDeadline } from './deadline.js';
import { killOnShutdown } from './shutdown.js';
import { ExchangeServer } from './server.js';

/** How long a page may take to load and put its entry point on `window`. */
const START_TIMEOUT_MS = 60_000;
/** How long a browser may take to close before it is killed. */
const CLOSE_TIMEOUT_MS = 5_000;

export class AppPage {
  /** Rejects when the page crashes or the browser goes away. */
  private readonly lost: Promise<never>;
  private readonly forget: () => void;

  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    readonly server: ExchangeServer,
  ) {
    this.lost = new Promise<never>((_, reject) => {
      page.once('error', (error) =>
        reject(new Error(`kernelgl: the browser page crashed (${error.message}); out of memory?`, { cause: error })),
      );
      browser.once('disconnected', () => reject(new Error('kernelgl: the browser closed or crashed.')));
    });
    this.lost.catch(() => undefined); // a loss between calls is reported by the next call
    this.forget = killOnShutdown(() => killBrowser(browser));
  }

  /**
   * Serves `dir`, launches the browser (with `browserArgs` after the usual
   * flags, and `launch` over the usual options) and opens `path`, resolving
   * once the page has set `window[entry]`. Throws with a clear message when
   * the page is not built or does not load.
   */
  static async open(
    dir: string,
    path: string,
    entry: keyof Window & string,
    browserArgs: readonly string[] = [],
    launch: LaunchOptions = {},
  ): Promise<AppPage> {
    if (!existsSync(join(dir, path))) {
      throw new Error(`kernelgl: the page ${join(dir, path)} is missing; build it with npm run build.`);
    }
    const server = await ExchangeServer.start(dir);
    let browser: Browser | undefined;
    try {
      // Over a pipe, the browser exits when this process dies, even by SIGKILL; shutdown.ts handles the signals.
      browser = await launchBrowser(browserArgs, { pipe: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, ...launch });
      const page = await withDeadline(browser.newPage(), START_TIMEOUT_MS, 'the browser opening a page');
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(new URL(path, server.url).href, { timeout: START_TIMEOUT_MS });
      await page
        .waitForFunction((name) => name in window, { timeout: START_TIMEOUT_MS }, entry)
        .catch(() => {
          throw new Error(`kernelgl: the page ${path} did not load${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}.`);
        });
      return new AppPage(browser, page, server);
    } catch (error) {
      if (browser) killBrowser(browser);
      await server.close();
      throw error;
    }
  }

  /**
   * `work` on the page, or a clear error as soon as the page crashes, the
   * browser goes, or `ms` pass without an answer (`what` names the wait).
   * After such an error the page is of no further use: close it.
   */
  guard<T>(what: string, ms: number, work: (page: Page) => Promise<T>): Promise<T> {
    return withDeadline(Promise.race([work(this.page), this.lost]), ms, what);
  }

  /** Closes the browser (killing it when it does not close in time) and the server. */
  async close(): Promise<void> {
    this.forget();
    await withDeadline(this.browser.close(), CLOSE_TIMEOUT_MS, 'the browser').catch(() => killBrowser(this.browser));
    await this.server.close();
  }
}

/** Kills the browser and its helper processes (its process group, where there are groups) at once. */
function killBrowser(browser: Browser): void {
  const child = browser.process();
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill();
    else process.kill(-child.pid, 'SIGKILL'); // puppeteer starts it detached: the group leader
  } catch {
    child.kill('SIGKILL');
  }
}
