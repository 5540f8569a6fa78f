// Opens the test page in the shared browser. A page without WebGL2 fails the
// test: the browser tests are never skipped in silence.
import puppeteer, { type CDPSession, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export interface TestPage {
  readonly page: Page;
  /** Console errors and page errors seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function openPage(path = 'test/browser/index.html'): Promise<TestPage> {
  const browser = await puppeteer.connect({ browserWSEndpoint: inject('browserEndpoint'), protocolTimeout: 600_000 });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // A failed resource load names only its status in the text; the location names the resource.
    const where = message.location().url;
    if (message.type() === 'error') errors.push(where ? `${message.text()} (${where})` : message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.setDefaultTimeout(600_000);
  await page.goto(new URL(path, inject('serverUrl')).href);
  if (path.startsWith('test/browser/')) await page.waitForFunction(() => window.harnessReady === true);
  const webgl2 = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
  if (!webgl2) throw new Error('the test browser has no WebGL2 context: the GPU tests cannot run (check the Chromium flags).');
  return {
    page,
    errors,
    close: async () => {
      await page.close();
      await browser.disconnect();
    },
  };
}

/**
 * Opens the test page once for a file's tests and closes it after them,
 * failing the file if the page logged console errors. Returns a getter: the
 * page exists only once the tests run.
 */
export function useTestPage(path?: string): () => TestPage {
  let t: TestPage | undefined;
  beforeAll(async () => {
    t = await openPage(path);
  });
  afterAll(async () => {
    const errors = t?.errors ?? [];
    await t?.close();
    expect(errors).toEqual([]);
  });
  return () => {
    if (!t) throw new Error('the test page is not open yet: call the getter inside a test.');
    return t;
  };
}

/** The page's JS heap in use after two forced garbage collections. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}
