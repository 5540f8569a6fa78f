// Fuzzing <kernel-filter>'s attributes: every attribute of
// KERNEL_FILTER_ATTRIBUTES set to arbitrary text (strings, JSON, markup and
// script payloads, GLSL, very long text), on fresh elements and on a live one.
// Property: the element either works (fires `ready`, and shows what the CPU
// reference computes) or fires an `error` event carrying a KernelglError that
// names the input; never an uncaught exception. No input reaches a markup or
// code sink (innerHTML, outerHTML, insertAdjacentHTML, document.write, eval,
// Function, ...) or a shader: every shader source compiled after the first
// frame is a variant of the engine's files whose defines name only shapes and
// roles (test/browser/variantSources.ts). fast-check generates the cases from a fixed seed and
// prints it with any counterexample. Replay or explore:
// `FUZZ_SEED=7 FUZZ_RUNS=400 npx vitest run test/browser/fuzz.test.ts`.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bank } from '../../src/bank.js';
import { KERNEL_FILTER_ATTRIBUTES, type KernelFilterAttribute } from '../../src/dom/elementConfig.js';
import { FITS } from '../../src/gpu/placement.js';
import { BORDERS, CHANNELS, MODES, OUTPUTS } from '../../src/options.js';
import { openPage, type TestPage } from '../support/page.js';
import { parseVariant } from './variantSources.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_402);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const LIVE_STEPS = 5 * RUNS;
/** The live element is put back to valid settings and checked against the CPU reference every this many steps. */
const CHECK_EVERY = 20;
/** Stands for a PNG data: URL of the page's test image (made in the page). */
const VALID_SRC = 'VALID_PNG';
const SIZE = { width: 40, height: 30 };

// ---------------------------------------------------------------- inputs

/** Text that would do harm if it ever became markup, script, a URL that runs, or GLSL. */
const PAYLOADS = [
  '<img src=x onerror="window.pwned=1">',
  '"><script>window.pwned=1</script>',
  "</style><svg onload='window.pwned=1'>",
  'javascript:window.pwned=1',
  'data:text/html,<script>parent.pwned=1</script>',
  '${window.pwned=1}',
  "');window.pwned=1;('",
  '{{constructor.constructor("window.pwned=1")()}}',
  '#version 300 es\nvoid main() { discard; }',
  '*/ uniform float pwned; /*',
  '#define u_kernel pwned',
  'constructor',
  '__proto__',
  'toString',
  '\u0000',
  '\ud800',
  '\u202e',
];

const VALID: Record<KernelFilterAttribute, readonly string[]> = {
  src: [VALID_SRC],
  webcam: [''],
  kernel: [
    ...Object.keys(bank),
    'box:3',
    'box:5x3',
    'gaussian:5',
    'gaussian:7:1.5',
    '[[0,-1,0],[-1,5,-1],[0,-1,0]]',
    '{"matrix": [[1, 2], [3, -4]], "anchor": [0, 1]}',
  ],
  border: BORDERS,
  mode: MODES,
  channels: CHANNELS,
  output: OUTPUTS,
  mirror: ['', 'mirror'],
  fit: FITS,
};

/** Very long text, the kind that makes a backtracking pattern or a recursive parser take minutes. */
const longText = fc
  .tuple(
    fc.constantFrom('', 'gaussian:5:', 'box:', '[[', '{"matrix":'),
    fc.constantFrom('a', '<', '1', '[', ' ', '1,'),
    fc.integer({ min: 1_000, max: 100_000 }),
    fc.constantFrom('', 'x', ']]'),
  )
  .map(([head, unit, count, tail]) => head + unit.repeat(count) + tail);
const fuzzText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(...PAYLOADS),
  fc.json({ maxDepth: 2 }),
  longText,
);

/** An attribute's value: absent, valid, a near miss of a valid one (may or may not be accepted), or fuzz. */
interface Value {
  readonly text: string | null;
  readonly kind: 'absent' | 'valid' | 'near' | 'fuzz';
}

const nearMiss = (valid: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...valid), fc.constantFrom('upper', 'pad', 'cut', 'double'))
    .map(([text, how]) => ({ upper: text.toUpperCase(), pad: ` ${text}\n`, cut: text.slice(0, -1), double: text + text })[how]);

/** How often each kind of value comes: hostile cases fuzz most attributes, gentle ones few (so that many elements get to draw). */
const PROFILES = {
  hostile: { absent: 3, valid: 4, near: 2, fuzz: 5 },
  gentle: { absent: 3, valid: 16, near: 1, fuzz: 1 },
} as const;

