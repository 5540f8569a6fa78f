// Small builders for labelled form controls. Every control is a native
// element with a visible <label>, so the panel works from the keyboard and
// with a screen reader; choices come from the library's constant lists.

export function field(label: string, control: HTMLElement): HTMLLabelElement {
  const wrapper = document.createElement('label');
  wrapper.className = 'field';
  const text = document.createElement('span');
  text.textContent = label;
  wrapper.append(text, control);
  return wrapper;
}

/** A labelled <select> of `values`. */
export function choice<T extends string>(
  label: string,
  values: readonly T[],
  initial: T,
  onChange: (value: T) => void,
): { element: HTMLLabelElement; select: HTMLSelectElement } {
  const select = document.createElement('select');
  for (const value of values) select.append(new Option(value, value, false, value === initial));
  select.addEventListener('change', () => onChange(select.value as T));
  return { element: field(label, select), select };
}

/** A labelled number input. */
export function numberInput(
  label: string,
  initial: number,
  onChange: (value: number) => void,
): { element: HTMLLabelElement; input: HTMLInputElement } {
  const input = document.createElement('input');
  Object.assign(input, { type: 'number', step: 'any', value: String(initial) });
  input.addEventListener('change', () => {
    if (input.value.trim() !== '' && Number.isFinite(input.valueAsNumber)) onChange(input.valueAsNumber);
  });
  return { element: field(label, input), input };
}

/** A checkbox with its label after it. */
export function checkbox(
  label: string,
  initial: boolean,
  onChange: (checked: boolean) => void,
): { element: HTMLLabelElement; input: HTMLInputElement } {
  const input = document.createElement('input');
  Object.assign(input, { type: 'checkbox', checked: initial });
  input.addEventListener('change', () => onChange(input.checked));
  const wrapper = document.createElement('label');
  wrapper.className = 'inline';
  wrapper.append(input, document.createTextNode(label));
  return { element: wrapper, input };
}

/** Integers from..to as option values. */
export function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
}
