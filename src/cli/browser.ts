/**
 * Finding and launching a headless Chromium/Chrome for the command, the
 * tests and the benchmark: PUPPETEER_EXECUTABLE_PATH first, then a browser
 * puppeteer downloaded, then the usual system locations.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Flags that make headless Chromium render WebGL2 (in software where there is no GPU) on a closed network. */
export const HEADLESS_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** Where a browser was found, and how. */
export interface FoundBrowser {
  readonly path: string;
  readonly how: 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer' | 'system';
}

/** The browser to use, or null when there is none. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | null {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv, how: 'PUPPETEER_EXECUTABLE_PATH' } : null;
  const downloaded = puppeteerBrowser();
  if (downloaded) return { path: downloaded, how: 'puppeteer' };
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  return system ? { path: system, how: 'system' } : null;
}

function puppeteerBrowser(): string | null {
  try {
    const path = puppeteer.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** What to tell someone who has no browser. */
export const NO_BROWSER_HELP =
  'kernelgl needs Chromium or Chrome for the GPU path and found none. Install one (Debian/Ubuntu: sudo apt-get install -y chromium; ' +
  'elsewhere: npx puppeteer browsers install chrome) or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary. ' +
  'The CPU reference (--cpu) needs no browser.';

/** Launches the browser headless with WebGL2 enabled, or throws with NO_BROWSER_HELP. */
export async function launchBrowser(extraArgs: readonly string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  const found = findBrowser();
  if (!found) throw new Error(`kernelgl: ${NO_BROWSER_HELP}`);
  return puppeteer.launch({
    executablePath: found.path,
    headless: true,
    args: [...HEADLESS_FLAGS, ...extraArgs],
    protocolTimeout: 600_000,
    ...options,
  });
}