function valueOf(name: KernelFilterAttribute, profile: keyof typeof PROFILES = 'hostile'): fc.Arbitrary<Value> {
  const tag =
    (kind: Value['kind']) =>
    (text: string | null): Value => ({ text, kind });
  // Sources are mostly the valid image, so that most cases can get as far as drawing; the camera is rare (it is slow to open).
  const weights: Record<Value['kind'], number> =
    name === 'src'
      ? { absent: 1, valid: 12, near: 1, fuzz: 3 }
      : name === 'webcam'
        ? { absent: 30, valid: 1, near: 0, fuzz: 1 }
        : PROFILES[profile];
  return fc.oneof(
    { arbitrary: fc.constant(null).map(tag('absent')), weight: weights.absent },
    { arbitrary: fc.constantFrom(...VALID[name]).map(tag('valid')), weight: weights.valid },
    { arbitrary: nearMiss(VALID[name]).map(tag('near')), weight: weights.near },
    { arbitrary: fuzzText.map(tag('fuzz')), weight: weights.fuzz },
  );
}

type Attributes = Record<KernelFilterAttribute, Value>;
const attributesOf = (profile: keyof typeof PROFILES): fc.Arbitrary<Attributes> =>
  fc.record(
    Object.fromEntries(KERNEL_FILTER_ATTRIBUTES.map((name) => [name, valueOf(name, profile)])) as Record<
      KernelFilterAttribute,
      fc.Arbitrary<Value>
    >,
  );
const attributes = fc.oneof(attributesOf('hostile'), attributesOf('gentle'));

/** A case on a fresh element: its attributes, set before or after it is connected. */
interface ElementCase {
  readonly attributes: Attributes;
  readonly connectFirst: boolean;
}
const elementCase = fc.record({ attributes, connectFirst: fc.boolean() });

/** A step on the live element: one filter or display attribute changed or removed. */
const LIVE_ATTRIBUTES = KERNEL_FILTER_ATTRIBUTES.filter((name) => name !== 'src' && name !== 'webcam');
const liveStep = fc.constantFrom(...LIVE_ATTRIBUTES).chain((name) => valueOf(name).map((value) => ({ name, text: value.text })));
/** Valid settings the live element is put back to before each check. */
const validSettings = fc.record(Object.fromEntries(LIVE_ATTRIBUTES.map((name) => [name, fc.constantFrom(...VALID[name])])));

// ---------------------------------------------------------------- page

/** What one case did: its events, and for a working element, how its frame compares with the CPU reference. */
interface Outcome {
  readonly ready: boolean;
  readonly errors: readonly { name: string; kernelgl: boolean; message: string }[];
  readonly differing: number | null;
  /** Whether the element was given a source (an image URL or the camera). */
  readonly source: boolean;
}

let t: TestPage;
let warmShaders = 0;

beforeAll(async () => {
  // Not useTestPage: the browser logs failed loads of fuzzed URLs as console errors; the last test checks all others.
  t = await openPage('test/browser/video.html');
  // The guards come as a module of their own, imported by the page (an import inside evaluate would be rewritten for Node).
  await t.page.addScriptTag({
    type: 'module',
    content: "import { installSinkGuards } from '/test/browser/sinkGuards.ts'; window.installSinkGuards = installSinkGuards;",
  });
  await t.page.waitForFunction(() => typeof window.installSinkGuards === 'function');
  warmShaders = await t.page.evaluate(async (size) => {
    const guards = window.installSinkGuards();
    const { testImage, pngUrl, mountFilter, settle } = window.live;
    const image = testImage(size.width, size.height, 9);
    const uncaught: string[] = [];
    window.addEventListener('error', (event) => uncaught.push(`error: ${event.message}`));
    window.addEventListener('unhandledrejection', (event) => uncaught.push(`unhandled rejection: ${String(event.reason)}`));
    Object.assign(window, { fuzz: { guards, image, png: pngUrl(image), uncaught } });
    // The programs of an element's first frame: the sources known before any fuzzed input.
    const element = mountFilter({ src: pngUrl(image), kernel: 'sobel_x', channels: 'gray' }, size.width, size.height);
    await settle(element);
    element.remove();
    return guards.shaderSources.size;
  }, SIZE);
});

afterAll(async () => t?.close());

/** What the page's fuzz state holds. */
interface FuzzState {
  readonly guards: import('./sinkGuards.js').SinkLog;
  readonly image: ImageData;
  readonly png: string;
  readonly uncaught: string[];
}
declare global {
  interface Window {
    installSinkGuards: typeof import('./sinkGuards.js').installSinkGuards;
    fuzz: FuzzState;
    pwned?: unknown;
  }
}

