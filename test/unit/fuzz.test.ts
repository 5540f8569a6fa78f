// Fuzzing what users type or pass: kernel specs, JSON kernels, matrices,
// options and pipeline nodes, with arbitrary strings, JSON values, numbers at
// the edges of float64 and float32, sparse and nested arrays, objects with
// prototype-member keys and very long strings. Property: every call returns a
// valid value or throws a KernelglError (never a TypeError, RangeError,
// SyntaxError or anything else), in bounded time (a hang runs into the test
// timeout), and never evaluates the text it reads: eval and Function throw if
// called. fast-check runs from a fixed seed and prints it with any
// counterexample. Replay or explore:
// `FUZZ_SEED=7 FUZZ_RUNS=20000 npx vitest run test/unit/fuzz.test.ts`.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { bank, byName } from '../../src/bank.js';
import { cpuFilter, cpuPipeline } from '../../src/cpu/filter.js';
import { KernelError, KernelglError, OptionError } from '../../src/errors.js';
import { Kernel, MAX_KERNEL_SIDE } from '../../src/kernel.js';
import { kernelFromJson, parseKernelSpec, resolveKernel } from '../../src/kernelSpec.js';
import {
  BORDERS,
  CHANNELS,
  DEFAULT_OPTIONS,
  MODES,
  OUTPUTS,
  PLAN_CHOICES,
  resolveOptions,
  type ResolvedOptions,
} from '../../src/options.js';
import {
  abs,
  chain,
  edgeMagnitude,
  filter,
  magnitude,
  mix,
  pipelineOf,
  planPipeline,
  source,
  unsharpMask,
  type PipelineNode,
  type PipelinePlan,
} from '../../src/pipeline.js';
import { isLinear, type Plan } from '../../src/plan.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_401);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

// ---------------------------------------------------------------- inputs

/** Numbers where conversions break: NaN, infinities, -0, subnormals, the float32 edges, huge and unsafe integers. */
const EDGE_NUMBERS = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1,
  -1,
  0.5,
  255,
  256,
  1e21,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2 ** -149,
  2 ** -127,
  2 ** -126,
  1e-300,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  3.4028235677973366e38,
  1e39,
  Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  2 ** 32,
  -(2 ** 31),
];
const anyNumber = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double(), fc.float(), fc.integer({ min: -300, max: 300 }));
/** Numbers a kernel accepts, so that enough generated kernels are valid for the checks on accepted values to run. */
const finiteWeight = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(-0, 2 ** -140, 1e-30),
);
const weight = fc.oneof({ arbitrary: finiteWeight, weight: 12 }, { arbitrary: anyNumber, weight: 2 });

/** Keys that name prototype members, kernel fields and option names. */
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'toJSON',
  'then',
  'length',
  '0',
  '',
  'matrix',
  'anchor',
  'name',
  ...Object.keys(DEFAULT_OPTIONS),
];
const key = fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 8 }));

/** An object whose own enumerable properties are `entries` (`__proto__` included, as JSON.parse makes it). */
function objectOf(entries: readonly (readonly [string, unknown])[], nullPrototype: boolean): object {
  const object = nullPrototype ? Object.create(null) : {};
  for (const [k, v] of entries) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
  return object;
}

const cyclic: unknown[] = [];
cyclic.push(cyclic, 0);
/** Values no generator makes: a cyclic array, typed arrays, a function, a symbol, constructors with odd names. */
const STRANGE_VALUES: unknown[] = [
  cyclic,
  new Float32Array([1, 2, 3]),
  new BigInt64Array(3),
  () => 1,
  Symbol('kernel'),
  new Date(0),
  /x/,
  new Map(),
  Object.create(null),
  { constructor: { name: Symbol('x') } },
  { constructor: { name: Object.create(null) } },
];

const { value: anyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyNumber,
    fc.string({ maxLength: 12 }),
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.bigInt(),
    fc.constantFrom(...STRANGE_VALUES),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.sparseArray(tie('value'), { maxLength: 6 }),
    fc.tuple(fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }), fc.boolean()).map(([entries, bare]) => objectOf(entries, bare)),
  ),
}));

