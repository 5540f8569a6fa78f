#!/usr/bin/env node
/**
 * Making sure the GPU path has a Chromium or Chrome: run by `npm install` in
 * this repository (the `prepare` script) and by the command when it finds
 * none. It says which browser it found; otherwise it installs one (apt-get
 * on Debian as root, else Chrome for Testing into puppeteer's cache), unless
 * KERNELGL_SKIP_BROWSER_INSTALL is set. It never fails an install and never
 * hangs: every step has a time limit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { browserCacheDir, findBrowser, NO_BROWSER_HELP, type FoundBrowser } from '../tooling/browser.js';

const APT_TIMEOUT_MS = 10 * 60_000;
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

const HOW: Record<FoundBrowser['how'], string> = {
  PUPPETEER_EXECUTABLE_PATH: 'from PUPPETEER_EXECUTABLE_PATH',
  puppeteer: "downloaded into puppeteer's cache",
  system: 'installed on this system',
};

const say = (line: string) => console.error(`kernelgl: ${line}`);
const describeFound = (found: FoundBrowser) => `the GPU path uses ${found.path} (${HOW[found.how]}).`;

/** The browser to use, installed first where none is found and that is allowed; null (after saying how to get one) otherwise. */
export async function ensureBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser | null> {
  const found = findBrowser(env);
  if (found) return found;
  if (env.PUPPETEER_EXECUTABLE_PATH) {
    say(
      `PUPPETEER_EXECUTABLE_PATH is ${JSON.stringify(env.PUPPETEER_EXECUTABLE_PATH)}, which does not exist; fix or unset it. ${NO_BROWSER_HELP}`,
    );
    return null;
  }
  if (env.KERNELGL_SKIP_BROWSER_INSTALL) {
    say(`no Chromium or Chrome found, and KERNELGL_SKIP_BROWSER_INSTALL is set, so none is installed. ${NO_BROWSER_HELP}`);
    return null;
  }
  const aptPackage = chromiumAptPackage();
  if (aptPackage) installWithApt(aptPackage);
  if (!findBrowser(env)) await downloadChrome(env);
  const installed = findBrowser(env);
  if (installed) say(describeFound(installed));
  else say(NO_BROWSER_HELP);
  return installed;
}

/**
 * The apt package to install as root: `chromium` on Debian; on Ubuntu
 * Chromium is a snap (`chromium-browser` installs it), usable only where
 * snapd runs, so containers without snapd go to puppeteer's download.
 */
function chromiumAptPackage(): string | null {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return null;
  const release = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)`, 'm').exec(release)?.[1] ?? '';
  const family = `${field('ID')} ${field('ID_LIKE')}`;
  if (/\bubuntu\b/.test(family)) return existsSync('/run/snapd.socket') ? 'chromium-browser' : null;
  return /\bdebian\b/.test(family) ? 'chromium' : null;
}

function installWithApt(pkg: string): void {
  say(
    `no Chromium or Chrome found; installing one for the GPU path: apt-get update && apt-get install -y ${pkg} (set KERNELGL_SKIP_BROWSER_INSTALL=1 to skip).`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const step = (args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: APT_TIMEOUT_MS }).status === 0;
  if (!step(['update']) || !step(['install', '-y', pkg])) say(`apt-get could not install ${pkg}.`);
}

/**
 * Chrome for Testing into puppeteer's cache, with @puppeteer/browsers: the
 * one puppeteer-core depends on, so it is resolved from there rather than
 * declared a second time.
 */
async function downloadChrome(env: NodeJS.ProcessEnv): Promise<void> {
  say("no Chromium or Chrome found; downloading Chrome for Testing into puppeteer's cache (set KERNELGL_SKIP_BROWSER_INSTALL=1 to skip).");
  try {
    const fromCore = createRequire(createRequire(import.meta.url).resolve('puppeteer-core'));
    const browsers = (await import(pathToFileURL(fromCore.resolve('@puppeteer/browsers')).href)) as typeof import('@puppeteer/browsers');
    const platform = browsers.detectBrowserPlatform();
    if (!platform) throw new Error('this platform has no Chrome for Testing build');
    const buildId = await withTimeout(browsers.resolveBuildId(browsers.Browser.CHROME, platform, 'stable'));
    await withTimeout(browsers.install({ browser: browsers.Browser.CHROME, buildId, cacheDir: browserCacheDir(env) }));
  } catch (error) {
    say(`the download did not finish (${(error as Error).message}).`);
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes`)), DOWNLOAD_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

// As a script (`prepare`): report or install, and never fail the install.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const found = await ensureBrowser(process.env);
    if (found) say(describeFound(found));
  } catch (error) {
    say(`the browser check failed (${(error as Error).message}); the install goes on. ${NO_BROWSER_HELP}`);
  }
  process.exitCode = 0;
}
