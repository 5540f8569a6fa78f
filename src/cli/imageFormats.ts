/**
 * The image file formats of the command: those it reads (told apart by
 * content, found in folders by extension) and those it writes.
 */

/** What the command reads, in words for messages and help. */
export const READABLE_FORMATS = 'PNG, JPEG, WebP, TIFF, AVIF or GIF';

/** The extensions a folder input is searched for (lower case). */
export const INPUT_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff', '.avif', '.gif'];

/** The formats results are written in, each also the extension of its files; the first is the default. */
export const OUTPUT_FORMATS = ['png', 'webp', 'tiff'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const DEFAULT_OUTPUT_FORMAT: OutputFormat = OUTPUT_FORMATS[0];