/** Matrices: mostly rectangular numbers (often valid), ragged or sparse rows, the size limit's edges, or anything. */
const rectangular = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
  .chain(([cols, rows]) => fc.array(fc.array(weight, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));
const atTheLimit = fc
  .tuple(fc.constantFrom(MAX_KERNEL_SIDE - 1, MAX_KERNEL_SIDE, MAX_KERNEL_SIDE + 1), fc.boolean(), fc.constantFrom(1, 1e-3, -2))
  .map(([n, column, w]) => (column ? Array.from({ length: n }, () => [w]) : [new Array<number>(n).fill(w)]));
const matrix = fc.oneof(
  { arbitrary: rectangular, weight: 8 },
  { arbitrary: fc.array(fc.array(weight, { maxLength: 5 }), { maxLength: 5 }), weight: 2 },
  { arbitrary: fc.array(fc.sparseArray(weight, { maxLength: 4 }), { maxLength: 3 }), weight: 1 },
  { arbitrary: atTheLimit, weight: 1 },
  { arbitrary: anyValue, weight: 2 },
);
const anchor = fc.oneof(
  fc.constant(undefined),
  fc.tuple(fc.integer({ min: -2, max: 10 }), fc.integer({ min: -2, max: 10 })),
  fc.tuple(anyNumber, anyNumber),
  anyValue,
);
const kernelInit = fc.oneof(
  { arbitrary: fc.record({ anchor, name: fc.oneof(fc.string({ maxLength: 8 }), anyValue) }, { requiredKeys: [] }), weight: 6 },
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: anyValue, weight: 1 },
);

/** Texts of numbers as people mistype them. */
const numberText = fc.oneof(
  anyNumber.map(String),
  fc.nat({ max: 300 }).map(String),
  fc.constantFrom(
    '',
    '0',
    '00',
    '007',
    '1e3',
    '.5',
    '5.',
    '+1',
    '-1',
    '1e-400',
    '1e999',
    '0x10',
    '1_0',
    'Infinity',
    'NaN',
    ' 3',
    '３',
    '1.5.5',
  ),
  fc.string({ maxLength: 5 }),
);
const generatorSpec = fc
  .tuple(
    fc.constantFrom('box', 'gaussian', 'Box', 'gauss', 'box ', ''),
    fc.array(numberText, { maxLength: 3 }),
    fc.constantFrom(':', 'x', ' : '),
  )
  .map(([head, args, separator]) => [head, ...args].join(separator));
const boxSpec = fc.tuple(numberText, numberText).map(([cols, rows]) => `box:${cols}x${rows}`);
/** Names of the bank and of prototype members, padded with ordinary and exotic white space. */
const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
  'prototype',
];
const nameSpec = fc
  .tuple(
    fc.constantFrom('', ' ', '\n\t', '\u00a0', '\u200b', '\ufeff'),
    fc.constantFrom(...Object.keys(bank), ...PROTOTYPE_NAMES),
    fc.constantFrom('', ' ', '\u2028', 'X'),
  )
  .map(([before, name, after]) => before + name + after);
/** JSON texts, whole or cut short. */
const jsonSpec = fc
  .oneof(
    fc.json({ maxDepth: 3 }),
    rectangular.map((m) => JSON.stringify(m)),
    fc
      .record(
        { matrix: rectangular, anchor: fc.tuple(anyNumber, anyNumber), name: fc.string({ maxLength: 4 }) },
        { requiredKeys: ['matrix'] },
      )
      .map((o) => JSON.stringify(o)),
  )
  .chain((text) =>
    fc.oneof(
      fc.constant(text),
      fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    ),
  );
/** Very long texts, the kind that make a backtracking regex or a recursive parser take minutes. */
const longSpec = fc
  .tuple(
    fc.constantFrom('gaussian:5:', 'gaussian:', 'box:', 'box:3x', '[', '[[', '{"matrix":', '', 'sobel_x', '[[1,'),
    fc.constantFrom('1', '0', '[', ' ', '9,', 'x', '1e', '.', ':', '{"a":'),
    fc.integer({ min: 1_000, max: 150_000 }),
    fc.constantFrom('', 'x', ']', ']]', ':1', 'e'),
  )
  .map(([head, unit, count, tail]) => head + unit.repeat(count) + tail);
