/**
 * Where the samples libvips decodes differ from those of OpenCV's `imread`
 * (IMREAD_COLOR), the conversions that make them equal, so the command
 * filters exactly the pixels a cv2.filter2D user would. Each was checked
 * against OpenCV 4.6 on the fixtures in test/fixtures/images.
 */

/**
 * CMYK to RGB as OpenCV converts a CMYK JPEG (`icvCvt_CMYK2BGR_8u_C4C3R`
 * on the samples libjpeg returns): R = K - (255 - C)·K / 256, truncated.
 * libvips returns every CMYK JPEG's samples inverted (as Photoshop, which
 * writes most of them, stores them), so they are inverted back first.
 */
export function jpegCmykToRgba(inverted: Uint8Array): Uint8Array {
  return mapCmyk(inverted, (ink, k) => {
    const key = 255 - k;
    return key - ((ink * key) >> 8);
  });
}

/**
 * CMYK to RGB as OpenCV converts a CMYK TIFF (libtiff's RGBA reader,
 * `putRGBcontig8bitCMYKtile`): R = (255 - K)·(255 - C) / 255, truncated.
 */
export function tiffCmykToRgba(cmyk: Uint8Array): Uint8Array {
  return mapCmyk(cmyk, (ink, k) => Math.trunc(((255 - k) * (255 - ink)) / 255));
}

function mapCmyk(cmyk: Uint8Array, channel: (ink: number, k: number) => number): Uint8Array {
  const rgba = new Uint8Array(cmyk.length);
  for (let i = 0; i < cmyk.length; i += 4) {
    const k = cmyk[i + 3]!;
    rgba[i] = channel(cmyk[i]!, k);
    rgba[i + 1] = channel(cmyk[i + 1]!, k);
    rgba[i + 2] = channel(cmyk[i + 2]!, k);
    rgba[i + 3] = 255;
  }
  return rgba;
}

/**
 * 16-bit samples read at 8 bits as OpenCV reads them without IMREAD_ANYDEPTH:
 * a PNG keeps the high byte (libpng's `png_set_strip_16`), a TIFF is rounded
 * (libtiff's RGBA reader: (v·255 + 32767) / 65535, that is round(v / 257)).
 */
export function toEightBits(samples: Uint16Array, format: string): Uint8Array {
  const bytes = new Uint8Array(samples.length);
  if (format === 'tiff') for (let i = 0; i < samples.length; i++) bytes[i] = Math.trunc((samples[i]! * 255 + 32767) / 65535);
  else for (let i = 0; i < samples.length; i++) bytes[i] = samples[i]! >> 8;
  return bytes;
}
