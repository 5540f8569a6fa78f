/**
 * `kernelgl/element`: importing this module defines `<kernel-filter>`, the
 * usual convention for web components. `kernelgl` itself defines nothing on
 * import; there, call `defineKernelFilter()`.
 */
import { defineKernelFilter } from './dom/kernelFilterElement.js';

defineKernelFilter();

export * from './index.js';
