/**
 * Kernel names as parts of output file names. A name keeps its own spelling
 * everywhere else (`gaussian:15:3` in tables and reports); only the file
 * name is rewritten, so that the same command writes the same files on
 * Windows, macOS and Linux.
 */

// Characters Windows refuses in file names (`/` and `\` also split paths), plus control characters.
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
// Windows refuses these device names even with an extension (`con.txt`) or trailing spaces;
// it counts the superscript digits as digits.
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?= *(\.|$))/i;

/**
 * The file-name form of a kernel name: `gaussian:15:3` → `gaussian-15-3`.
 * Safe on its own, not only after the input stem, so it stays safe whatever
 * it is joined with.
 */
export function fileSafeName(name: string): string {
  const replaced = name.replace(FORBIDDEN, '-');
  // Windows drops a trailing dot or space, so the name would not read back as written.
  const ended = /[. ]$/.test(replaced) ? `${replaced}_` : replaced;
  return ended.replace(DEVICE, '$1_');
}