/** Runs one fresh-element case in the page. */
function runElementCase(c: ElementCase): Promise<Outcome> {
  return t.page.evaluate(
    async (c, { VALID_SRC, SIZE }) => {
      const { KernelglError, cpuFilter, parseKernelSpec, defineKernelFilter } = window.kernelgl;
      const { image, png } = window.fuzz;
      defineKernelFilter();
      const element = document.createElement('kernel-filter');
      Object.assign(element.style, { width: `${SIZE.width}px`, height: `${SIZE.height}px` });
      const errors: Outcome['errors'][number][] = [];
      let ready = false;
      element.addEventListener('error', (event) => {
        const { error } = event;
        errors.push({
          name: error?.name,
          kernelgl: error instanceof KernelglError && error.message.startsWith('kernelgl: '),
          message: String(error?.message).slice(0, 200),
        });
      });
      const settled = new Promise<void>((resolve) => {
        element.addEventListener('ready', () => ((ready = true), resolve()));
        element.addEventListener('error', () => resolve());
      });
      const entries = Object.entries(c.attributes).filter(([, v]) => v.text !== null);
      const set = () => entries.forEach(([name, v]) => element.setAttribute(name, v.text === VALID_SRC ? png : v.text!));
      if (c.connectFirst) {
        document.body.append(element);
        set();
      } else {
        set();
        document.body.append(element);
      }
      // Without a source nothing is drawn and no `ready` comes: a short wait catches a late error.
      const source = element.hasAttribute('webcam') || !!element.getAttribute('src');
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, source ? 15_000 : 200))]);
      // A few more frames, for errors that follow a first event.
      await new Promise((resolve) => setTimeout(resolve, 30));
      let differing: number | null = null;
      if (ready && errors.length === 0 && !element.hasAttribute('webcam')) {
        const snapshot = await element.snapshot();
        const options = Object.fromEntries(['border', 'mode', 'channels', 'output'].map((n) => [n, element.getAttribute(n) ?? undefined]));
        const cpu = cpuFilter(image, parseKernelSpec(element.getAttribute('kernel') ?? 'identity'), options);
        differing = window.parity.compare(snapshot.result, cpu).differing;
      }
      element.remove();
      return { ready, errors, differing, source };
    },
    c,
    { VALID_SRC, SIZE },
  );
}

/** The errors allowed for a case: kernel and option errors, and image errors when the source itself was fuzzed. */
function allowedErrors(c: ElementCase): string[] {
  const src = c.attributes.src.kind;
  return ['KernelError', 'OptionError', ...(src === 'fuzz' || src === 'near' ? ['ImageError'] : [])];
}

/** True when every attribute given is valid and there is an image to draw: the element must work. */
function mustWork(c: ElementCase): boolean {
  const given = Object.values(c.attributes).filter((v) => v.kind !== 'absent');
  return c.attributes.src.kind === 'valid' && c.attributes.webcam.kind === 'absent' && given.every((v) => v.kind === 'valid');
}

const tallies = { ready: 0, exact: 0, errors: new Map<string, number>(), idle: 0 };

// ---------------------------------------------------------------- tests

