// The parts of src/ that browser tests check inside the page but that are no
// part of the public API (src/index.ts, on window.kernelgl): on window.internals.
export { borderIndex } from '../../src/border.js';
export { displayTransform } from '../../src/gpu/placement.js';
