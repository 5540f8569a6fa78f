/**
 * One row of the peers table, timed in the page: every engine set up and
 * called once untimed (shaders compiled, caches filled; its result is what
 * the check compares), then round after round one timed call of each engine
 * in turn, so that a machine that drifts over minutes slows all of them
 * alike. Each round starts one engine later than the last, so that no engine
 * always runs right after the same other one.
 */
import { PEER_ENGINES, type PeerEngine, type PeerJob, type PeerOutcome } from '../protocol.js';
import { agreement, type CheckFrame } from './agreement.js';
import { Cannot, makeEngine, type Engine, type Row, type Started } from './peerEngines.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** An engine after its untimed call: the result and how long the call took. */
interface FirstCall {
  readonly engine: Engine;
  readonly result: ArrayLike<number>;
  readonly callMs: number;
}

export function measureRow(row: Row, started: Started, { rounds, budgetMs }: PeerJob): Record<PeerEngine, PeerOutcome> {
  const outcomes = {} as Record<PeerEngine, PeerOutcome>;
  const firsts = new Map<PeerEngine, FirstCall>();
  try {
    for (const name of PEER_ENGINES) {
      const first = firstCall(name, row, started);
      if ('engine' in first) firsts.set(name, first);
      else outcomes[name] = first;
    }
    const reference = firsts.get('reference');
    if (!reference) throw new Error(`the CPU reference did not run: ${JSON.stringify(outcomes.reference)}`);
    const timed = [...firsts].filter(([, first]) => budgetMs === null || first.callMs <= budgetMs).map(([name]) => name);
    const times = timeRounds(timed, firsts, rounds);
    const frame = checkFrame(row);
    const input = row.channels === 'gray' ? row.luma : row.frame.data;
    for (const [name, { engine, result, callMs }] of firsts) {
      const engineTimes = times.get(name);
      outcomes[name] =
        engineTimes === undefined
          ? { status: 'capped', callMs }
          : typeof engineTimes === 'string'
            ? { status: 'failed', error: engineTimes }
            : { status: 'measured', times: engineTimes, check: agreement(frame, input, reference.result, result, engine.premultiplied) };
    }
    return outcomes;
  } finally {
    for (const { engine } of firsts.values()) engine.dispose();
  }
}

/** The engine set up and called once; what it cannot do or the error it ran into otherwise. */
function firstCall(name: PeerEngine, row: Row, started: Started): FirstCall | PeerOutcome {
  let made: Engine | Cannot;
  try {
    made = makeEngine(name, row, started);
  } catch (error) {
    return { status: 'failed', error: messageOf(error) };
  }
  if (made instanceof Cannot) return { status: 'cannot', what: made.what, reason: made.reason };
  try {
    const start = performance.now();
    const result = made.run();
    return { engine: made, result, callMs: performance.now() - start };
  } catch (error) {
    made.dispose();
    return { status: 'failed', error: messageOf(error) };
  }
}

/** `rounds` rounds of one timed call of each engine: each engine's times by round, or the error that stopped it. */
function timeRounds(
  names: readonly PeerEngine[],
  firsts: ReadonlyMap<PeerEngine, FirstCall>,
  rounds: number,
): Map<PeerEngine, number[] | string> {
  const times = new Map<PeerEngine, number[] | string>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const shift = round % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const sofar = times.get(name)!;
      if (typeof sofar === 'string') continue;
      try {
        const start = performance.now();
        firsts.get(name)!.engine.run();
        sofar.push(performance.now() - start);
      } catch (error) {
        times.set(name, messageOf(error));
      }
    }
  }
  return times;
}

/** The interior the check compares: a kernel's reach from its anchor away from every edge. */
function checkFrame({ frame, kernel, channels }: Row): CheckFrame {
  const { cols, rows, anchorX, anchorY } = kernel;
  const margin = Math.max(anchorX, cols - 1 - anchorX, anchorY, rows - 1 - anchorY);
  return { width: frame.width, height: frame.height, samples: channels === 'gray' ? 1 : 4, margin };
}
