/**
 * The benchmark's command line: `npm run bench -- [--tables ...] [--quick] [--sizes ...] [--kernels ...]
 * [--filters ...] [--runs N] [--cap S | --uncapped]`.
 */
import { parseArgs } from 'node:util';
import { bank } from '../src/bank.js';
import { OptionError } from '../src/errors.js';
import { parseFilterSpec } from '../src/filterSpec.js';
import { checkSize } from '../src/image.js';
import { Kernel } from '../src/kernel.js';
import { resolveKernel } from '../src/kernelSpec.js';

export interface Size {
  readonly width: number;
  readonly height: number;
}

const ALL_SIZES: readonly Size[] = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
const QUICK_SIZES = ALL_SIZES.slice(0, 2);

const ALL_KERNELS: readonly string[] = [...Object.keys(bank), 'gaussian:15:3', 'box:49'];

/**
 * The parts of the report a run can measure: `timings` (the timings table
 * with the fixed cost and the targets, which read its cells), `peers`, and
 * `nonlinear` (median, morphology and bilateral beside opencv.js).
 */
export const TABLES = ['timings', 'peers', 'nonlinear'] as const;
export type Table = (typeof TABLES)[number];
/**
 * `nonlinear` is left out by default: in software rendering it takes longer
 * than the two others together (its CPU rows alone are minutes a round).
 */
const DEFAULT_TABLES: readonly Table[] = ['timings', 'peers'];

/** The nonlinear table's filters (DESIGN.md section 6): median, erode rectangles 3 to 31 side by side, ellipses, a gradient, bilateral. */
export const NONLINEAR_FILTERS: readonly string[] = [
  'median:3',
  'median:5',
  'median:9',
  'median:15',
  'erode:rect:3',
  'erode:rect:15',
  'erode:rect:31',
  'erode:ellipse:7',
  'erode:ellipse:15',
  'gradient:rect:5',
  'bilateral:9:75:75',
];

const RUNS = 5;
const QUICK_RUNS = 3;
/** Seconds one call may take before its cell is capped: what keeps a software-rendered run to minutes. */
const CAP_SECONDS = 1;

export const USAGE = `Usage: npm run bench -- [--tables LIST] [--quick] [--sizes LIST] [--kernels LIST]
                        [--filters LIST] [--runs N] [--cap SECONDS | --uncapped]

Times kernelgl in headless Chromium (WebGL2; in software where there is no GPU)
against its CPU reference and opencv.js cv.filter2D, then beside opencv.js,
fabric.js (WebGL) and TF.js (WebGL) at 1280x720, and on request its median,
morphology and bilateral filters beside opencv.js; prints markdown tables on
stdout and writes bench/results.json. Progress goes to stderr. See bench/README.md.

Options:
  --tables LIST     what to measure, comma-separated: ${TABLES.join(', ')}
                    (default: ${DEFAULT_TABLES.join(',')}; nonlinear takes many minutes
                    in software rendering)
  --quick           640x480 and 1280x720 only, ${QUICK_RUNS} timed runs
  --sizes LIST      frame sizes, comma-separated WIDTHxHEIGHT
                    (default: ${ALL_SIZES.map(sizeName).join(',')})
  --kernels LIST    kernels, comma-separated names or generators (box:N, gaussian:N[:SIGMA])
                    (default: ${ALL_KERNELS.join(',')})
  --filters LIST    the nonlinear table's filters, comma-separated specs
                    (median:K, OP:SHAPE:K, bilateral:D:SC:SS)
                    (default: ${NONLINEAR_FILTERS.join(',')})
  --runs N          timed runs per cell after one warm-up, and rounds per target
                    and per row of the peers and nonlinear tables
                    (default: ${RUNS}; ${QUICK_RUNS} with --quick)
  --cap SECONDS     cap a cell whose warm-up call takes longer than this: no timed
                    runs, and no larger sizes of the same kernel, channels and
                    method (default: ${CAP_SECONDS}); capped cells show as "capped"
  --uncapped        no cap: time every cell (hours in software rendering)
  -h, --help        print this help

The fixed-cost and targets tables always measure their own cells at 1280x720
(identity, sobel_x, sharpen, small_blur, large_blur, gaussian:15:3, box:49),
also when --sizes or --kernels leave them out of the main table; a capped
one still makes its one call, and the fixed-cost table shows that time with ≈.
Each target then times its two calls alternately, --runs rounds; so does each
row of the peers table (sharpen, sobel_x, small_blur, gaussian:15:3; RGBA and
gray), all its engines in turn, and each row of the nonlinear table (640x480
and 1280x720, gray and RGBA; RGB for bilateral, which opencv.js takes with 1 or
3 channels only).
`;

