// OpenCV's conversions, on values worked out by hand from its formulas.
import { describe, expect, test } from 'vitest';
import { jpegCmykToRgba, tiffCmykToRgba, toEightBits } from '../../src/cli/openCvSamples.js';

describe('CMYK', () => {
  test('JPEG: R = K - (255 - C)K/256 on libjpeg samples, which libvips gives inverted', () => {
    // libjpeg samples C=10, M=200, Y=255, K=100: R = 100 - (245*100 >> 8) = 5, G = 100 - (55*100 >> 8) = 79, B = 100.
    expect([...jpegCmykToRgba(new Uint8Array([245, 55, 0, 155]))]).toEqual([5, 79, 100, 255]);
  });

  test('TIFF: R = (255 - K)(255 - C)/255, truncated', () => {
    // K=100: (155 * 245) / 255 = 148.9 -> 148; (155 * 55) / 255 = 33.4 -> 33; 0.
    expect([...tiffCmykToRgba(new Uint8Array([10, 200, 255, 100]))]).toEqual([148, 33, 0, 255]);
  });
});

test('16 bits to 8: the high byte for PNG (libpng strip_16), rounded v/257 for TIFF (libtiff)', () => {
  const samples = new Uint16Array([0, 128, 129, 256, 65406, 65535]);
  expect([...toEightBits(samples, 'png')]).toEqual([0, 0, 0, 1, 255, 255]);
  // 128/257 = 0.498 -> 0, 129/257 = 0.502 -> 1, 256/257 -> 1, 65406/257 = 254.498 -> 254.
  expect([...toEightBits(samples, 'tiff')]).toEqual([0, 0, 1, 1, 254, 255]);
});
