/**
 * The report's small pictures: one WebP per input and per result, made once
 * and kept beside the report, so a page of hundreds of results stays light
 * and links to the full-size files instead of copying them.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { readImage } from './imageFiles.js';

/** The longest side of a thumbnail: enough to judge a result, small enough for hundreds in one page. */
export const THUMBNAIL_SIDE = 160;

export interface Thumbnail {
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

/** Writes a thumbnail of the image file `source` (decoded as the command decodes inputs) to `path`. */
export async function writeThumbnail(source: string, path: string): Promise<Thumbnail> {
  // A 16-bit input was already reported when it was filtered.
  const { width, height, data } = await readImage(source, () => {});
  await mkdir(dirname(path), { recursive: true });
  const info = await sharp(data, { raw: { width, height, channels: 4 } })
    .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toFile(path);
  return { path, width: info.width, height: info.height };
}
