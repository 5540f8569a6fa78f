// The kernelgl demo: an input (sample image, webcam or file) filtered live on
// the GPU, with every control generated from the library's own option lists,
// a custom kernel editor, a picker of median, morphology and bilateral
// filters, an fps / GPU-time meter, and the parity of the current frame
// against the CPU reference. The library is used through its
// public API; the demo shares with the command only plain helpers that are
// no part of it (kernels as data, the parity figures, messages without the
// library's prefix), so both show the same things the same way.
import {
  bank,
  BORDERS,
  CHANNELS,
  createFilterCanvas,
  FITS,
  MODES,
  OUTPUTS,
  parseKernelSpec,
  type Filter,
  type FilterCanvas,
  type Kernel,
  type KernelglError,
  type LiveOptions,
} from '../src/index.js';
import { reason } from '../src/reason.js';
import { checkbox, choice, field, numberInput } from './controls.js';
import { FilterPicker, NONLINEAR_KINDS } from './filterPicker.js';
import { KernelEditor } from './kernelEditor.js';
import { ParityView } from './parityView.js';
import { fileInput, sampleInput, SAMPLES, webcamInput, type Input, type SampleName } from './sources.js';

/** Generators offered next to the bank's named kernels. */
const GENERATED = ['box:5', 'box:15x3', 'gaussian:9', 'gaussian:15:3'];
const CUSTOM = 'custom';
const FIRST_KERNEL = 'sobel_x';
const KERNEL = 'kernel';
/** The border choice that gives none, so that each filter kind takes its own (OpenCV's default for it). */
const KIND_DEFAULT = "filter's default";
const METER_EVERY_MS = 250;

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const message = byId<HTMLParagraphElement>('message');

const filter: FilterCanvas = createFilterCanvas({
  canvas: byId<HTMLCanvasElement>('output'),
  kernel: FIRST_KERNEL,
  output: 'abs',
  resolution: 'display',
  onError: (error) => say(reason(error)),
});
let input: Input | null = null;

const parity = new ParityView(
  filter,
  { gpu: byId('gpu-view'), cpu: byId('cpu-view'), diff: byId('diff-view') },
  byId('figures'),
  byId('diff-caption'),
  () => input?.source instanceof HTMLVideoElement,
);

function say(text: string): void {
  message.textContent = text;
}

// Input --------------------------------------------------------------------

async function useInput(next: () => Promise<Input>): Promise<void> {
  const opened = await next();
  input?.release();
  input = opened;
  filter.setSource(opened.source);
  parity.check();
}

function buildInputControls(): void {
  const set = byId<HTMLFieldSetElement>('input-set');
  const kinds = document.createElement('div');
  kinds.className = 'sources';
  kinds.setAttribute('role', 'radiogroup');
  kinds.setAttribute('aria-label', 'Input kind');
  const radios = new Map<string, HTMLInputElement>();
  for (const [value, label] of [
    ['sample', 'Sample image'],
    ['webcam', 'Webcam'],
  ] as const) {
    const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'input-kind', value, checked: value === 'sample' });
    const wrapper = document.createElement('label');
    wrapper.append(radio, document.createTextNode(label));
    kinds.append(wrapper);
    radios.set(value, radio);
  }
  const samples = choice('Sample', Object.keys(SAMPLES) as SampleName[], 'Falcon 9 launch', (name) => {
    radios.get('sample')!.checked = true;
    void openSample(name);
  });
  const file = Object.assign(document.createElement('input'), { type: 'file', accept: 'image/*,video/*' });
  set.append(kinds, samples.element, field('Or open a file', file));

  const openSample = async (name: SampleName) => {
    await useInput(() => sampleInput(name));
    file.value = '';
    say('');
  };
  radios.get('sample')!.addEventListener('change', () => void openSample(samples.select.value as SampleName));
  const openWebcam = async () => {
    say('Opening the camera…');
    try {
      await useInput(webcamInput);
      file.value = '';
      say('');
    } catch (error) {
      // A denied or missing camera falls back to the sample, saying why.
      radios.get('sample')!.checked = true;
      await openSample(samples.select.value as SampleName);
      say(`Webcam unavailable: ${reason(error)} Showing the sample image instead.`);
    }
  };
  // A chosen file is the input until a radio is chosen again.
  const openFile = async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    radios.forEach((radio) => (radio.checked = false));
    try {
      await useInput(() => fileInput(chosen));
      say('');
    } catch (error) {
      say(reason(error));
    }
  };
  radios.get('webcam')!.addEventListener('change', () => void openWebcam());
  file.addEventListener('change', () => void openFile());
  void openSample('Falcon 9 launch');
}

