// --format picks the results' file format; anything else is refused by name.
import { expect, test } from 'vitest';
import { parseCommand, type Command } from '../../src/cli/args.js';

test('results are PNG by default; --format webp and tiff are taken', () => {
  expect((parseCommand(['a.png']) as Command).format).toBe('png');
  expect((parseCommand(['a.png', '--format', 'webp']) as Command).format).toBe('webp');
  expect((parseCommand(['a.png', '--format=tiff']) as Command).format).toBe('tiff');
});

test('another format is refused with the possible values', () => {
  expect(() => parseCommand(['a.png', '--format', 'jpg'])).toThrow(`kernelgl: format must be one of 'png', 'webp', 'tiff'; got "jpg".`);
});
