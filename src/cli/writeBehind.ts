/**
 * Results written behind the filtering. sharp encodes and writes on libuv's
 * threads, so the next image can filter (on the GPU page or the CPU engine)
 * while the last ones are encoded: on two cores that overlap is most of a
 * folder's speed-up. The results waiting hold memory, so their bytes are
 * bounded: past the bound the caller waits for the oldest write, and one
 * result always goes, however large.
 */

/** Enough for a few dozen photos in flight, little next to the memory a large image takes anyway. */
const DEFAULT_MAX_BYTES = 256 * 2 ** 20;

export class WriteBehind {
  private readonly pending: { readonly done: Promise<unknown>; readonly bytes: number }[] = [];
  private held = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /** Tracks a write under way (which must not reject) holding `bytes`; resolves once the ones in flight are within the bound. */
  async add(done: Promise<unknown>, bytes: number): Promise<void> {
    this.pending.push({ done, bytes });
    this.held += bytes;
    while (this.pending.length > 1 && this.held > this.maxBytes) await this.settleOldest();
  }

  /** Resolves when every write has. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.settleOldest();
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.pending.shift()!;
    await oldest.done;
    this.held -= oldest.bytes;
  }
}