const spec = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  generatorSpec,
  boxSpec,
  nameSpec,
  jsonSpec,
  anyValue,
);

/** Option objects: valid values, near misses, wrong types and unknown keys. */
const optionValue = fc.oneof(
  fc.constantFrom(...BORDERS, ...MODES, ...CHANNELS, ...OUTPUTS, ...PLAN_CHOICES, 'Replicate', 'reflect_101', ' wrap', 'none'),
  anyNumber,
  fc.array(weight, { minLength: 4, maxLength: 4 }),
  fc.sparseArray(anyNumber, { minNumElements: 1, maxLength: 4 }),
  anyValue,
);
const optionsObject = fc.oneof(
  { arbitrary: fc.dictionary(fc.constantFrom(...Object.keys(DEFAULT_OPTIONS)), optionValue, { maxKeys: 4 }), weight: 6 },
  {
    arbitrary: fc.tuple(fc.array(fc.tuple(key, optionValue), { maxLength: 3 }), fc.boolean()).map(([e, bare]) => objectOf(e, bare)),
    weight: 2,
  },
  { arbitrary: anyValue, weight: 1 },
);
/** Anything a filter accepts as a kernel: a spec, a matrix, a Kernel or anything else. */
const kernelLike = fc.oneof(spec, matrix, fc.constantFrom(...Object.values(bank)));

// ---------------------------------------------------------------- checks

/** How each fuzzed function answered, for the log: values returned and errors thrown by class. */
const tallies = new Map<string, Map<string, number>>();

function tally(what: string, outcome: string): void {
  const counts = tallies.get(what) ?? new Map<string, number>();
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  tallies.set(what, counts);
}

/**
 * Runs `call`: a value goes to `check`; an exception must be a KernelglError
 * whose message starts with "kernelgl:". Anything else fails the property.
 */
function valueOrKernelglError<T>(what: string, call: () => T, check: (value: T) => void): T | undefined {
  let value: T;
  try {
    value = call();
  } catch (error) {
    if (error instanceof KernelglError && error.message.startsWith('kernelgl: ')) {
      tally(what, error.name);
      return undefined;
    }
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`${what} threw ${text}, not a KernelglError`, { cause: error });
  }
  check(value);
  tally(what, 'value');
  return value;
}

/** float32 as DESIGN.md section 1 states it: round to nearest, subnormals flushed to zero. */
const float32 = (x: number): number => {
  const r = Math.fround(x);
  return Math.abs(r) < 2 ** -126 ? r * 0 : r;
};

function expectKernel(kernel: Kernel): void {
  expect(kernel).toBeInstanceOf(Kernel);
  expect(Object.isFrozen(kernel)).toBe(true);
  const { cols, rows, weights, anchorX, anchorY, name } = kernel;
  for (const side of [cols, rows]) expect(Number.isInteger(side) && side >= 1 && side <= MAX_KERNEL_SIDE, `side ${side}`).toBe(true);
  expect(weights).toBeInstanceOf(Float32Array);
  expect(weights.length).toBe(cols * rows);
  const bad = weights.findIndex((w) => !Number.isFinite(w) || (w !== 0 && Math.abs(w) < 2 ** -126));
  expect(bad, `weight ${bad} is ${weights[bad]}`).toBe(-1);
  expect(Number.isInteger(anchorX) && anchorX >= 0 && anchorX < cols, `anchorX ${anchorX}`).toBe(true);
  expect(Number.isInteger(anchorY) && anchorY >= 0 && anchorY < rows, `anchorY ${anchorY}`).toBe(true);
  expect(typeof name).toBe('string');
}

/** A kernel accepted from `matrix` holds exactly its float32 weights, in its shape. */
function expectKernelOf(kernel: Kernel, matrix: unknown): void {
  expectKernel(kernel);
  const rows = matrix as number[][];
  expect([kernel.cols, kernel.rows]).toEqual([rows[0]!.length, rows.length]);
  rows.flat().forEach((w, k) => expect(Object.is(kernel.weights[k], float32(w)), `weight ${k}: ${w} -> ${kernel.weights[k]}`).toBe(true));
}

