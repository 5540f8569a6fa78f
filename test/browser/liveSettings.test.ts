// Live settings are checked together once, on the calling side: a WorkerFilter
// refuses a kernel its plan option cannot run at the call, as a FilterCanvas
// does, and a refused change changes nothing.
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const page = useTestPage('test/browser/video.html');

test('a WorkerFilter refuses a kernel its plan cannot run at the call, and the refused change changes nothing', async () => {
  const out = await page().page.evaluate(async () => {
    const { createWorkerFilter, createFilterCanvas, KernelglError } = window.kernelgl;
    const refusal = (step: () => unknown): string => {
      try {
        step();
        return 'accepted';
      } catch (error) {
        return error instanceof KernelglError ? error.name : String(error);
      }
    };
    // [[2, 3], [3, 2]] has no exact integer 1D factors (see the separable unit tests).
    const unsplittable = [
      [2, 3],
      [3, 2],
    ];
    const separable = { kernel: unsplittable, plan: 'separable' } as const;
    const created = refusal(() => createWorkerFilter(document.createElement('canvas'), separable));
    const onMain = refusal(() => createFilterCanvas({ ...separable, autoStart: false }));
    const errors: string[] = [];
    const filter = createWorkerFilter(document.createElement('canvas'), {
      kernel: 'box:3',
      plan: 'separable',
      onError: (e) => errors.push(e.message),
    });
    await filter.ready;
    const kernel = refusal(() => filter.setKernel(unsplittable));
    const options = refusal(() => filter.setOptions({ plan: 'separable', border: 'nope' as 'wrap' }));
    const frame = new OffscreenCanvas(16, 12);
    frame.getContext('2d')!.fillRect(2, 2, 5, 5);
    const snapshot = filter.snapshot();
    filter.push(new VideoFrame(frame, { timestamp: 0 }));
    const shown = await snapshot;
    filter.dispose();
    return {
      created,
      onMain,
      kernel,
      options,
      errors,
      shown: { kernel: shown.kernel.name, plan: shown.options.plan, border: shown.result.plan.border },
    };
  });
  expect(out).toEqual({
    created: 'KernelError',
    onMain: 'KernelError',
    kernel: 'KernelError',
    options: 'OptionError',
    errors: [],
    shown: { kernel: 'box:3', plan: 'separable', border: 'replicate' },
  });
});
