// The built `kernelgl` command when its page stalls and when it is stopped:
// a page that never answers fails that input within the deadline and the run
// goes on; SIGTERM, SIGINT, SIGKILL and the death of its parent (or of the
// npx above the shell that runs it) leave no browser behind. The page is made
// to stall by a script the command runs in it only when a test names one
// (src/cli/testHooks.ts). Linux (it reads `ps`).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { callDeadlineMs } from '../../src/cli/gpuEngine.js';
import { PAGE_HOOK_VARIABLE } from '../../src/cli/testHooks.js';
import { DEFAULT_OPTIONS } from '../../src/options.js';
import { parseKernelSpec } from '../../src/kernelSpec.js';
import { formatSeconds } from '../../src/tooling/deadline.js';
import { findBrowser } from '../../src/tooling/browser.js';
import { COMMAND } from '../support/command.js';
import { noiseImage } from '../support/noise.js';

// 7 pixels wide: the promise never settles; 9 wide: the page's thread spins for ever; others filter.
const STALL_HOOK = `(() => {
  const run = window.kernelglRunner.run;
  window.kernelglRunner.run = (job) => {
    if (job.width === 7) return new Promise(() => {});
    if (job.width === 9) for (;;);
    return run(job);
  };
})();`;
const STALL_ALL_HOOK = `window.kernelglRunner.run = () => new Promise(() => {});`;

let dir: string;
/** Process groups of browsers the tests saw, killed after each test whatever its outcome. */
const browserGroups = new Set<number>();

function pngBytes(width: number, height: number, seed: number): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(noiseImage(width, height, seed).data);
  return PNG.sync.write(png);
}

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
}

/** Every live process (zombies, dead but not yet reaped, left out). */
function processes(): Proc[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,stat='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, , , stat]) => !stat!.startsWith('Z'))
    .map(([pid, ppid, pgid]) => ({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid) }));
}

/** The processes of browser group `pgid` (the browser launched detached leads its own group). */
const groupMembers = (pgid: number) => processes().filter((p) => p.pgid === pgid);
const isAlive = (pid: number) => processes().some((p) => p.pid === pid);

async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The browser group of `commandPid`, once its runner page is up (a renderer
 * and a GPU process beside the browser: more than three processes).
 */
async function browserOf(commandPid: number): Promise<number> {
  const pgid = await waitFor('the browser', () => processes().find((p) => p.ppid === commandPid && p.pgid === p.pid)?.pid);
  browserGroups.add(pgid);
  await waitFor('the runner page', () => groupMembers(pgid).length > 3);
  await new Promise((r) => setTimeout(r, 2000)); // the page receives its first job
  return pgid;
}

function startCommand(args: readonly string[], hook: string): ChildProcess {
  return spawn(process.execPath, [COMMAND, ...args], {
    cwd: dir,
    env: { ...process.env, [PAGE_HOOK_VARIABLE]: join(dir, hook) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kernelgl-robust-'));
  await writeFile(join(dir, 'a.png'), pngBytes(7, 5, 1));
  await writeFile(join(dir, 'b.png'), pngBytes(9, 5, 2));
  await writeFile(join(dir, 'c.png'), pngBytes(8, 5, 3));
  await writeFile(join(dir, 'stall.js'), STALL_HOOK);
  await writeFile(join(dir, 'stallAll.js'), STALL_ALL_HOOK);
});

afterEach(() => {
  for (const pgid of browserGroups) groupMembers(pgid).forEach((p) => process.kill(p.pid, 'SIGKILL'));
  browserGroups.clear();
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux' || !findBrowser())('the command never hangs and leaves no browser behind', () => {
  test('a page that never answers, or spins, fails that input within its deadline, and the next input is filtered', async () => {
    const deadline = (width: number) =>
      callDeadlineMs({ width, height: 5, data: new Uint8Array(width * 20) }, parseKernelSpec('sobel_x'), DEFAULT_OPTIONS);
    const started = Date.now();
    const child = startCommand(['a.png', 'b.png', 'c.png', '-k', 'sobel_x', '-o', 'out'], 'stall.js');
    const lines: { text: string; at: number }[] = [];
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .forEach((text) => lines.push({ text, at: Date.now() - started })),
    );
    const { code } = await exited(child);
    const line = (input: string) => lines.find((l) => l.text.includes(`${input} (gpu):`));
    for (const [input, width] of [
      ['a.png', 7],
      ['b.png', 9],
    ] as const) {
      expect(line(input)?.text, input).toContain(
        `the GPU page filtering ${width}x5 with sobel_x gave no answer within ${formatSeconds(deadline(width))}`,
      );
      expect(line(input)?.text, input).toContain('the next input gets a fresh one');
    }
    // Each failure comes within its deadline, plus a browser's start and close.
    expect(line('a.png')!.at).toBeLessThan(deadline(7) + 15_000);
    expect(line('b.png')!.at - line('a.png')!.at).toBeLessThan(deadline(9) + 15_000);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^c +sobel_x .*c\.sobel_x\.png$/m);
    expect(existsSync(join(dir, 'out', 'c.sobel_x.png'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'a.sobel_x.png'))).toBe(false);
  });

  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s closes the browser and exits with %i', async (signal, status) => {
    const child = startCommand(['a.png', '-k', 'sobel_x', '-o', 'out'], 'stallAll.js');
    const stopped = exited(child);
    const browser = await browserOf(child.pid!);
    child.kill(signal);
    expect((await stopped).code).toBe(status);
    await waitFor('the browser to go', () => groupMembers(browser).length === 0, 5_000);
  });

  test('SIGKILL of the command: the browser goes with its DevTools pipe', async () => {
    const child = startCommand(['a.png', '-k', 'sobel_x', '-o', 'out'], 'stallAll.js');
    const browser = await browserOf(child.pid!);
    child.kill('SIGKILL');
    await waitFor('the browser to go', () => groupMembers(browser).length === 0, 10_000);
  });

  test.each([
    ['its parent', false],
    ['the process that started it through sh -c, as npx does', true],
  ])('the death of %s: the command closes the browser and exits', async (_, throughShell) => {
    // A parent that starts the command (through a shell that stays, when asked), prints the pid of its child, and is then killed with SIGKILL.
    const script = `const c = require('node:child_process').spawn(...JSON.parse(process.argv[1]), { stdio: 'ignore', env: process.env }); console.log(c.pid); setInterval(() => {}, 1000);`;
    const args = [COMMAND, 'a.png', '-k', 'sobel_x', '-o', 'out'];
    const start = throughShell ? ['sh', ['-c', `"${process.execPath}" ${args.join(' ')}; true`]] : [process.execPath, args];
    const parent = spawn(process.execPath, ['-e', script, JSON.stringify(start)], {
      cwd: dir,
      env: { ...process.env, [PAGE_HOOK_VARIABLE]: join(dir, 'stallAll.js') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childPid = Number(await new Promise<string>((done) => parent.stdout.once('data', (chunk: Buffer) => done(chunk.toString()))));
    const commandPid = throughShell ? await waitFor('the command', () => processes().find((p) => p.ppid === childPid)?.pid) : childPid;
    const browser = await browserOf(commandPid);
    parent.kill('SIGKILL');
    await waitFor('the command to exit', () => !isAlive(commandPid), 10_000);
    await waitFor('the browser to go', () => groupMembers(browser).length === 0, 5_000);
  });
});
