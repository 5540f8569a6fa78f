#!/usr/bin/env node
/**
 * Run by `npm install` (the `prepare` script): makes sure the GPU path has a
 * Chromium or Chrome. It says which browser it found; otherwise it installs
 * one (apt-get on Debian as root, else puppeteer's download), unless
 * KERNELGL_SKIP_BROWSER_INSTALL is set. It never fails the install and
 * never hangs: every step has a time limit and the exit status is always 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findBrowser, NO_BROWSER_HELP, type FoundBrowser } from './browser.js';

const APT_TIMEOUT_MS = 10 * 60_000;
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

const HOW: Record<FoundBrowser['how'], string> = {
  PUPPETEER_EXECUTABLE_PATH: 'from PUPPETEER_EXECUTABLE_PATH',
  puppeteer: "puppeteer's download",
  system: 'installed on this system',
};

const say = (line: string) => console.log(`kernelgl: ${line}`);
const describeFound = (found: FoundBrowser) => `the GPU path uses ${found.path} (${HOW[found.how]}).`;

function ensureBrowser(env: NodeJS.ProcessEnv): void {
  const found = findBrowser(env);
  if (found) return say(describeFound(found));
  if (env.PUPPETEER_EXECUTABLE_PATH) {
    return say(`PUPPETEER_EXECUTABLE_PATH is ${JSON.stringify(env.PUPPETEER_EXECUTABLE_PATH)}, which does not exist; fix or unset it. ${NO_BROWSER_HELP}`);
  }
  if (env.KERNELGL_SKIP_BROWSER_INSTALL) {
    return say(`no Chromium or Chrome found, and KERNELGL_SKIP_BROWSER_INSTALL is set, so none is installed. ${NO_BROWSER_HELP}`);
  }
  const aptPackage = chromiumAptPackage();
  if (aptPackage) installWithApt(aptPackage);
  if (!findBrowser(env)) downloadWithPuppeteer();
  const installed = findBrowser(env);
  if (installed) say(describeFound(installed));
  else console.log(NO_BROWSER_HELP);
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
  say(`no Chromium or Chrome found; installing one for the GPU path: apt-get update && apt-get install -y ${pkg} (set KERNELGL_SKIP_BROWSER_INSTALL=1 to skip).`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const step = (args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: APT_TIMEOUT_MS }).status === 0;
  if (!step(['update']) || !step(['install', '-y', pkg])) say(`apt-get could not install ${pkg}.`);
}

function downloadWithPuppeteer(): void {
  say("no Chromium or Chrome found; downloading Chrome for Testing with puppeteer's installer (npx puppeteer browsers install chrome; set KERNELGL_SKIP_BROWSER_INSTALL=1 to skip).");
  try {
    const manifest = createRequire(import.meta.url).resolve('puppeteer/package.json');
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string };
    // Progress goes to the terminal; stderr is kept, because on failure the installer prints its whole help before the error.
    const result = spawnSync(process.execPath, [join(dirname(manifest), bin), 'browsers', 'install', 'chrome'], {
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      timeout: DOWNLOAD_TIMEOUT_MS,
    });
    if (result.status !== 0) say(`puppeteer's download did not finish: ${result.error?.message ?? errorLines(result.stderr)}`);
  } catch (error) {
    say(`puppeteer's installer could not run (${(error as Error).message}).`);
  }
}

function errorLines(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => /^Error|^\s+- /.test(line));
  return lines.length > 0 ? lines.join(' ').replace(/\s+/g, ' ') : 'no error message.';
}

try {
  ensureBrowser(process.env);
} catch (error) {
  say(`the browser check failed (${(error as Error).message}); the install goes on. ${NO_BROWSER_HELP}`);
}
process.exitCode = 0;
