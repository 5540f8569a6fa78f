// The demo page: loads without console errors, shows a bit-exact parity check
// of the current frame, follows kernel changes, the custom editor, the median,
// morphology and bilateral picker, a video file and the webcam, falls back to
// the sample when the camera is denied, and leaves a screenshot for CI.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPage, type TestPage } from '../support/page.js';

let t: TestPage;
beforeAll(async () => {
  t = await openPage('demo/index.html');
  await t.page.setViewport({ width: 1280, height: 900 });
});
afterAll(async () => t?.close());

/** Chooses `value` in the select labelled `label`, as a user would. */
async function choose(label: string, value: string): Promise<void> {
  const handle = await t.page.evaluateHandle(
    (label) =>
      [...document.querySelectorAll('label.field')].find((l) => l.querySelector('span')?.textContent === label)!.querySelector('select')!,
    label,
  );
  await handle.focus();
  await handle.select(value);
  await handle.dispose();
}

/** The parity figures, term to value. */
function figures(page = t.page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('#figures div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]),
    ),
  );
}

/** Waits until the parity figures are of `kernel` (its name, or name and size) and returns them. */
async function figuresFor(kernel: string, page = t.page): Promise<Record<string, string>> {
  await page.waitForFunction(
    (kernel) => {
      const terms = [...document.querySelectorAll('#figures dt')];
      const value = terms.find((dt) => dt.textContent === 'filter')?.nextElementSibling?.textContent ?? '';
      return value === kernel || value.startsWith(`${kernel} `);
    },
    { timeout: 120_000 },
    kernel,
  );
  return figures(page);
}

test('the demo shows the sample filtered with a bit-exact parity check, and follows the controls', async () => {
  const first = await figuresFor('sobel_x');
  expect(first['max |diff|']).toBe('0');
  expect(first['exact samples']).toBe('100%');
  expect(first.frame).toMatch(/^640x427/);

  // The first Tab stop is the first input choice.
  await t.page.keyboard.press('Tab');
  expect(await t.page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('sample');
  await choose('Kernel', 'gaussian:9');
  const blurred = await figuresFor('gaussian:9');
  expect(blurred['max |diff|']).toBe('0');
  const controls = await t.page.evaluate(() => ({
    borders: [...document.querySelectorAll('#options-set select')][0]!.querySelectorAll('option').length,
    editorCells: document.querySelectorAll('.editor-grid input').length,
    labelled: [...document.querySelectorAll('#controls select, #controls input')].every(
      (c) => c.closest('label') || c.getAttribute('aria-label'),
    ),
  }));
  expect(controls).toEqual({ borders: 6, editorCells: 81, labelled: true });

  // The custom editor: an even 2x2 kernel with an off-centre anchor.
  await choose('Columns', '2');
  await choose('Rows', '2');
  await choose('Anchor x', '0');
  const custom = await figuresFor('custom 2x2');
  expect(custom['max |diff|']).toBe('0');

  // The filters beyond kernels: each kind with its own border until one is chosen.
  await choose('Filter', 'median');
  const median = await figuresFor('median:5');
  expect(median).toMatchObject({ 'max |diff|': '0', plan: 'median 5x5', border: 'replicate' });
  await choose('Size', '7');
  expect(await figuresFor('median:7')).toMatchObject({ 'max |diff|': '0' });
  await choose('Filter', 'morphology');
  await choose('Operation', 'gradient');
  await choose('Shape', 'cross');
  expect(await figuresFor('gradient:cross:7x5')).toMatchObject({ 'max |diff|': '0', border: 'constant' });
  await choose('Border', 'reflect');
  await t.page.waitForFunction(() => document.getElementById('figures')!.textContent.includes('reflect'), { timeout: 120_000 });
  expect(await figures()).toMatchObject({ 'max |diff|': '0', border: 'reflect' });
  await choose('Border', "filter's default");
  await choose('Filter', 'bilateral');
  expect(await figuresFor('bilateral:9:75:75')).toMatchObject({ 'max |diff|': '0', border: 'reflect101' });
  const picker = await t.page.evaluate(() => ({
    shown: [...document.querySelectorAll('#kernel-set label.field')]
      .filter((l) => (l as HTMLElement).offsetParent !== null)
      .map((l) => l.querySelector('span')!.textContent),
  }));
  expect(picker.shown).toEqual(['Filter', 'Diameter', 'Sigma colour', 'Sigma space']);
  await choose('Filter', 'kernel');
  expect(await figuresFor('custom 2x2')).toMatchObject({ 'max |diff|': '0' });

  // A video file as input: the clip plays filtered and each checked frame is exact.
  const file = (await t.page.$('input[type="file"]'))!;
  await file.uploadFile('test/fixtures/video/clip.webm');
  await t.page.waitForFunction(() => document.getElementById('figures')!.textContent.includes('160x120'), { timeout: 120_000 });
  expect((await figures())['max |diff|']).toBe('0');

  await choose('Kernel', 'sharpen');
  await figuresFor('sharpen');
  await t.page.click('input[value="webcam"]');
  await t.page.waitForFunction(
    () =>
      /\d+×\d+/.test(document.getElementById('meter')!.textContent) && document.getElementById('figures')!.textContent.includes('640x480'),
    {
      timeout: 120_000,
    },
  );
  const webcam = await figuresFor('sharpen');
  expect(webcam['max |diff|']).toBe('0');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await mkdir('test-results', { recursive: true });
  await t.page.screenshot({ path: 'test-results/demo.png' });
  expect(t.errors).toEqual([]);
});

test('a denied camera falls back to the sample image with a message', async () => {
  const denied = await openPage('about:blank');
  try {
    await denied.page.evaluateOnNewDocument(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await denied.page.goto(new URL('/demo/index.html', t.page.url()).href);
    await figuresFor('sobel_x', denied.page);
    await denied.page.click('input[value="webcam"]');
    await denied.page.waitForFunction(() => document.getElementById('message')!.textContent.includes('Webcam unavailable'), {
      timeout: 60_000,
    });
    const state = await denied.page.evaluate(() => ({
      message: document.getElementById('message')!.textContent,
      sample: (document.querySelector('input[value="sample"]') as HTMLInputElement).checked,
    }));
    expect(state.sample).toBe(true);
    expect(state.message).toContain('denied');
    expect(denied.errors).toEqual([]);
  } finally {
    await denied.close();
  }
});