function expectResolved(resolved: ResolvedOptions, given: unknown): void {
  expect(Object.isFrozen(resolved)).toBe(true);
  expect(Object.keys(resolved).sort()).toEqual(Object.keys(DEFAULT_OPTIONS).sort());
  expect(BORDERS).toContain(resolved.border);
  expect(MODES).toContain(resolved.mode);
  expect(CHANNELS).toContain(resolved.channels);
  expect(OUTPUTS).toContain(resolved.output);
  expect(PLAN_CHOICES).toContain(resolved.plan);
  expect(Object.isFrozen(resolved.borderValue)).toBe(true);
  expect(resolved.borderValue).toHaveLength(4);
  for (const v of [...resolved.borderValue, resolved.scale, resolved.delta]) expect(Number.isFinite(v), `${v} is not finite`).toBe(true);
  // What was given and accepted is what comes back.
  const options = (given ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(options)) {
    const value = options[name];
    if (value === undefined) continue;
    const expected = name === 'borderValue' && typeof value === 'number' ? [value, value, value, value] : value;
    expect(resolved[name as keyof ResolvedOptions]).toEqual(expected);
  }
}

function expectPlan(plan: Plan): void {
  if (!isLinear(plan)) throw new Error(`a kernel made a ${plan.kind} plan`);
  expect(plan.passes.length).toBeGreaterThan(0);
  expect(Number.isFinite(plan.unit)).toBe(true);
  // Scale and delta beyond float32 range are refused (options.test.ts), so they stay finite here.
  for (const v of [plan.scale, plan.delta]) expect(Number.isFinite(v)).toBe(true);
  plan.passes.forEach((pass, p) => {
    expect(pass.weights.length).toBe(pass.cols * pass.rows);
    expect(pass.weights.every(Number.isFinite), `pass ${p} has a weight that is not finite`).toBe(true);
    expect(pass.anchorX >= 0 && pass.anchorX < pass.cols && pass.anchorY >= 0 && pass.anchorY < pass.rows).toBe(true);
    expect(pass.input === 'image' || (Number.isInteger(pass.input) && pass.input < p)).toBe(true);
  });
}

function expectPipelinePlan(pipeline: PipelinePlan): void {
  expect(CHANNELS).toContain(pipeline.channels);
  expect(OUTPUTS).toContain(pipeline.output);
  expect(pipeline.steps.length).toBeGreaterThan(0);
  const earlier = (input: unknown, s: number) => Number.isInteger(input) && (input as number) >= 0 && (input as number) < s;
  pipeline.steps.forEach((step, s) => {
    if (step.op === 'filter') {
      expect(step.input === 'source' || earlier(step.input, s)).toBe(true);
      expectPlan(step.plan);
    } else {
      expect(earlier(step.a, s) && (step.b === null || earlier(step.b, s))).toBe(true);
      expect(Number.isNaN(step.wa) || Number.isNaN(step.wb)).toBe(false);
    }
  });
}

function expectNode(node: PipelineNode): void {
  expect(Object.isFrozen(node)).toBe(true);
  expect(['source', 'filter', 'magnitude', 'abs', 'mix']).toContain(node.op);
}

/** A tiny image, so that executing any accepted plan on the CPU stays cheap even for 255x255 kernels. */
const IMAGE = { width: 3, height: 2, data: Uint8ClampedArray.from({ length: 24 }, (_, k) => (k * 53) % 256) };

// ---------------------------------------------------------------- guards

/** Calls of eval or Function during the fuzzing: parsing must treat text as data only. */
const evaluated: string[] = [];
const realEval = globalThis.eval;
const RealFunction = globalThis.Function;
/** Object.prototype and Array.prototype as they were: no input may add to them. */
const prototypeKeys = () => [Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Array.prototype)];
const pristine = prototypeKeys();

function refuseEvaluation(what: string): never {
  evaluated.push(what);
  throw new Error(`${what} was called while fuzzing`);
}

beforeAll(() => {
  globalThis.eval = (code: unknown) => refuseEvaluation(`eval(${String(code).slice(0, 60)})`);
  globalThis.Function = new Proxy(RealFunction, {
    apply: (_, __, args) => refuseEvaluation(`Function(${args.join(', ').slice(0, 60)})`),
    construct: (_, args) => refuseEvaluation(`new Function(${args.join(', ').slice(0, 60)})`),
  });
});

