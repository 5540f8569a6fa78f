/**
 * --shard K/N: this machine's share of the inputs, so that N machines can
 * split a folder without talking to each other. An input belongs to the
 * shard its file name hashes to, so the split depends neither on the order
 * the files are listed in nor on the machine, nor on the folder's location:
 * the N shards are disjoint and together cover the inputs, and a file keeps
 * its shard as others are added.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { OptionError } from '../errors.js';

export interface Shard {
  /** 1 to count. */
  readonly index: number;
  readonly count: number;
}

/** `K/N` with 1 <= K <= N; throws OptionError otherwise. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(count >= 1 && index >= 1 && index <= count && Number.isSafeInteger(count))) {
    throw new OptionError(`shard must be K/N with 1 <= K <= N (e.g. 2/8 for the second of eight machines); got ${JSON.stringify(text)}.`);
  }
  return { index, count };
}

/** Whether the input at `path` is in `shard`: by its file name, the path relative to the folder given. */
export function inShard(path: string, shard: Shard): boolean {
  const hash = createHash('sha256').update(basename(path)).digest().readUInt32BE(0);
  return hash % shard.count === shard.index - 1;
}
