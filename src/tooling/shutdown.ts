/**
 * Leaving no browser behind. A process that launches browsers (the command,
 * the benchmark) registers a way to kill each; on SIGINT, SIGTERM or SIGHUP,
 * or when the process that started it dies, every one registered is killed
 * and the process exits with the conventional status (128 + the signal's
 * number; 129, as for a hang-up, when the parent died).
 *
 * The parent is watched because an orphan gets no signal: when `npx` or a
 * shell is killed, the command goes on, reparented. Its ancestors are
 * watched too, for `npx` starts it through `sh -c`, and killing npx leaves
 * that shell waiting. Killing the command itself with SIGKILL runs none of
 * this; the browser's DevTools pipe (see AppPage) then closes and the
 * browser exits on its own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How often the parent is looked for: an orphan's browser lingers at most this long. */
const PARENT_CHECK_MS = 1000;

const killers = new Set<() => void>();
let watching = false;

/**
 * Registers `kill` (synchronous: it runs on the way out) until the returned
 * function is called. The first registration installs the signal handlers
 * and the parent watch.
 */
export function killOnShutdown(kill: () => void): () => void {
  if (!watching) watch();
  killers.add(kill);
  return () => killers.delete(kill);
}

function watch(): void {
  watching = true;
  for (const signal of SIGNALS) process.once(signal, () => shutdown(signal, 128 + constants.signals[signal]));
  const parent = process.ppid;
  const elders = ancestors(parent);
  setInterval(() => {
    if (process.ppid !== parent || !elders.every(alive))
      shutdown('the death of the process that started it', 128 + constants.signals.SIGHUP);
  }, PARENT_CHECK_MS).unref();
}

/**
 * `pid` and its ancestors, short of init (pid 1). Where they cannot be
 * read (Windows), `pid` alone.
 */
function ancestors(pid: number): number[] {
  const chain: number[] = [];
  for (let p: number | null = pid; p !== null && p > 1 && !chain.includes(p); p = parentOf(p)) chain.push(p);
  return chain;
}

/** The parent of `pid`: from /proc on Linux, from ps on macOS and the BSDs; null where neither answers. */
function parentOf(pid: number): number | null {
  try {
    if (process.platform === 'linux')
      return Number(
        readFileSync(`/proc/${pid}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[1],
      );
    if (process.platform === 'win32') return null;
    return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

function shutdown(cause: string, status: number): never {
  const browsers = killers.size > 0 ? '; browser closed' : '';
  for (const kill of killers) kill();
  process.stderr.write(`\nkernelgl: stopped by ${cause}${browsers}.\n`);
  process.exit(status);
}

/**
 * Whether process `pid` exists. Linux and macOS reparent an orphan (its
 * ppid changes); Windows does not, so there the parent is looked up by pid.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
