import { describe, expect, test } from 'vitest';
import { OUTSIDE, borderIndex, borderTable } from '../../src/border.js';
import { BORDERS, type Border } from '../../src/options.js';
import { cvBorderInterpolate } from './reference.js';

describe('borderIndex equals cv::borderInterpolate (ported loop)', () => {
  test.each(BORDERS)('%s, lengths 1..9, p from -40 to 48', (border) => {
    for (let len = 1; len <= 9; len++) {
      for (let p = -40; p <= 48; p++) {
        const expected = cvBorderInterpolate(p, len, border);
        if (borderIndex(p, len, border) !== expected) {
          expect({ p, len, border, got: borderIndex(p, len, border) }).toEqual({ p, len, border, got: expected });
        }
      }
    }
  });

  test('constant maps every outside coordinate to OUTSIDE (-1) and keeps the inside', () => {
    expect(OUTSIDE).toBe(-1);
    expect([-3, -1, 0, 4, 5, 9].map((p) => borderIndex(p, 5, 'constant'))).toEqual([-1, -1, 0, 4, -1, -1]);
  });
});

/**
 * DESIGN.md's pictures, `left|image|right`: the letters left of the first
 * bar are p = -left.length .. -1, the image is p = 0 .. len-1, the letters
 * right of the second bar are p = len, len+1, ... ('-' is OUTSIDE).
 */
const PICTURES: readonly (readonly [Border, string])[] = [
  ['replicate', 'aaaa|abcdefgh|hhhh'],
  ['reflect', 'dcba|abcdefgh|hgfe'],
  ['reflect101', 'edcb|abcdefgh|gfed'],
  ['wrap', 'efgh|abcdefgh|abcd'],
  ['constant', '----|abcdefgh|----'],
  // The same borders continued: the reflections repeat with periods 16 and 14.
  ['replicate', 'aaaaaaaaaaaaaaaaaaaa|abcdefgh|hhhhhhhhhhhhhhhhhhhh'],
  ['reflect', 'abcdefghhgfedcba|abcdefgh|hgfedcbaabcdefgh'],
  ['reflect101', 'fghgfedcbabcdefghgfedcb|abcdefgh|gfedcbabcdefghgfedcb'],
  ['wrap', 'abcdefghabcdefgh|abcdefgh|abcdefghabcdefgh'],
  // One pixel: every border but constant answers 0.
  ['replicate', 'aaaaa|a|aaaaa'],
  ['reflect', 'aaaaa|a|aaaaa'],
  ['reflect101', 'aaaaa|a|aaaaa'],
  ['wrap', 'aaaaa|a|aaaaa'],
  ['constant', '-----|a|-----'],
  // Two pixels.
  ['replicate', 'aaaa|ab|bbbb'],
  ['reflect', 'bbaabba|ab|baabba'],
  ['reflect101', 'ababab|ab|ababab'],
  ['wrap', 'ababab|ab|ababab'],
  ['constant', '----|ab|----'],
  // Three pixels.
  ['reflect', 'abccba|abc|cbaabc'],
  ['reflect101', 'abcbabcb|abc|babcba'],
  ['wrap', 'abcabc|abc|abcabc'],
];

function pictureRows(picture: string): [p: number, index: number][] {
  const [left, image, right] = picture.split('|') as [string, string, string];
  const index = (ch: string): number => (ch === '-' ? OUTSIDE : ch.charCodeAt(0) - 97);
  return [
    ...[...left].map((ch, k): [number, number] => [k - left.length, index(ch)]),
    ...[...image].map((ch, k): [number, number] => [k, index(ch)]),
    ...[...right].map((ch, k): [number, number] => [image.length + k, index(ch)]),
  ];
}

describe("borderIndex draws DESIGN.md's pictures", () => {
  test.each(PICTURES)('%s: %s', (border, picture) => {
    const len = picture.split('|')[1]!.length;
    for (const [p, expected] of pictureRows(picture)) {
      expect({ p, got: borderIndex(p, len, border) }).toEqual({ p, got: expected });
      // The pictures are OpenCV's too: the port must draw them as well.
      expect({ p, port: cvBorderInterpolate(p, len, border) }).toEqual({ p, port: expected });
    }
  });
});

describe('borderTable', () => {
  test.each(BORDERS)('%s: the mapped indices of from..from+count-1', (border) => {
    for (const [from, count, len] of [
      [-7, 20, 5],
      [-1, 3, 1],
      [-12, 30, 2],
      [0, 8, 8],
      [3, 1, 4],
    ] as const) {
      const table = borderTable(from, count, len, border);
      expect(table).toBeInstanceOf(Int32Array);
      expect(Array.from(table)).toEqual(Array.from({ length: count }, (_, k) => cvBorderInterpolate(from + k, len, border)));
    }
  });

  test('a table for a 9-wide kernel on a 3-pixel axis with reflect101', () => {
    // x - 4 .. x + 4 for x = 0..2 is p = -4..6: 'abcb|abc|babc' read from p = -4.
    expect(Array.from(borderTable(-4, 11, 3, 'reflect101'))).toEqual([0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2]);
  });

  test('an empty table', () => {
    expect(borderTable(0, 0, 4, 'wrap')).toHaveLength(0);
  });
});
