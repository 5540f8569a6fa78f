/**
 * Deadlines for waits on another process (the browser): a wait that could
 * hang for ever becomes one that fails with a message saying what was
 * awaited and for how long.
 */

/** Thrown when a wait outlived its deadline. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * `promise`, or a rejection with a DeadlineError saying `what` gave no
 * answer within `ms`, whichever comes first. The timer never keeps Node alive.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`kernelgl: ${what} gave no answer within ${formatSeconds(ms)}.`)), ms);
    timer.unref();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** `1.5 s`, `90 s`, `12 min 30 s`: a deadline as a person reads it. */
export function formatSeconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 600) return `${ms < 10_000 ? (ms / 1000).toFixed(1).replace(/\.0$/, '') : s} s`;
  return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}