afterEach(() => {
  expect(evaluated).toEqual([]);
  expect(prototypeKeys()).toEqual(pristine);
  expect(({} as Record<string, unknown>).matrix ?? ({} as Record<string, unknown>).border).toBeUndefined();
});

afterAll(() => {
  globalThis.eval = realEval;
  globalThis.Function = RealFunction;
  for (const [what, counts] of tallies) console.log(`${what}: ${[...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ')}`);
});

// ---------------------------------------------------------------- properties

describe(`fuzzing (seed ${SEED}, ${RUNS} runs per property)`, () => {
  test('parseKernelSpec: any text or value gives a valid Kernel or a KernelError', () => {
    const name = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 6 }), anyValue);
    fc.assert(
      fc.property(spec, name, (text, given) => {
        const kernel = valueOrKernelglError('parseKernelSpec', () => parseKernelSpec(text, given as string), expectKernel);
        if (kernel && typeof text === 'string' && Object.hasOwn(bank, text.trim()))
          expect(kernel).toBe(bank[text.trim() as keyof typeof bank]);
      }),
      params(),
    );
  });

  test('parseKernelSpec: texts of up to 150,000 characters are answered in bounded time', () => {
    fc.assert(
      fc.property(longSpec, (text) => void valueOrKernelglError('parseKernelSpec (long text)', () => parseKernelSpec(text), expectKernel)),
      params(Math.min(RUNS, 300)),
    );
  });

  test('a 150,000-digit Gaussian sigma is refused at once (a backtracking pattern took 3.4 s for 30,000 digits, growing with the square)', () => {
    for (const tail of ['x', 'e', '.5.']) expect(() => parseKernelSpec(`gaussian:5:${'1'.repeat(150_000)}${tail}`)).toThrow(KernelError);
  });

  test('kernelFromJson: any JSON value or object gives a valid Kernel or a KernelError', () => {
    const kernelObject = fc.record({ matrix, anchor, name: fc.oneof(fc.string({ maxLength: 6 }), anyValue) }, { requiredKeys: [] });
    const withOddKeys = fc
      .tuple(kernelObject, fc.array(fc.tuple(key, anyValue), { maxLength: 2 }))
      .map(([o, e]) => objectOf([...Object.entries(o), ...e], false));
    fc.assert(
      fc.property(fc.oneof(matrix, kernelObject, withOddKeys, anyValue), (value) => {
        valueOrKernelglError('kernelFromJson', () => kernelFromJson(value), expectKernel);
      }),
      params(),
    );
  });

  test('Kernel.from: any matrix and init give a Kernel of exactly the float32 weights, or a KernelError', () => {
    fc.assert(
      fc.property(matrix, kernelInit, (m, init) => {
        valueOrKernelglError(
          'Kernel.from',
          () => Kernel.from(m, init as never),
          (kernel) => expectKernelOf(kernel, m),
        );
      }),
      params(),
    );
  });

  test('Kernel.from accepts every rectangular matrix of float32 weights below 1e30 in magnitude', () => {
    fc.assert(
      fc.property(
        rectangular.filter((m) => m.flat().every((w) => Math.abs(w) < 1e30)),
        (m) => expectKernelOf(Kernel.from(m), m),
      ),
      params(),
    );
  });

  test('new Kernel: any sides, weights and init give a valid Kernel or a KernelError', () => {
    const side = fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 6 },
      { arbitrary: anyNumber, weight: 1 },
      { arbitrary: anyValue, weight: 1 },
    );
    /** Mostly as many weights as the sides ask for, so that accepted kernels are checked too. */
    const weightsFor = (cols: unknown, rows: unknown) => {
      const n = Number.isInteger(cols) && Number.isInteger(rows) ? Math.min(Math.max((cols as number) * (rows as number), 0), 64) : 4;
      const exact = { minLength: n, maxLength: n };
      return fc.oneof(
        fc.array(weight, exact),
        fc.float32Array(exact),
        fc.array(weight, { maxLength: 12 }),
        fc.string({ maxLength: 9 }),
        anyValue,
      );
    };
    const args = fc
      .tuple(side, side)
      .chain(([cols, rows]) => fc.tuple(fc.constant(cols), fc.constant(rows), weightsFor(cols, rows), kernelInit));
    fc.assert(
      fc.property(args, ([cols, rows, w, init]) => {
        valueOrKernelglError('new Kernel', () => new Kernel(cols as number, rows as number, w as number[], init as never), expectKernel);
      }),
      params(),
    );
  });

  test('resolveKernel: any kernel-like value gives a valid Kernel or a KernelError', () => {
    fc.assert(
      fc.property(kernelLike, (k) => void valueOrKernelglError('resolveKernel', () => resolveKernel(k as never), expectKernel)),
      params(),
    );
  });

  test('resolveOptions: any value gives valid ResolvedOptions equal to what was given, or an OptionError', () => {
    fc.assert(
      fc.property(optionsObject, (options) => {
        valueOrKernelglError(
          'resolveOptions',
          () => resolveOptions(options),
          (resolved) => expectResolved(resolved, options),
        );
      }),
      params(),
    );
  });

  test('cpuFilter: any kernel and options give a result of the image size, or a KernelglError', () => {
    const cpuOptions = fc.oneof(optionsObject, fc.record({ precision: fc.oneof(fc.constantFrom('float32', 'float64'), anyValue) }));
    fc.assert(
      fc.property(kernelLike, cpuOptions, (k, options) => {
        valueOrKernelglError(
          'cpuFilter',
          () => cpuFilter(IMAGE, k as never, options as never),
          (result) => {
            expectPlan(result.plan);
            expect(result.data).toBeInstanceOf(result.plan.output === 'float' ? Float32Array : Uint8ClampedArray);
            expect(result.data.length).toBe(IMAGE.data.length);
          },
        );
      }),
      params(Math.ceil(RUNS / 2)),
    );
  });

  test('pipeline builders and planning: any arguments give valid nodes and plans, or a KernelglError', () => {
    const stageOptions = fc.oneof(fc.constant(undefined), optionsObject);
    const amount = fc.oneof(
      { arbitrary: fc.double({ min: -4, max: 4, noNaN: true }), weight: 3 },
      { arbitrary: anyNumber, weight: 1 },
      { arbitrary: anyValue, weight: 1 },
    );
    /** A recipe: which builder to call with which arguments; nested recipes are built first. */
    type Recipe = readonly [string, ...unknown[]];
    const { recipe } = fc.letrec<{ recipe: Recipe }>((tie) => ({
      recipe: fc.oneof(
        { depthSize: 'small', maxDepth: 4 },
        fc.constant(['source'] as const),
        fc.tuple(fc.constant('raw'), anyValue),
        fc.tuple(fc.constant('forged'), fc.constantFrom('source', 'filter', 'magnitude', 'abs', 'mix'), anyValue),
        fc.tuple(fc.constant('filter'), tie('recipe'), kernelLike, stageOptions),
        fc.tuple(fc.constant('magnitude'), tie('recipe'), tie('recipe')),
        fc.tuple(fc.constant('abs'), tie('recipe')),
        fc.tuple(fc.constant('mix'), tie('recipe'), amount, tie('recipe'), amount),
        fc.tuple(fc.constant('chain'), fc.array(kernelLike, { maxLength: 3 })),
        fc.tuple(fc.constant('unsharp'), amount, fc.oneof(fc.constant(undefined), kernelLike), stageOptions),
        fc.tuple(
          fc.constant('edges'),
          fc.oneof(fc.constant(undefined), kernelLike),
          fc.oneof(fc.constant(undefined), kernelLike),
          stageOptions,
        ),
      ),
    }));
    const build = (r: Recipe): unknown => {
      const [op, ...args] = r;
      const sub = (i: number) => build(args[i] as Recipe) as never;
      const arg = (i: number) => args[i] as never;
      switch (op) {
        case 'source':
          return source;
        case 'raw':
          return args[0];
        case 'forged':
          return { op: args[0], input: args[1], a: args[1], b: args[1], kernel: args[1], options: args[1], wa: args[1], wb: args[1] };
        case 'filter':
          return filter(sub(0), arg(1), arg(2));
        case 'magnitude':
          return magnitude(sub(0), sub(1));
        case 'abs':
          return abs(sub(0));
        case 'mix':
          return mix(sub(0), arg(1), sub(2), arg(3));
        case 'chain':
          return chain(...(args[0] as never[]));
        case 'unsharp':
          return unsharpMask(arg(0), arg(1), arg(2));
        default:
          return edgeMagnitude(arg(0), arg(1), arg(2));
      }
    };
    const pipelineOptions = fc.oneof(fc.constant(undefined), optionsObject);
    fc.assert(
      fc.property(recipe, fc.boolean(), pipelineOptions, (r, asList, options) => {
        const node = valueOrKernelglError(
          'pipeline builders',
          () => build(r),
          (n) => {
            if (r[0] !== 'raw' && r[0] !== 'forged') expectNode(n as PipelineNode);
          },
        );
        if (node === undefined && r[0] !== 'raw') return;
        const input = asList && r[0] === 'chain' ? (r[1] as unknown[]) : node;
        const planned = valueOrKernelglError(
          'planPipeline',
          () => planPipeline(pipelineOf(input as never), options as never),
          expectPipelinePlan,
        );
        const computed = valueOrKernelglError(
          'cpuPipeline',
          () => cpuPipeline(IMAGE, input as never, options as never),
          (result) => {
            expectPipelinePlan(result.pipeline);
            expect(result.data.length).toBe(IMAGE.data.length);
          },
        );
        // Planning alone and running on the CPU accept the same pipelines and options.
        expect(computed === undefined).toBe(planned === undefined);
      }),
      params(Math.ceil(RUNS / 2)),
    );
  });
});

