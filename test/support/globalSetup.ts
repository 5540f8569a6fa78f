// Starts, once for the whole run, the Vite dev server that serves the test
// page from src/ and a headless browser; test files connect to both.
import type { TestProject } from 'vitest/node';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/tooling/browser.js';
import { inlineWorker } from '../../vite.inlineWorker.js';

let server: ViteDevServer | undefined;
let browser: Browser | undefined;

export async function setup(project: TestProject): Promise<void> {
  // No file watching and no HMR: an edit made while the suite runs must not
  // reload a page in the middle of a test.
  server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    plugins: [inlineWorker()],
    // The consumer fixtures' pages import an installed kernelgl that exists only where the consumer suite installs it.
    optimizeDeps: { entries: ['**/*.html', '!test/consumers/**', '!dist/**', '!node_modules/**'] },
    server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the Vite dev server for the browser tests did not start.');
  browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
  project.provide('serverUrl', url);
  project.provide('browserEndpoint', browser.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await browser?.close();
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    browserEndpoint: string;
  }
}
