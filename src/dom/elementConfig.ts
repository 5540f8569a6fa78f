/**
 * What the `<kernel-filter>` attributes say, read as data: the kernel through
 * parseKernelSpec, the options through resolveOptions and resolveDisplay.
 * Attribute text is never evaluated and never becomes markup.
 */
import type { Kernel } from '../kernel.js';
import { parseKernelSpec } from '../kernelSpec.js';
import { resolveOptions } from '../options.js';
import { resolveDisplay, type LiveOptions } from '../video/displayOptions.js';

/** The attributes the element reacts to. */
export const KERNEL_FILTER_ATTRIBUTES = ['src', 'webcam', 'kernel', 'border', 'mode', 'channels', 'output', 'mirror', 'fit'] as const;
export type KernelFilterAttribute = (typeof KERNEL_FILTER_ATTRIBUTES)[number];

/** Attributes that choose the source; the others change the filter in place. */
export const SOURCE_ATTRIBUTES: readonly KernelFilterAttribute[] = ['src', 'webcam'];

/** The kernel shown when the element has no `kernel` attribute. */
export const DEFAULT_ELEMENT_KERNEL = 'identity';

/** The kernel of the `kernel` attribute: a bank name, a generator (`gaussian:15:3`) or a JSON matrix. */
export function readKernel(element: Element): Kernel {
  return parseKernelSpec(element.getAttribute('kernel') ?? DEFAULT_ELEMENT_KERNEL);
}

/** The filter and display options of the attributes, validated (OptionError names the bad value); absent ones take the defaults. */
export function readOptions(element: Element): LiveOptions {
  const text = (name: KernelFilterAttribute): string | undefined => element.getAttribute(name) ?? undefined;
  return {
    ...resolveOptions({ border: text('border'), mode: text('mode'), channels: text('channels'), output: text('output') }),
    ...resolveDisplay({ fit: text('fit'), mirror: element.hasAttribute('mirror'), resolution: 'display' }),
  };
}
