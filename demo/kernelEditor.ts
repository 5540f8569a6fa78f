// The custom kernel editor: a grid of number inputs of any size from 1x1 to
// MAX x MAX (odd or even), with the anchor chosen by two selects and marked in
// the grid. Any edit gives a new Kernel, or the KernelError saying what is wrong.
import { Kernel, type KernelglError } from '../src/index.js';
import { choice, range } from './controls.js';

/** The largest side the editor shows (the bank's largest kernel is 21x21). */
const MAX = 21;

export class KernelEditor {
  readonly element = document.createElement('div');
  private readonly grid = document.createElement('div');
  private readonly note = document.createElement('p');
  private readonly cols;
  private readonly rows;
  private readonly anchorX;
  private readonly anchorY;
  private weights: number[][] = [[1]];

  constructor(private readonly onChange: (kernel: Kernel | KernelglError) => void) {
    this.cols = choice('Columns', range(1, MAX), '1', () => this.resize());
    this.rows = choice('Rows', range(1, MAX), '1', () => this.resize());
    this.anchorX = choice('Anchor x', ['0'], '0', () => this.emit());
    this.anchorY = choice('Anchor y', ['0'], '0', () => this.emit());
    this.grid.className = 'editor-grid';
    this.grid.setAttribute('role', 'group');
    this.grid.setAttribute('aria-label', 'Kernel weights, row by row');
    this.note.className = 'editor-note';
    this.element.append(this.cols.element, this.rows.element, this.anchorX.element, this.anchorY.element, this.grid, this.note);
  }

  /** Shows `kernel` in the grid (without reporting a change). */
  load(kernel: Kernel): void {
    this.weights = kernel.toMatrix();
    this.cols.select.value = String(kernel.cols);
    this.rows.select.value = String(kernel.rows);
    this.render(kernel.anchorX, kernel.anchorY);
  }

  private resize(): void {
    const cols = Number(this.cols.select.value);
    const rows = Number(this.rows.select.value);
    // Weights that still fit keep their place; new cells start at 0.
    this.weights = Array.from({ length: rows }, (_, j) => Array.from({ length: cols }, (_, i) => this.weights[j]?.[i] ?? 0));
    this.render(Math.min(Number(this.anchorX.select.value), cols - 1), Math.min(Number(this.anchorY.select.value), rows - 1));
    this.emit();
  }

  private render(ax: number, ay: number): void {
    const rows = this.weights.length;
    const cols = this.weights[0]!.length;
    fillSelect(this.anchorX.select, cols, ax);
    fillSelect(this.anchorY.select, rows, ay);
    this.grid.style.gridTemplateColumns = `repeat(${cols}, minmax(2.6rem, 1fr))`;
    const inputs = this.weights.flatMap((row, j) =>
      row.map((w, i) => {
        const input = document.createElement('input');
        Object.assign(input, { type: 'number', step: 'any', value: String(w) });
        input.setAttribute('aria-label', `weight row ${j + 1} column ${i + 1}`);
        input.addEventListener('input', () => {
          this.weights[j]![i] = input.value.trim() === '' ? Number.NaN : input.valueAsNumber;
          this.emit();
        });
        return input;
      }),
    );
    this.grid.replaceChildren(...inputs);
    this.describe();
  }

  /** Marks the anchor cell and sums up the kernel under the grid. */
  private describe(): void {
    const cols = this.weights[0]!.length;
    const at = Number(this.anchorY.select.value) * cols + Number(this.anchorX.select.value);
    [...this.grid.children].forEach((input, k) => input.classList.toggle('anchor', k === at));
    this.note.textContent = `${cols}x${this.weights.length}, anchor marked; sum of weights ${sum(this.weights)}`;
  }

  private emit(): void {
    this.describe();
    try {
      const anchor = [Number(this.anchorX.select.value), Number(this.anchorY.select.value)] as const;
      this.onChange(Kernel.from(this.weights, { anchor, name: 'custom' }));
    } catch (error) {
      this.onChange(error as KernelglError);
    }
  }
}

function fillSelect(select: HTMLSelectElement, count: number, value: number): void {
  select.replaceChildren(...range(0, count - 1).map((v) => new Option(v, v, false, Number(v) === value)));
}

function sum(weights: number[][]): string {
  const total = weights.flat().reduce((a, b) => a + b, 0);
  return Number.isFinite(total) ? String(Number(total.toPrecision(6))) : '—';
}
