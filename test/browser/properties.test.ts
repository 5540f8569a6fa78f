// Property: for any kernel, anchor, options and image, the GPU result equals
// the CPU reference bit for bit (DESIGN.md section 1, "Parity"). fast-check
// generates the cases in Node from a fixed seed; the page checks them in
// batches. On a failure the test prints the seed, the failing cases and the
// counterexample fast-check shrinks them to.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { BORDERS, CHANNELS, MODES, OUTPUTS, PLAN_CHOICES } from '../../src/options.js';
import type { ParityCase, ParityFailure } from './parity.js';
import { describeFailure } from './parity.js';
import { useTestPage } from '../support/page.js';

/**
 * Replay or explore: `PROPERTY_SEED=123 PROPERTY_RUNS=5000 npx vitest run test/browser/properties.test.ts`.
 * 500 by default: each random kernel shape compiles its own program variant
 * (about 0.17 s on SwiftShader); variants.test.ts pins the shape limits.
 */
const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_126);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);
const BATCH = 50;
const MAX_KERNEL = 15;
const MAX_IMAGE = 40;

/** A float32 magnitude in [min, max]. */
const magnitude = (min: number, max: number): fc.Arbitrary<number> =>
  fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true });
const signed = (m: fc.Arbitrary<number>): fc.Arbitrary<number> => fc.tuple(fc.boolean(), m).map(([negative, v]) => (negative ? -v : v));

const integerWeight = fc.integer({ min: -8, max: 8 });
const ordinaryFloat = signed(magnitude(2 ** -8, 4));
/**
 * Ordinary fractions, tiny (2^-60) and large (2^60) magnitudes, zeros, and
 * weights around the bottom of float32's normal range (2^-126), whose
 * products and sums the GPU flushes to zero when subnormal, as the CPU
 * reference does.
 */
const floatWeight = fc.oneof(ordinaryFloat, signed(magnitude(2 ** -60, 2 ** 60)), signed(magnitude(2 ** -140, 2 ** -118)), fc.constant(0));

const vector = (n: number, weight: fc.Arbitrary<number>): fc.Arbitrary<number[]> => fc.array(weight, { minLength: n, maxLength: n });
const grid = (cols: number, rows: number, weight: fc.Arbitrary<number>): fc.Arbitrary<number[][]> =>
  fc.array(vector(cols, weight), { minLength: rows, maxLength: rows });
const outer = (col: number[], row: number[]): number[][] => col.map((c) => row.map((r) => c * r));
const add = (a: number[][], b: number[][]): number[][] => a.map((row, j) => row.map((v, i) => v + b[j]![i]!));

/**
 * Weights of every kind the planner treats differently: integers; floats;
 * integers times one float32 unit (box-like, summed as integers and scaled
 * once); and rank 1 and rank 2 kernels (which `auto` may split into 1D passes).
 */
function matrix(cols: number, rows: number): fc.Arbitrary<number[][]> {
  const unit = fc.integer({ min: 1, max: 64 }).map((d) => Math.fround(1 / d));
  // Factors of outer products stay ordinary, so that their products keep clear of the subnormals too.
  const factor = fc.oneof(integerWeight, ordinaryFloat, fc.constant(0));
  return fc.oneof(
    grid(cols, rows, integerWeight),
    grid(cols, rows, floatWeight),
    fc.tuple(grid(cols, rows, integerWeight), unit).map(([m, u]) => m.map((row) => row.map((n) => n * u))),
    fc.tuple(vector(rows, factor), vector(cols, factor)).map(([c, r]) => outer(c, r)),
    fc
      .tuple(vector(rows, integerWeight), vector(cols, integerWeight), vector(rows, integerWeight), vector(cols, integerWeight))
      .map(([c1, r1, c2, r2]) => add(outer(c1, r1), outer(c2, r2))),
  );
}

/** A kernel in the plain form cases carry (KernelData), drawn as a matrix. */
const kernel = fc
  .record({ cols: fc.integer({ min: 1, max: MAX_KERNEL }), rows: fc.integer({ min: 1, max: MAX_KERNEL }) })
  .chain(({ cols, rows }) =>
    fc.record({
      matrix: matrix(cols, rows),
      anchor: fc.tuple(fc.integer({ min: 0, max: cols - 1 }), fc.integer({ min: 0, max: rows - 1 })),
    }),
  )
  .map(({ matrix, anchor }) => ({ cols: matrix[0]!.length, rows: matrix.length, weights: matrix.flat(), anchor, name: 'random' }));

/** Border values in and beyond 0..255, fractional ones included. */
const borderSample = fc.oneof(fc.integer({ min: 0, max: 255 }), signed(magnitude(2 ** -10, 600)));

const options = fc.record({
  border: fc.constantFrom(...BORDERS),
  borderValue: fc.oneof(borderSample, fc.tuple(borderSample, borderSample, borderSample, borderSample)),
  mode: fc.constantFrom(...MODES),
  channels: fc.constantFrom(...CHANNELS),
  scale: fc.oneof(fc.constant(1), signed(magnitude(2 ** -10, 16))),
  delta: fc.oneof(fc.constant(0), signed(magnitude(2 ** -10, 300))),
  plan: fc.constantFrom(...PLAN_CHOICES),
});

const parityCase: fc.Arbitrary<ParityCase> = fc.record({
  kernel,
  image: fc.record({
    kind: fc.constant('noise' as const),
    width: fc.integer({ min: 1, max: MAX_IMAGE }),
    height: fc.integer({ min: 1, max: MAX_IMAGE }),
    seed: fc.nat(),
  }),
  options,
  outputs: fc.subarray([...OUTPUTS], { minLength: 1 }),
});

const page = useTestPage();

const check = (cases: readonly ParityCase[]): Promise<ParityFailure[]> =>
  page().page.evaluate((cs) => window.parity.checkParity(cs), cases);

test(`GPU equals the CPU reference on ${RUNS} random cases (seed ${SEED})`, async () => {
  const cases = fc.sample(parityCase, { seed: SEED, numRuns: RUNS });
  const failures: ParityFailure[] = [];
  for (let k = 0; k < cases.length; k += BATCH) failures.push(...(await check(cases.slice(k, k + BATCH))));
  if (failures.length > 0) console.log(await report(failures));
  expect({ failing: failures.length, first: failures.slice(0, 3).map(describeFailure) }).toEqual({ failing: 0, first: [] });
});

/** The failures, then fast-check's own run from the same seed, which shrinks the first one it meets. */
async function report(failures: readonly ParityFailure[]): Promise<string> {
  const property = fc.asyncProperty(parityCase, async (c) => (await check([c])).length === 0);
  const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
  const shrunk = details.counterexample ? (await check(details.counterexample)).map(describeFailure) : [];
  return [
    `seed ${SEED}: ${failures.length} failing outputs of ${RUNS} cases; the first:`,
    ...failures.slice(0, 5).map(describeFailure),
    fc.defaultReportMessage(details) ?? 'fast-check did not meet the failure again from this seed.',
    ...shrunk,
  ].join('\n');
}