test(`fresh elements with fuzzed attributes: ready and exact, or an error event with a KernelglError (seed ${SEED}, ${RUNS} cases)`, async () => {
  const before = await t.page.evaluate(() => window.liveCounts());
  await fc.assert(
    fc.asyncProperty(elementCase, async (c) => {
      const outcome = await runElementCase(c);
      const allowed = allowedErrors(c);
      for (const error of outcome.errors) {
        expect(error.kernelgl, JSON.stringify(error)).toBe(true);
        expect(allowed, JSON.stringify(error)).toContain(error.name);
        tallies.errors.set(error.name, (tallies.errors.get(error.name) ?? 0) + 1);
      }
      if (outcome.ready) tallies.ready++;
      if (!outcome.ready && outcome.errors.length === 0) tallies.idle++;
      // Given a source, the element always answers: a frame or an error, never silence.
      if (outcome.source) expect(outcome.ready || outcome.errors.length > 0).toBe(true);
      if (mustWork(c)) expect(outcome).toEqual({ ready: true, errors: [], differing: 0, source: true });
      if (outcome.differing !== null) {
        expect(outcome.differing).toBe(0);
        tallies.exact++;
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  const after = await t.page.evaluate(() => window.liveCounts());
  console.log(
    `fresh elements: ${RUNS} cases, ${tallies.ready} ready (${tallies.exact} checked exact against the CPU reference), ${tallies.idle} without a source and without error, errors ${JSON.stringify(Object.fromEntries(tallies.errors))}`,
  );
  // Every element removed freed its WebGL objects, whatever its attributes did.
  expect(after).toEqual(before);
  expect(tallies.exact).toBeGreaterThan(RUNS / 10);
  expect(tallies.errors.size).toBeGreaterThan(1);
});

test(`a live element through ${LIVE_STEPS} fuzzed attribute changes: typed error events, and exact after each reset (seed ${SEED})`, async () => {
  const steps = fc.sample(liveStep, { seed: SEED, numRuns: LIVE_STEPS });
  const resets = fc.sample(validSettings, { seed: SEED + 1, numRuns: Math.ceil(LIVE_STEPS / CHECK_EVERY) });
  const out = await t.page.evaluate(
    async (steps, resets, CHECK_EVERY, SIZE) => {
      const { KernelglError, cpuFilter, parseKernelSpec } = window.kernelgl;
      const { mountFilter, settle } = window.live;
      const { image, png } = window.fuzz;
      const element = mountFilter({ src: png, kernel: 'identity' }, SIZE.width, SIZE.height);
      const start = await settle(element);
      const errors: { step: number; name: string; kernelgl: boolean; message: string }[] = [];
      let step = 0;
      element.addEventListener('error', (event) => {
        const { error } = event;
        errors.push({
          step,
          name: error?.name,
          kernelgl: error instanceof KernelglError && error.message.startsWith('kernelgl: '),
          message: String(error?.message).slice(0, 200),
        });
      });
      const checks: { step: number; settings: Record<string, string>; differing: number; errors: number }[] = [];
      for (; step < steps.length; step++) {
        const { name, text } = steps[step]!;
        if (text === null) element.removeAttribute(name);
        else element.setAttribute(name, text);
        // Error events are queued as microtasks: let them fire before the next change.
        await Promise.resolve();
        if (step % CHECK_EVERY === CHECK_EVERY - 1) {
          const settings = resets[Math.floor(step / CHECK_EVERY)]!;
          const errorsBefore = errors.length;
          for (const [attribute, value] of Object.entries(settings)) element.setAttribute(attribute, value);
          await Promise.resolve();
          const snapshot = await element.snapshot();
          const { kernel, mirror, fit, ...options } = settings;
          const cpu = cpuFilter(image, parseKernelSpec(kernel!), options);
          checks.push({
            step,
            settings,
            differing: window.parity.compare(snapshot.result, cpu).differing,
            errors: errors.length - errorsBefore,
          });
          // Errors from a reset are expected while other attributes are still invalid; only the final state counts.
          errors.length = errorsBefore;
        }
        if (step % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      element.remove();
      return { start, errors, checks };
    },
    steps,
    resets,
    CHECK_EVERY,
    SIZE,
  );
  const names = new Map<string, number>();
  for (const error of out.errors) names.set(error.name, (names.get(error.name) ?? 0) + 1);
  console.log(
    `live element: ${LIVE_STEPS} changes, ${out.errors.length} error events ${JSON.stringify(Object.fromEntries(names))}, ${out.checks.length} resets checked`,
  );
  expect(out.start.ready).toBeTruthy();
  const untyped = out.errors.filter((e) => !e.kernelgl || !['KernelError', 'OptionError'].includes(e.name));
  expect(untyped, `seed ${SEED}: first bad step ${JSON.stringify(steps[untyped[0]?.step ?? 0])}`).toEqual([]);
  expect(out.checks.filter((c) => c.differing !== 0)).toEqual([]);
  expect(out.checks).toHaveLength(Math.floor(LIVE_STEPS / CHECK_EVERY));
});

test('no input reached a markup or code sink or a shader; nothing was uncaught', async () => {
  const out = await t.page.evaluate(() => ({
    calls: window.fuzz.guards.calls,
    shaders: [...window.fuzz.guards.shaderSources],
    uncaught: window.fuzz.uncaught,
    pwned: window.pwned,
    scripts: document.scripts.length,
  }));
  expect(out.calls).toEqual([]);
  // Kernels of new shapes build new variants of the passes' programs: their sources are the engine's files with defines of shapes and roles only.
  expect(out.shaders.slice(warmShaders).filter((source) => !parseVariant(source))).toEqual([]);
  expect(out.uncaught).toEqual([]);
  expect(out.pwned).toBeUndefined();
  // The browser itself logs failed loads of fuzzed URLs (missing, or a scheme it will not fetch); anything else is not expected.
  const browserLoadLog = /Failed to load resource|blocked by CORS policy|Not allowed to load local resource/;
  expect(t.errors.filter((e) => !browserLoadLog.test(e)).map((e) => e.slice(0, 300))).toEqual([]);
  expect(warmShaders).toBeGreaterThan(0);
});
