// The page the browser tests drive: the library from src/ plus the test
// helpers, on window, so tests can evaluate cases inside the page.
import * as kernelgl from '../../src/index.js';
import * as parity from './parity.js';

declare global {
  interface Window {
    kernelgl: typeof kernelgl;
    parity: typeof parity;
    harnessReady: boolean;
  }
}

window.kernelgl = kernelgl;
window.parity = parity;
window.harnessReady = true;
