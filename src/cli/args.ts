/**
 * The command line: `node:util` parseArgs (strict) for the syntax, then
 * `resolveOptions` for the filter options, so the command accepts exactly
 * what the library accepts and says so in the library's words. The options
 * go on as given: each filter kind fills in its own defaults (its border).
 */
import { parseArgs } from 'node:util';
import { bank, DEMO_KERNELS } from '../bank.js';
import { OptionError } from '../errors.js';
import { MORPH_OPS } from '../filters.js';
import { BORDERS, CHANNELS, MODES, OUTPUTS, resolveOptions, type FilterOptions } from '../options.js';
import { SHAPES } from '../structuringElement.js';
import { ENGINE_CHOICES, type EngineChoice } from './engineChoice.js';
import { parseShard, type Shard } from './shard.js';
import { DEFAULT_OUTPUT_FORMAT, OUTPUT_FORMATS, READABLE_FORMATS, type OutputFormat } from './imageFormats.js';

interface Flag {
  readonly long: string;
  readonly short?: string;
  /** The value's placeholder; none for a switch. */
  readonly value?: string;
  readonly multiple?: boolean;
  readonly help: string;
}

const list = (values: readonly string[]) => values.join(' | ');

const FLAGS: readonly Flag[] = [
  {
    long: 'kernel',
    short: 'k',
    value: 'KERNEL',
    multiple: true,
    help: 'a kernel or filter to filter with; repeat for more (default: the six demo kernels)',
  },
  { long: 'out', short: 'o', value: 'OUTDIR', help: 'the folder for the results (default: out)' },
  { long: 'format', value: 'F', help: `${list(OUTPUT_FORMATS)} (default: ${DEFAULT_OUTPUT_FORMAT}; all lossless)` },
  {
    long: 'border',
    value: 'B',
    help: `${list(BORDERS)} (default: OpenCV's for each filter: replicate for kernels and median, constant with the neutral value for morphology, reflect101 for bilateral)`,
  },
  {
    long: 'mode',
    value: 'M',
    help: `${list(MODES)} (default: correlate, as cv2.filter2D; convolve rotates the kernel, or reflects the structuring element, 180 degrees)`,
  },
  { long: 'channels', value: 'C', help: `${list(CHANNELS)} (default: rgb, alpha copied; gray writes grayscale images)` },
  { long: 'output', value: 'O', help: `${list(OUTPUTS)} (default: saturate; abs for edges; float also writes .f32 files)` },
  { long: 'scale', value: 'S', help: "multiply the sum (or a filter's result): out = sum * S + D (default: 1)" },
  { long: 'delta', value: 'D', help: 'add after scaling (default: 0; write a negative value as --delta=-10)' },
  {
    long: 'engine',
    value: 'E',
    help: `${list(ENGINE_CHOICES)} (default: gpu; auto filters on the CPU where the browser renders in software)`,
  },
  { long: 'cpu', help: 'the same as --engine cpu: filter in Node, no browser needed' },
  { long: 'skip-existing', help: 'leave out every input and kernel whose result files exist (to resume a run)' },
  { long: 'manifest', value: 'FILE', help: 'write a JSON record per input and kernel: its files, size, plan, engine, ms, or its error' },
  { long: 'shard', value: 'K/N', help: "filter only the K-th of N shares of the inputs (by file name), for N machines' runs" },
  { long: 'help', short: 'h', help: 'print this help' },
];

export const USAGE = `Usage: kernelgl [INPUT...] [-k KERNEL]... [-o OUTDIR] [--format F] [--border B]
                [--mode M] [--channels C] [--output O] [--scale S] [--delta D]
                [--engine E | --cpu] [--skip-existing] [--manifest FILE] [--shard K/N]

Filters every INPUT (an image file, or a folder of them) with every KERNEL on
the GPU (WebGL2 in headless Chromium) and writes OUTDIR/<input>.<kernel>.png
(or .webp, .tiff as --format says).

With no INPUT and no KERNEL (and no --engine or --cpu) it runs the classic demo: the rocket
photo through ${DEMO_KERNELS.join(', ')}
on GPU and CPU, into OUTDIR/gpu and OUTDIR/cpu, with a side-by-side parity report
in OUTDIR/report.html. Give only KERNELs to filter the rocket photo, or only
INPUTs to filter them with the six demo kernels.

Options:
${FLAGS.map(flagLine).join('\n')}

KERNEL is one of:
  a named kernel     ${Object.keys(bank).join(', ')}
  a generator        box:N, box:COLSxROWS, gaussian:N, gaussian:N:SIGMA
  a JSON matrix      '[[0,-1,0],[-1,5,-1],[0,-1,0]]'
  a median           median:K, K odd (cv2.medianBlur): median:5
  a morphology       OP:SHAPE:W[xH][:ITERATIONS] (cv2.erode, dilate, morphologyEx)
                     with OP one of ${MORPH_OPS.join(', ')}
                     and SHAPE one of ${SHAPES.join(', ')}: erode:rect:5, dilate:ellipse:7x5, close:ellipse:9:2
  a custom element   '{"morph": "erode", "element": [[0,1,0],[1,1,1],[0,1,0]], "anchor": [1, 1], "iterations": 1}'
  a bilateral        bilateral:D:SIGMACOLOR:SIGMASPACE (cv2.bilateralFilter): bilateral:9:75:75
  a .json file       holding a matrix, {"matrix": [[...]], "anchor": [x, y]} or {"morph": ...}

Input files: ${READABLE_FORMATS} (the first frame), decoded as OpenCV's imread
decodes them: upright as their EXIF orientation says, CMYK converted to RGB,
colour profiles ignored, 16-bit samples read at 8 bits (with a warning).

Output files: OUTDIR/<input file name without extension>.<kernel name>.png, where
the kernel name is the bank name, the spec (box:21, gaussian:15:3, median:5,
erode:rect:5), the JSON file's name without .json, or custom1, custom2, ... for
inline JSON. So that file names are valid on Windows, macOS and Linux, each of
<>:"/\\|?* and control characters in the kernel name becomes - (photo.gaussian-15-3.png,
photo.median-5.png), and _ follows a Windows device name (CON, NUL, COM1, ...)
or a final dot or space. Tables and the report keep the kernel name itself.
The extension follows --format (.png, .webp, .tiff; all lossless). --channels
gray writes grayscale PNG or TIFF (WebP has no grayscale: R = G = B), the others
RGBA. --output float also writes <name>.f32: width*height*4 float32 values,
RGBA, little-endian, row-major, top row first, and <name>.f32.json stating the
width and height.

Exit status: 0 when everything was written, 1 when an input or the GPU failed
(the other results are still written), 2 for bad arguments or missing packages
(nothing is run).

Examples:
  kernelgl                                        the demo: out/gpu, out/cpu, out/report.html
  kernelgl photo.jpg -k sobel_x --output abs      edges of photo.jpg in out/photo.sobel_x.png
  kernelgl photos/ -k box:21 -k gaussian:15:3 -o blurred --format webp
  kernelgl scan.png -k '[[0,-1,0],[-1,5,-1],[0,-1,0]]' --channels gray
  kernelgl photo.png -k ridge.json --border reflect101 --output float
  kernelgl scan.png -k median:5 -k open:ellipse:5 -k bilateral:9:75:75
  kernelgl photo.png -k sharpen --cpu             the same bytes, computed on the CPU
  kernelgl photos/ -k sobel_x --engine auto       the GPU, or the CPU where WebGL runs in software
`;

