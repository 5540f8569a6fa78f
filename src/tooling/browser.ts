/**
 * Finding and launching a headless Chromium/Chrome for the command, the
 * tests and the benchmark: PUPPETEER_EXECUTABLE_PATH first, then the usual
 * system locations, then a Chrome downloaded into puppeteer's cache (by
 * ensureBrowser or `npx @puppeteer/browsers install chrome`). puppeteer-core
 * drives it; it never downloads a browser on install.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';

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
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { path: system, how: 'system' };
  const downloaded = downloadedChrome(env);
  return downloaded ? { path: downloaded, how: 'puppeteer' } : null;
}

/** Where puppeteer's tools keep the browsers they download. */
export const browserCacheDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');

/** The newest Chrome for Testing in puppeteer's cache: `chrome/<platform>-<build>/chrome-<platform>/<binary>`. */
function downloadedChrome(env: NodeJS.ProcessEnv): string | null {
  const root = join(browserCacheDir(env), 'chrome');
  const builds = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  for (const build of builds) {
    const platform = build.slice(0, build.indexOf('-'));
    const binary = CHROME_BINARIES[platform];
    const path = binary && join(root, build, `chrome-${platform}`, binary);
    if (path && existsSync(path)) return path;
  }
  return null;
}

const CHROME_BINARIES: Record<string, string> = {
  linux64: 'chrome',
  'mac-x64': 'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'mac-arm64': 'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  win64: 'chrome.exe',
  win32: 'chrome.exe',
};

/** What to tell someone who has no browser. */
export const NO_BROWSER_HELP =
  'kernelgl needs Chromium or Chrome for the GPU path and found none. Install one (Debian/Ubuntu: sudo apt-get install -y chromium; ' +
  'elsewhere: npx @puppeteer/browsers install chrome@stable --path ~/.cache/puppeteer) or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary. ' +
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
