/** What the report's tables share: numbers as text, footnotes, and the cell of an engine that was not timed. */
import type { PeerOutcome } from './protocol.js';

/** Milliseconds with three significant digits or so: 0.412, 4.12, 41.2, 412 (and -4.12: a difference can come out negative). */
export function formatMs(ms: number): string {
  const size = Math.abs(ms);
  return ms.toFixed(size < 1 ? 3 : size < 10 ? 2 : size < 100 ? 1 : 0);
}

export const percent = (share: number): string => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

/** A ratio such as a speedup: `2.35x`, `12.4x`; `—` when not measured. */
export const formatRatio = (ratio: number | null): string => (ratio === null ? '—' : `${ratio.toFixed(ratio < 10 ? 2 : 1)}x`);

/** Footnotes, numbered in order of first use, for capped and failed cells. */
export class Footnotes {
  private readonly notes: string[] = [];

  ref(text: string): string {
    const index = this.notes.includes(text) ? this.notes.indexOf(text) : this.notes.push(text) - 1;
    return `[^${index + 1}]`;
  }

  toString(): string {
    return this.notes.map((note, i) => `[^${i + 1}]: ${note}`).join('\n');
  }
}

/** The cell of an engine that made no timed calls: capped, unable to run the row (`—` for the channels, `cannot` for the filter), or failed. */
export function untimedText(outcome: Exclude<PeerOutcome, { readonly status: 'measured' }>, notes: Footnotes): string {
  switch (outcome.status) {
    case 'capped':
      return `capped ≈${formatMs(outcome.callMs)}${notes.ref('capped: its untimed call took longer than the budget of a call, so it made no timed calls.')}`;
    case 'cannot':
      return `${outcome.what === 'channels' ? '—' : 'cannot'}${notes.ref(outcome.reason)}`;
    case 'failed':
      return `error${notes.ref(`error: ${outcome.error}`)}`;
  }
}