const OPTIONS = {
  tables: { type: 'string' },
  quick: { type: 'boolean' },
  sizes: { type: 'string' },
  kernels: { type: 'string' },
  filters: { type: 'string' },
  runs: { type: 'string' },
  cap: { type: 'string' },
  uncapped: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A validated run of the benchmark. */
export interface BenchCommand {
  readonly tables: readonly Table[];
  readonly sizes: readonly Size[];
  readonly kernels: readonly string[];
  /** The nonlinear table's filter specs. */
  readonly filters: readonly string[];
  readonly runs: number;
  /** Seconds one call may take before its cell is capped; null for no cap. */
  readonly capSeconds: number | null;
}

export function sizeName({ width, height }: Size): string {
  return `${width}x${height}`;
}

/** Parses argv (without node and the script); `'help'` when help was asked for. Throws OptionError. */
export function parseBenchCommand(argv: readonly string[]): BenchCommand | 'help' {
  const { values } = parseFlags(argv);
  if (values.help) return 'help';
  const quick = values.quick === true;
  return {
    tables: values.tables ? parseTables(values.tables) : DEFAULT_TABLES,
    sizes: values.sizes ? list(values.sizes).map(parseSize) : quick ? QUICK_SIZES : ALL_SIZES,
    kernels: values.kernels ? list(values.kernels).map(checkKernel) : ALL_KERNELS,
    filters: values.filters ? list(values.filters).map(checkNonlinear) : NONLINEAR_FILTERS,
    runs: values.runs ? parsePositive('--runs', values.runs, true) : quick ? QUICK_RUNS : RUNS,
    capSeconds: capSeconds(values.cap, values.uncapped === true),
  };
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new OptionError(
      `${(error as Error).message.replace(/\.$/, '')}; valid options: ${Object.keys(OPTIONS)
        .map((name) => `--${name}`)
        .join(', ')}.`,
    );
  }
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function parseSize(text: string): Size {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new OptionError(`a size must be WIDTHxHEIGHT, e.g. 1280x720; got "${text}".`);
  const size = { width: Number(match[1]), height: Number(match[2]) };
  checkSize(size.width, size.height);
  return size;
}

/** The kernel spec itself (the page resolves it again), once it is known to resolve. */
function checkKernel(spec: string): string {
  resolveKernel(spec);
  return spec;
}

function parseTables(text: string): Table[] {
  const tables = list(text);
  const unknown = tables.find((table) => !(TABLES as readonly string[]).includes(table));
  if (unknown !== undefined || tables.length === 0)
    throw new OptionError(`--tables takes a comma-separated list of ${TABLES.join(', ')}; got "${text}".`);
  return TABLES.filter((table) => tables.includes(table));
}

/** The spec of a median, morphology or bilateral filter (the page parses it again); kernels belong in --kernels. */
function checkNonlinear(spec: string): string {
  if (parseFilterSpec(spec) instanceof Kernel)
    throw new OptionError(`--filters takes median, morphology and bilateral filters; "${spec}" is a kernel (give it to --kernels).`);
  return spec;
}

function capSeconds(cap: string | undefined, uncapped: boolean): number | null {
  if (cap !== undefined && uncapped) throw new OptionError('--cap and --uncapped exclude each other; give one.');
  if (uncapped) return null;
  return cap === undefined ? CAP_SECONDS : parsePositive('--cap', cap, false);
}

function parsePositive(flag: string, text: string, whole: boolean): number {
  const value = Number(text);
  const valid = text.trim() !== '' && (whole ? Number.isInteger(value) : Number.isFinite(value)) && value > 0;
  if (!valid) throw new OptionError(`${flag} must be a positive ${whole ? 'whole ' : ''}number; got "${text}".`);
  return value;
}
