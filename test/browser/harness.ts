// The page the browser tests drive: the library's public API from src/, the
// internals some tests check, and the test helpers, on window, so tests can
// evaluate cases inside the page.
import * as kernelgl from '../../src/index.js';
import * as internals from './internals.js';
import * as parity from './parity.js';

declare global {
  interface Window {
    kernelgl: typeof kernelgl;
    internals: typeof internals;
    parity: typeof parity;
    harnessReady: boolean;
  }
}

window.kernelgl = kernelgl;
window.internals = internals;
window.parity = parity;
window.harnessReady = true;