describe('text is data', () => {
  test('prototype member names are not kernels: KernelError, never a function or a prototype property', () => {
    for (const name of PROTOTYPE_NAMES) {
      for (const parse of [parseKernelSpec, resolveKernel, byName] as ((text: string) => Kernel)[]) {
        expect(() => parse(name), name).toThrow(KernelError);
        expect(() => parse(name), name).toThrow(/no kernel named/);
      }
    }
  });

  test('prototype member keys in JSON kernels and options are unknown fields, and pollute nothing', () => {
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString']) {
      expect(() => parseKernelSpec(`{"matrix": [[1]], "${name}": {"matrix": [[2]], "border": "wrap"}}`)).toThrow(/unknown kernel field/);
      expect(() => parseKernelSpec(`{"${name}": {"matrix": [[2]]}}`)).toThrow(KernelError);
      expect(() => resolveOptions(JSON.parse(`{"${name}": {"border": "wrap"}}`))).toThrow(OptionError);
    }
    // An inherited option is read like an own one: a prototype cannot smuggle in an invalid value.
    expect(() => resolveOptions(Object.create({ border: 'toString' }))).toThrow(OptionError);
  });
});

describe('pipeline nodes written by hand', () => {
  test('a well-formed node is planned like a built one; a malformed or cyclic one is a KernelglError', () => {
    const built = planPipeline(abs(filter(source, 'sobel_x')));
    const kernel = bank.sobel_x;
    expect(planPipeline({ op: 'abs', a: { op: 'filter', input: source, kernel, options: {} } })).toEqual(built);
    const cycle: { op: 'abs'; a: unknown } = { op: 'abs', a: null };
    cycle.a = cycle;
    for (const node of [
      cycle,
      { op: 'filter' },
      { op: 'mix', a: source, b: source, wa: '1', wb: 1 },
      { op: 'filter', input: source, kernel: 'nope', options: {} },
    ]) {
      expect(() => planPipeline(node as never)).toThrow(KernelglError);
    }
    expect(() => planPipeline(cycle as never)).toThrow(/reads its own result/);
  });
});

test('a Gaussian sigma too small for any weight to survive is refused as such, not as a NaN weight', () => {
  for (const spec of ['gaussian:4:0.01', 'gaussian:2:0.001', 'gaussian:5:1e-200'])
    expect(() => parseKernelSpec(spec), spec).toThrow(/sigma .* is too small/);
});
