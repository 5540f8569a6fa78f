/**
 * Progress on stderr (of the command and the benchmark): a bar that redraws
 * in place on a terminal, plain lines otherwise (logs, CI, pipes), so stdout
 * keeps only the summary. Both show the steps done per second and the time
 * left at that pace, from the first step begun.
 */
const BAR_WIDTH = 24;

export class Progress {
  private done = 0;
  /** Of those done, the ones that did not run: they say nothing of the pace. */
  private skipped = 0;
  private current = '';
  private started: number | null = null;
  private readonly tty: boolean;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = stream.isTTY === true;
  }

  /** A step starts: the bar shows what is running. */
  begin(label: string): void {
    this.current = label;
    this.started ??= performance.now();
    if (this.tty) this.draw();
  }

  /** A step ended; `detail` (e.g. its time) goes on its progress line, after its label: the one begun last unless given. */
  end(detail: string, label = this.current): void {
    this.done++;
    if (this.tty) this.draw();
    else this.stream.write(`kernelgl: [${this.done}/${this.total}] ${label} ${detail} (${this.pace()})\n`);
  }

  /** Steps that will not run (their input failed, or their results exist). */
  skip(count: number): void {
    this.done += count;
    this.skipped += count;
    if (this.tty) this.draw();
  }

  /** A message line (an error) above the bar. */
  note(line: string): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
    this.stream.write(`${line}\n`);
    if (this.tty && this.done < this.total) this.draw();
  }

  /** Removes the bar. */
  finish(): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
  }

  /** `12.5/s, 4 s left`, or nothing to go on before the first step ends. */
  private pace(): string {
    const seconds = this.started === null ? 0 : (performance.now() - this.started) / 1000;
    const ran = this.done - this.skipped;
    if (ran === 0 || seconds === 0) return '…/s';
    const rate = ran / seconds;
    return `${rate.toFixed(rate < 10 ? 1 : 0)}/s, ${Math.ceil((this.total - this.done) / rate)} s left`;
  }

  private draw(): void {
    const filled = this.total === 0 ? BAR_WIDTH : Math.round((this.done / this.total) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const line = `${bar} ${this.done}/${this.total} ${this.pace()} ${this.current}`;
    this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns || 80) - 1)}`);
  }
}
