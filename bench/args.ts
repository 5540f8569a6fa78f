/** The benchmark's command line: `npm run bench -- [--quick] [--sizes ...] [--kernels ...] [--runs N] [--cap S | --uncapped]`. */
import { parseArgs } from 'node:util';
import { bank } from '../src/bank.js';
import { OptionError } from '../src/errors.js';
import { checkSize } from '../src/image.js';
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

const RUNS = 5;
const QUICK_RUNS = 3;
/** Seconds one call may take before its cell is capped: what keeps a software-rendered run to minutes. */
const CAP_SECONDS = 1;

export const USAGE = `Usage: npm run bench -- [--quick] [--sizes LIST] [--kernels LIST] [--runs N]
                        [--cap SECONDS | --uncapped]

Times kernelgl in headless Chromium (WebGL2; in software where there is no GPU)
against its CPU reference and opencv.js cv.filter2D, then beside opencv.js,
fabric.js (WebGL) and TF.js (WebGL) at 1280x720, prints markdown tables on
stdout and writes bench/results.json. Progress goes to stderr. See bench/README.md.

Options:
  --quick           640x480 and 1280x720 only, ${QUICK_RUNS} timed runs
  --sizes LIST      frame sizes, comma-separated WIDTHxHEIGHT
                    (default: ${ALL_SIZES.map(sizeName).join(',')})
  --kernels LIST    kernels, comma-separated names or generators (box:N, gaussian:N[:SIGMA])
                    (default: ${ALL_KERNELS.join(',')})
  --runs N          timed runs per cell after one warm-up, and rounds per target
                    and per row of the peers table
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
gray), all its engines in turn.
`;

const OPTIONS = {
  quick: { type: 'boolean' },
  sizes: { type: 'string' },
  kernels: { type: 'string' },
  runs: { type: 'string' },
  cap: { type: 'string' },
  uncapped: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A validated run of the benchmark. */
export interface BenchCommand {
  readonly sizes: readonly Size[];
  readonly kernels: readonly string[];
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
    sizes: values.sizes ? list(values.sizes).map(parseSize) : quick ? QUICK_SIZES : ALL_SIZES,
    kernels: values.kernels ? list(values.kernels).map(checkKernel) : ALL_KERNELS,
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