// Filter -------------------------------------------------------------------

/** The kernel picker and editor, or the median, morphology and bilateral picker, as the Filter choice says. */
function buildFilterControls(): void {
  const set = byId<HTMLFieldSetElement>('kernel-set');
  let kernel = parseKernelSpec(FIRST_KERNEL);
  const useKernel = (next: Kernel) => {
    kernel = next;
    applyFilter(next);
  };
  const editor = new KernelEditor((edited: Kernel | KernelglError) => {
    picker.select.value = CUSTOM;
    if (edited instanceof Error) say(reason(edited));
    else useKernel(edited);
  });
  const picker = choice('Kernel', [...Object.keys(bank), ...GENERATED, CUSTOM], kernel.name, (name) => {
    if (name === CUSTOM) return;
    const chosen = parseKernelSpec(name);
    editor.load(chosen);
    useKernel(chosen);
  });
  const kernelControls = document.createElement('div');
  kernelControls.className = 'kernel-controls';
  kernelControls.append(picker.element, editor.element);
  const nonlinear = new FilterPicker((made) => (made instanceof Error ? say(reason(made)) : applyFilter(made)));
  const kind = choice('Filter', [KERNEL, ...NONLINEAR_KINDS], KERNEL, (chosen) => {
    kernelControls.hidden = chosen !== KERNEL;
    nonlinear.show(chosen === KERNEL ? null : chosen);
    if (chosen === KERNEL) applyFilter(kernel);
  });
  nonlinear.show(null);
  set.append(kind.element, kernelControls, nonlinear.element);
  editor.load(kernel);
}

function applyFilter(next: Filter): void {
  try {
    filter.setKernel(next);
    say('');
    parity.check();
  } catch (error) {
    say(reason(error));
  }
}

// Options and display --------------------------------------------------------

function apply(options: LiveOptions): void {
  try {
    filter.setOptions(options);
    say('');
    parity.check();
  } catch (error) {
    say(reason(error));
  }
}

function buildOptionControls(): void {
  const { options, display } = filter.settings;
  byId('options-set').append(
    choice('Border', [KIND_DEFAULT, ...BORDERS], KIND_DEFAULT, (border) => apply({ border: border === KIND_DEFAULT ? undefined : border }))
      .element,
    numberInput('Border value', options.borderValue[0], (borderValue) => apply({ borderValue })).element,
    choice('Mode', MODES, options.mode, (mode) => apply({ mode })).element,
    choice('Channels', CHANNELS, options.channels, (channels) => apply({ channels })).element,
    choice('Output', OUTPUTS, options.output, (output) => apply({ output })).element,
    numberInput('Scale', options.scale, (scale) => apply({ scale })).element,
    numberInput('Delta', options.delta, (delta) => apply({ delta })).element,
  );
  byId('display-set').append(
    choice('Fit', FITS, display.fit, (fit) => apply({ fit })).element,
    checkbox('Mirror (selfie view)', display.mirror, (mirror) => apply({ mirror })).element,
  );
  const live = byId<HTMLInputElement>('parity-live');
  live.addEventListener('change', () => parity.setLive(live.checked));
}

// Meter --------------------------------------------------------------------

function startMeter(): void {
  const meter = byId('meter');
  byId('renderer').textContent = filter.renderer;
  setInterval(() => {
    const { fps, gpuMs, gpuTiming, frames, dropped, width, height } = filter.stats;
    const gpu = gpuMs === null ? '–' : `${gpuMs.toFixed(1)} ms/frame${gpuTiming === 'fence' ? ' (fence)' : ''}`;
    meter.textContent = `${fps.toFixed(1)} fps · GPU ${gpu} · ${frames} frames · ${dropped} dropped · ${width}×${height}`;
  }, METER_EVERY_MS);
}

buildInputControls();
buildFilterControls();
buildOptionControls();
startMeter();
