/**
 * One row of the peers table, timed in the page round by round (rounds.ts);
 * each engine's result is checked against the CPU reference's.
 */
import { PEER_ENGINES, type PeerEngine, type PeerJob, type PeerOutcome } from '../protocol.js';
import { agreement, type CheckFrame } from './agreement.js';
import { makeEngine, type Row, type Started } from './peerEngines.js';
import { measureEngines } from './rounds.js';

export function measureRow(row: Row, started: Started, job: PeerJob): Record<PeerEngine, PeerOutcome> {
  return measureEngines(
    PEER_ENGINES,
    (name) => makeEngine(name, row, started),
    job,
    (done) => {
      const reference = done.get('reference')!;
      if (!('times' in reference)) throw new Error(`the CPU reference did not run: ${JSON.stringify(reference)}`);
      const frame = checkFrame(row);
      const input = row.channels === 'gray' ? row.luma : row.frame.data;
      const outcome = (name: PeerEngine): PeerOutcome => {
        const engine = done.get(name)!;
        if (!('times' in engine)) return engine;
        const check = agreement(frame, input, reference.result, engine.result, engine.engine.premultiplied);
        return { status: 'measured', times: engine.times, check };
      };
      return Object.fromEntries(PEER_ENGINES.map((name) => [name, outcome(name)])) as Record<PeerEngine, PeerOutcome>;
    },
  );
}

/** The interior the check compares: a kernel's reach from its anchor away from every edge. */
function checkFrame({ frame, kernel, channels }: Row): CheckFrame {
  const { cols, rows, anchorX, anchorY } = kernel;
  const margin = Math.max(anchorX, cols - 1 - anchorX, anchorY, rows - 1 - anchorY);
  return { width: frame.width, height: frame.height, samples: channels === 'gray' ? 1 : 4, margin };
}
