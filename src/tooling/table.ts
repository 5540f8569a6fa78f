/** A table with aligned columns: plain text for the command's summary on stdout, or markdown (the benchmark). */
export interface Column {
  readonly title: string;
  readonly align?: 'left' | 'right';
}

export type TableStyle = 'plain' | 'markdown';

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[], style: TableStyle = 'plain'): string {
  const minimum = style === 'markdown' ? 3 : 1; // a markdown rule needs at least three characters
  const widths = columns.map((c, i) => Math.max(minimum, c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (cells: readonly string[]) =>
    columns.map((column, i) => (column.align === 'right' ? (cells[i] ?? '').padStart(widths[i]!) : (cells[i] ?? '').padEnd(widths[i]!)));
  if (style === 'markdown') {
    const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
    const rule = columns.map((c, i) => (c.align === 'right' ? `${'-'.repeat(widths[i]! - 1)}:` : '-'.repeat(widths[i]!)));
    return [line(pad(columns.map((c) => c.title))), line(rule), ...rows.map((r) => line(pad(r)))].join('\n');
  }
  const line = (cells: readonly string[]) => pad(cells).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}
