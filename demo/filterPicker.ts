// The picker of the filters beyond kernels: a median (its size), morphology
// (operation, structuring element shape, width, height, iterations) or a
// bilateral filter (diameter and the two sigmas). Only the chosen kind's
// controls show; any change makes the filter with the library's `filters`
// builders, or gives the KernelError saying what is wrong.
import { filters, MORPH_OPS, SHAPES, type KernelglError, type MorphOp, type NonlinearFilter, type Shape } from '../src/index.js';
import { choice, numberInput, range } from './controls.js';

export const NONLINEAR_KINDS = ['median', 'morphology', 'bilateral'] as const;
export type NonlinearKind = (typeof NONLINEAR_KINDS)[number];

/** The largest window side offered: larger ones work, but slowly in a software renderer. */
const MAX_SIDE = 31;
const MAX_ITERATIONS = 5;

export class FilterPicker {
  readonly element = document.createElement('div');
  private kind: NonlinearKind = 'median';
  private readonly size = choice(
    'Size',
    range(1, MAX_SIDE).filter((v) => Number(v) % 2 === 1),
    '5',
    () => this.emit(),
  );
  private readonly op = choice<MorphOp>('Operation', MORPH_OPS, 'erode', () => this.emit());
  private readonly shape = choice<Shape>('Shape', SHAPES, 'ellipse', () => this.emit());
  private readonly width = choice('Width', range(1, MAX_SIDE), '7', () => this.emit());
  private readonly height = choice('Height', range(1, MAX_SIDE), '5', () => this.emit());
  private readonly iterations = choice('Iterations', range(1, MAX_ITERATIONS), '1', () => this.emit());
  private readonly diameter = numberInput('Diameter', 9, () => this.emit());
  private readonly sigmaColor = numberInput('Sigma colour', 75, () => this.emit());
  private readonly sigmaSpace = numberInput('Sigma space', 75, () => this.emit());
  private readonly groups: Record<NonlinearKind, HTMLDivElement> = {
    median: group(this.size.element),
    morphology: group(this.op.element, this.shape.element, this.width.element, this.height.element, this.iterations.element),
    bilateral: group(this.diameter.element, this.sigmaColor.element, this.sigmaSpace.element),
  };

  constructor(private readonly onChange: (filter: NonlinearFilter | KernelglError) => void) {
    this.diameter.input.step = '1';
    this.element.className = 'filter-picker';
    this.element.append(...Object.values(this.groups));
  }

  /** Shows the controls of `kind` (none for null) and reports its filter. */
  show(kind: NonlinearKind | null): void {
    this.element.hidden = kind === null;
    if (kind === null) return;
    this.kind = kind;
    for (const k of NONLINEAR_KINDS) this.groups[k].hidden = k !== kind;
    this.emit();
  }

  private emit(): void {
    try {
      this.onChange(this.filter());
    } catch (error) {
      this.onChange(error as KernelglError);
    }
  }

  private filter(): NonlinearFilter {
    const value = (control: { select: HTMLSelectElement }): number => Number(control.select.value);
    switch (this.kind) {
      case 'median':
        return filters.median(value(this.size));
      case 'morphology':
        return filters.morphology(this.op.select.value as MorphOp, {
          shape: this.shape.select.value as Shape,
          size: [value(this.width), value(this.height)],
          iterations: value(this.iterations),
        });
      case 'bilateral':
        return filters.bilateral(
          this.diameter.input.valueAsNumber,
          this.sigmaColor.input.valueAsNumber,
          this.sigmaSpace.input.valueAsNumber,
        );
    }
  }
}

function group(...fields: HTMLElement[]): HTMLDivElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'filter-params';
  wrapper.append(...fields);
  return wrapper;
}
