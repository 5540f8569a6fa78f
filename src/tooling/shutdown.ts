/**
 * Leaving no browser behind. A process that launches browsers (the command,
 * the benchmark) registers a way to kill each; on SIGINT, SIGTERM or SIGHUP,
 * or when the process that started it dies, every one registered is killed
 * and the process exits with the conventional status (128 + the signal's
 * number; 129, as for a hang-up, when the parent died).
 *
 * The parent is watched because an orphan gets no signal: when `npx` or a
 * shell is killed, the command goes on, reparented. Killing the command
 * itself with SIGKILL runs none of this; the browser's DevTools pipe (see
 * AppPage) then closes and the browser exits on its own.
 */
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
  setInterval(() => {
    if (process.ppid !== parent || !alive(parent)) shutdown('the death of its parent process', 128 + constants.signals.SIGHUP);
  }, PARENT_CHECK_MS).unref();
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
