/**
 * A row of engines timed by rounds, the method of the peers and nonlinear
 * tables: every engine set up and called once untimed (shaders compiled,
 * caches filled; its result is what the checks compare), then round after
 * round one timed call of each engine in turn, so that a machine that drifts
 * over minutes slows all of them alike. Each round starts one engine later
 * than the last, so that no engine always runs right after the same other
 * one. An engine whose untimed call took longer than the budget sits the
 * rounds out.
 */
import type { PeerOutcome } from '../protocol.js';
import { messageOf } from './errors.js';

/**
 * Why an engine cannot run a row: the filter, or the channel layout at all.
 * An engine returns it when it is made, or throws it from its first call
 * when only trying tells (a GPU that refuses a filter kind).
 */
export class Cannot extends Error {
  constructor(
    readonly what: 'kernel' | 'channels',
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface RowEngine<R> {
  /** One frame: bytes in, the engine's result out. */
  run(): R;
  /** Frees what the engine made for the row. */
  dispose(): void;
}

type AnyEngine = RowEngine<unknown>;
type ResultOf<E extends AnyEngine> = ReturnType<E['run']>;

/** An engine that was timed: its result (from the untimed call) and its ms by round. */
export interface Timed<E extends AnyEngine> {
  readonly engine: E;
  readonly result: ResultOf<E>;
  readonly times: readonly number[];
}

/** An engine that was not timed: over the budget, unable to run the row, or failed. */
export type Untimed = Exclude<PeerOutcome, { readonly status: 'measured' }>;

interface FirstCall<E extends AnyEngine> {
  readonly engine: E;
  readonly result: ResultOf<E>;
  readonly callMs: number;
}

/**
 * Makes and times the engines `names`, hands `finish` what became of each,
 * and frees them all once it returns.
 */
export function measureEngines<N extends string, E extends AnyEngine, T>(
  names: readonly N[],
  make: (name: N) => E | Cannot,
  { rounds, budgetMs }: { readonly rounds: number; readonly budgetMs: number | null },
  finish: (done: ReadonlyMap<N, Timed<E> | Untimed>) => T,
): T {
  const firsts = new Map<N, FirstCall<E>>();
  const done = new Map<N, Timed<E> | Untimed>();
  try {
    for (const name of names) {
      const first = firstCall(() => make(name));
      if ('engine' in first) firsts.set(name, first);
      else done.set(name, first);
    }
    const timed = [...firsts].filter(([, first]) => budgetMs === null || first.callMs <= budgetMs).map(([name]) => name);
    const times = timeRounds(timed, (name) => firsts.get(name)!.engine.run(), rounds);
    for (const [name, { engine, result, callMs }] of firsts) {
      const engineTimes = times.get(name);
      done.set(
        name,
        engineTimes === undefined
          ? { status: 'capped', callMs }
          : typeof engineTimes === 'string'
            ? { status: 'failed', error: engineTimes }
            : { engine, result, times: engineTimes },
      );
    }
    return finish(done);
  } finally {
    for (const { engine } of firsts.values()) engine.dispose();
  }
}

/** The engine made and called once; what it cannot do or the error it ran into otherwise. */
function firstCall<E extends AnyEngine>(make: () => E | Cannot): FirstCall<E> | Untimed {
  let made: E | Cannot;
  try {
    made = make();
  } catch (error) {
    return { status: 'failed', error: messageOf(error) };
  }
  if (made instanceof Cannot) return cannot(made);
  try {
    const start = performance.now();
    const result = made.run() as ResultOf<E>;
    return { engine: made, result, callMs: performance.now() - start };
  } catch (error) {
    made.dispose();
    return error instanceof Cannot ? cannot(error) : { status: 'failed', error: messageOf(error) };
  }
}

const cannot = ({ what, reason }: Cannot): Untimed => ({ status: 'cannot', what, reason });

/** `rounds` rounds of one timed `call` of each of `names`: each one's ms by round, or the error that stopped it. */
function timeRounds<N extends string>(names: readonly N[], call: (name: N) => void, rounds: number): Map<N, number[] | string> {
  const times = new Map<N, number[] | string>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const shift = round % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const sofar = times.get(name)!;
      if (typeof sofar === 'string') continue;
      try {
        const start = performance.now();
        call(name);
        sofar.push(performance.now() - start);
      } catch (error) {
        times.set(name, messageOf(error));
      }
    }
  }
  return times;
}
