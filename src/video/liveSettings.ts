/**
 * LiveSettings: what a live filter runs with, checked together once: the
 * kernel, the options as given (later changes merge over them), the filter
 * and display options they resolve to, and the plan they make. A change
 * makes new settings, so invalid values throw and change nothing.
 */
import type { Kernel } from '../kernel.js';
import { resolveKernel, type KernelLike } from '../kernelSpec.js';
import { resolveOptions, type ResolvedOptions } from '../options.js';
import { makePlan, type Plan } from '../plan.js';
import { resolveDisplay, splitLiveOptions, type LiveOptions, type ResolvedDisplay } from './displayOptions.js';

export class LiveSettings {
  private constructor(
    readonly kernel: Kernel,
    readonly given: LiveOptions,
    readonly options: ResolvedOptions,
    readonly display: ResolvedDisplay,
    readonly plan: Plan,
  ) {}

  /** Checks `kernel` and `options`; throws KernelError or OptionError naming what is wrong. */
  static of(kernel: KernelLike, options: LiveOptions): LiveSettings {
    return LiveSettings.make(resolveKernel(kernel), options);
  }

  /** These settings with another kernel. */
  withKernel(kernel: KernelLike): LiveSettings {
    return LiveSettings.make(resolveKernel(kernel), this.given);
  }

  /** These settings with some options changed; those not given keep their values. */
  withOptions(options: LiveOptions): LiveSettings {
    return LiveSettings.make(this.kernel, { ...this.given, ...options });
  }

  private static make(kernel: Kernel, given: LiveOptions): LiveSettings {
    const { filter, display } = splitLiveOptions(given);
    const options = resolveOptions(filter);
    return new LiveSettings(kernel, given, options, resolveDisplay(display), makePlan(kernel, options));
  }
}