function flagLine(flag: Flag): string {
  const names = `${flag.short ? `-${flag.short}, ` : '    '}--${flag.long}${flag.value ? ` ${flag.value}` : ''}`;
  return `  ${names.padEnd(22)}${flag.help}`;
}

/** Exit statuses: some input failed (the others were written); the arguments or the installation are unusable. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A run of the command, validated. */
export interface Command {
  readonly inputs: readonly string[];
  readonly kernels: readonly string[];
  readonly outDir: string;
  readonly format: OutputFormat;
  /** The filter options given, checked; those not given are left out, for each filter kind to fill in. */
  readonly options: FilterOptions;
  /** The engine asked for; undefined when none was (the GPU, or both for the demo). */
  readonly engine: EngineChoice | undefined;
  readonly skipExisting: boolean;
  readonly manifest: string | undefined;
  readonly shard: Shard | undefined;
}

/** Parses argv (without node and the script); `'help'` when help was asked for. Throws OptionError. */
export function parseCommand(argv: readonly string[]): Command | 'help' {
  const { values, positionals } = parseFlags(argv);
  if (values.help) return 'help';
  const text = (name: string) => values[name] as string | undefined;
  const options = {
    border: text('border'),
    mode: text('mode'),
    channels: text('channels'),
    output: text('output'),
    scale: numberOrText(text('scale')),
    delta: numberOrText(text('delta')),
  };
  resolveOptions(options);
  return {
    inputs: positionals,
    kernels: (values.kernel as string[] | undefined) ?? [],
    outDir: text('out') ?? 'out',
    format: outputFormat(text('format')),
    // Checked just now: the values are of the option types.
    options: options as FilterOptions,
    engine: engineChoice(text('engine'), values.cpu === true),
    skipExisting: values['skip-existing'] === true,
    manifest: text('manifest'),
    shard: text('shard') === undefined ? undefined : parseShard(text('shard')!),
  };
}

function parseFlags(argv: readonly string[]) {
  const options = Object.fromEntries(
    FLAGS.map((f) => [
      f.long,
      { type: f.value ? 'string' : 'boolean', ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) },
    ]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const valid = `valid options: ${FLAGS.map((f) => `${f.short ? `-${f.short}/` : ''}--${f.long}`).join(', ')}; see kernelgl --help.`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new OptionError(`unknown option '${/'([^']*)'/.exec(message)?.[1] ?? message}'; ${valid}`);
    }
    throw new OptionError(`${message.replace(/\.$/, '')}; ${valid}`);
  }
}

/** The --format value, checked. */
function outputFormat(text: string | undefined): OutputFormat {
  if (text === undefined) return DEFAULT_OUTPUT_FORMAT;
  const format = OUTPUT_FORMATS.find((f) => f === text);
  if (!format)
    throw new OptionError(`format must be one of ${OUTPUT_FORMATS.map((f) => `'${f}'`).join(', ')}; got ${JSON.stringify(text)}.`);
  return format;
}

/** The --engine value, checked, with --cpu as its alias. */
function engineChoice(text: string | undefined, cpu: boolean): EngineChoice | undefined {
  if (text === undefined) return cpu ? 'cpu' : undefined;
  const choice = ENGINE_CHOICES.find((c) => c === text);
  if (!choice)
    throw new OptionError(`engine must be one of ${ENGINE_CHOICES.map((c) => `'${c}'`).join(', ')}; got ${JSON.stringify(text)}.`);
  if (cpu && choice !== 'cpu') throw new OptionError(`--cpu means --engine cpu, but --engine ${choice} was given too; give one.`);
  return choice;
}

/** A number where the text is one; otherwise the text itself, which resolveOptions then rejects by name. */
function numberOrText(text: string | undefined): number | string | undefined {
  if (text === undefined || text.trim() === '') return text;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}
