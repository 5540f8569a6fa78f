/**
 * What the `<kernel-filter>` attributes say, read as data: the filter through
 * parseFilterSpec, the options through resolveOptions and resolveDisplay.
 * Attribute text is never evaluated and never becomes markup.
 */
import { parseFilterSpec, type Filter } from '../filterSpec.js';
import { resolveOptions, type FilterOptions } from '../options.js';
import { resolveDisplay, type LiveOptions } from '../video/displayOptions.js';

/** The attributes the element reacts to. */
export const KERNEL_FILTER_ATTRIBUTES = ['src', 'webcam', 'kernel', 'border', 'mode', 'channels', 'output', 'mirror', 'fit'] as const;
export type KernelFilterAttribute = (typeof KERNEL_FILTER_ATTRIBUTES)[number];

/** Attributes that choose the source; the others change the filter in place. */
export const SOURCE_ATTRIBUTES: readonly KernelFilterAttribute[] = ['src', 'webcam'];

/** The kernel shown when the element has no `kernel` attribute. */
export const DEFAULT_ELEMENT_KERNEL = 'identity';

/**
 * The filter of the `kernel` attribute: a bank name, a generator
 * (`gaussian:15:3`), a JSON matrix, or a filter spec (`median:5`,
 * `erode:ellipse:7x5`, `bilateral:9:75:75`, JSON `{"morph": ...}`).
 */
export function readKernel(element: Element): Filter {
  return parseFilterSpec(element.getAttribute('kernel') ?? DEFAULT_ELEMENT_KERNEL);
}

/**
 * The filter and display options of the attributes, validated (OptionError
 * names the bad value). An absent filter attribute is there as undefined, so
 * that it takes the filter kind's default (its own border for each kind)
 * and undoes a value an earlier reading set.
 */
export function readOptions(element: Element): LiveOptions {
  const text = (name: KernelFilterAttribute): string | undefined => element.getAttribute(name) ?? undefined;
  const given = { border: text('border'), mode: text('mode'), channels: text('channels'), output: text('output') };
  resolveOptions(given);
  // Checked just now: the texts are values of the option types.
  return {
    ...(given as FilterOptions),
    ...resolveDisplay({ fit: text('fit'), mirror: element.hasAttribute('mirror'), resolution: 'display' }),
  };
}
