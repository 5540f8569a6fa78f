/**
 * LiveSettings: what a live filter runs with, checked together once: the
 * filter, the options as given (later changes merge over them), the filter
 * and display options they resolve to, and the plan they make. A change
 * makes new settings, so invalid values throw and change nothing.
 *
 * The plan is made from the filter options as given, because each filter
 * kind fills in its own defaults (a morphology filter's border is constant
 * with the neutral value, DESIGN.md section 6); `options` resolved with the
 * kernels' defaults would make a different plan.
 */
import { resolveFilter, type Filter, type FilterLike } from '../filterSpec.js';
import { resolveOptions, type FilterOptions, type ResolvedOptions } from '../options.js';
import { planFilter, type Plan } from '../plan.js';
import { resolveDisplay, splitLiveOptions, type LiveOptions, type ResolvedDisplay } from './displayOptions.js';

export class LiveSettings {
  private constructor(
    readonly kernel: Filter,
    readonly given: LiveOptions,
    /** The filter options as given: with `kernel`, what reproduces the result (cpuFilter fills in the kind's defaults). */
    readonly filterOptions: FilterOptions,
    /**
     * The filter options with every default filled in, the border being the
     * one the plan uses (a morphology filter's neutral border value is in its
     * plan's passes: no one number states it).
     */
    readonly options: ResolvedOptions,
    readonly display: ResolvedDisplay,
    readonly plan: Plan,
  ) {}

  /** Checks `kernel` and `options`; throws KernelError or OptionError naming what is wrong. */
  static of(kernel: FilterLike, options: LiveOptions): LiveSettings {
    return LiveSettings.make(resolveFilter(kernel), options);
  }

  /** These settings with another filter. */
  withKernel(kernel: FilterLike): LiveSettings {
    return LiveSettings.make(resolveFilter(kernel), this.given);
  }

  /** These settings with some options changed; those not given keep their values. */
  withOptions(options: LiveOptions): LiveSettings {
    return LiveSettings.make(this.kernel, { ...this.given, ...options });
  }

  private static make(kernel: Filter, given: LiveOptions): LiveSettings {
    const { filter, display } = splitLiveOptions(given);
    const plan = planFilter(kernel, filter);
    const options = Object.freeze({ ...resolveOptions(filter), border: plan.border });
    return new LiveSettings(kernel, given, filter, options, resolveDisplay(display), plan);
  }
}
