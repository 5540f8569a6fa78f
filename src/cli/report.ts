/**
 * The report: one self-explaining HTML page next to the results, one table
 * row per input and kernel with thumbnails of the original and of each
 * engine's result (linking to the full-size files), the timings and, when
 * both engines ran, the parity figures. Thumbnails keep it light for runs of
 * hundreds of results.
 */
import { writeFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { exactPercent, formatPercent } from '../difference.js';
import type { Filter } from '../filterSpec.js';
import { Kernel } from '../kernel.js';
import { resolveOptions, type FilterOptions } from '../options.js';
import type { EngineName } from './engines.js';
import type { Row } from './filterAll.js';
import { THUMBNAIL_SIDE, writeThumbnail, type Thumbnail } from './thumbnails.js';

export interface ReportInput {
  /** Where the report and its thumbnails are written; every link is relative to it. */
  readonly dir: string;
  readonly rows: readonly Row[];
  /** What each engine is (the GPU's renderer string). */
  readonly engines: Partial<Record<EngineName, string>>;
  /** Why an engine or an input did not run, when one did not. */
  readonly problems: readonly string[];
  /** As given: each filter kind fills in its own border, which the plan column shows. */
  readonly options: FilterOptions;
  readonly date: Date;
}

const ENGINES: readonly EngineName[] = ['gpu', 'cpu'];

/** Writes `<dir>/report.html` and its thumbnails (in `<dir>/thumbs`); resolves to the report's path. */
export async function writeReport(report: ReportInput): Promise<string> {
  const thumbnails = await writeThumbnails(report.dir, report.rows);
  const path = join(report.dir, 'report.html');
  await writeFile(path, reportHtml(report, thumbnails));
  return path;
}

/** One thumbnail per input and per result file, by the path of the file it shows. */
async function writeThumbnails(dir: string, rows: readonly Row[]): Promise<Map<string, Thumbnail>> {
  const thumbs = join(dir, 'thumbs');
  const thumbnails = new Map<string, Thumbnail>();
  for (const row of rows) {
    const sources: [string, string][] = [
      [row.input.path, join(thumbs, 'inputs', `${row.input.stem}.webp`)],
      ...Object.values(row.runs).map((run): [string, string] => [
        run.png,
        join(thumbs, `${withoutExtension(relative(dir, run.png))}.webp`),
      ]),
    ];
    for (const [source, path] of sources) if (!thumbnails.has(source)) thumbnails.set(source, await writeThumbnail(source, path));
  }
  return thumbnails;
}

const withoutExtension = (path: string) => path.slice(0, path.length - extname(path).length);

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function reportHtml(report: ReportInput, thumbnails: ReadonlyMap<string, Thumbnail>): string {
  const href = (path: string) => escape(relative(report.dir, path).split(sep).join('/'));
  const picture = (path: string | undefined, alt: string) => {
    const thumbnail = path === undefined ? undefined : thumbnails.get(path);
    if (path === undefined || !thumbnail) return '<td class="missing">not run</td>';
    return `<td><a href="${href(path)}"><img src="${href(thumbnail.path)}" width="${thumbnail.width}" height="${thumbnail.height}" loading="lazy" alt="${escape(alt)}"></a></td>`;
  };
  const engines = ENGINES.filter((e) => report.rows.some((r) => r.runs[e]));
  const compared = report.rows.filter((r) => r.parity).length;
  const exact = report.rows.filter((r) => r.parity?.maxDiff === 0).length;
  const head = [
    'input',
    'kernel',
    'plan',
    'original',
    ...engines.map((e) => e.toUpperCase()),
    ...engines.map((e) => `${e.toUpperCase()} ms`),
    ...(compared > 0 ? ['max |diff|', '% exact'] : []),
  ];
  const row = (r: Row) =>
    [
      `<td>${escape(r.input.stem)}<br><small>${r.width}x${r.height}</small></td>`,
      `<td>${escape(r.kernel.name)}${sizeOf(r.kernel)}</td>`,
      `<td>${planOf(r)}</td>`,
      picture(r.input.path, `original (${r.input.stem})`),
      ...engines.map((e) => picture(r.runs[e]?.png, `${e.toUpperCase()}: ${r.input.stem}, ${r.kernel.name}`)),
      ...engines.map((e) => `<td class="n">${r.runs[e] ? r.runs[e].ms.toFixed(1) : '—'}</td>`),
      ...(compared > 0
        ? [
            `<td class="n">${r.parity ? r.parity.maxDiff : '—'}</td>`,
            `<td class="n">${r.parity ? formatPercent(exactPercent(r.parity)) : '—'}</td>`,
          ]
        : []),
    ].join('');
  const { mode, channels, output, scale, delta } = resolveOptions(report.options);
  const border = report.options.border ?? "each filter's own";
  const verdict =
    compared > 0
      ? `<p class="verdict ${exact === compared ? 'ok' : 'bad'}">${exact} of ${compared} results bit-exact (GPU against the CPU reference).</p>`
      : `<p class="verdict">${report.rows.length} results.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kernelgl report${compared > 0 ? ': GPU vs CPU' : ''}</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1240px; padding: 0 16px; color: #1b1f24; }
  h1 { font-size: 24px; margin-bottom: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
  dt { color: #57606a; }
  dd { margin: 0; font-family: ui-monospace, monospace; font-size: 13px; }
  table { border-collapse: collapse; margin: 12px 0; }
  th, td { padding: 4px 10px; border-bottom: 1px solid #d0d7de; text-align: left; vertical-align: middle; }
  .n { text-align: right; font-variant-numeric: tabular-nums; }
  small, .missing { color: #57606a; font-size: 12px; }
  .verdict { font-weight: 600; }
  .ok { color: #1a7f37; } .bad { color: #cf222e; }
  img { display: block; max-width: ${THUMBNAIL_SIDE}px; height: auto; image-rendering: pixelated; background: repeating-conic-gradient(#eee 0% 25%, #fff 0% 50%) 0 / 16px 16px; }
</style>
</head>
<body>
<h1>kernelgl${compared > 0 ? ': GPU vs CPU reference' : ''}</h1>
${verdict}
${report.problems.map((p) => `<p class="bad">${escape(p)}</p>`).join('\n')}
<dl>
  <dt>GPU</dt><dd>${escape(report.engines.gpu ?? 'not run')}</dd>
  <dt>CPU</dt><dd>${escape(report.engines.cpu ?? 'not run')}</dd>
  <dt>options</dt><dd>border ${border}, mode ${mode}, channels ${channels}, output ${output}, scale ${scale}, delta ${delta}</dd>
  <dt>generated</dt><dd>${report.date.toISOString()}</dd>
</dl>
<p><small>Thumbnails at most ${THUMBNAIL_SIDE} pixels on a side; each links to its full-size file.</small></p>
<table>
<thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>
<tbody>
${report.rows.map((r) => `<tr>${row(r)}</tr>`).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

/** What ran and with which border (the one given, or the filter kind's own). */
function planOf(row: Row): string {
  const run = row.runs.gpu ?? row.runs.cpu;
  return run ? `${escape(run.plan)}<br><small>border ${run.border}</small>` : '—';
}

/** A kernel's size under its name; the other filters' names hold theirs (`median:5`). */
function sizeOf(filter: Filter): string {
  return filter instanceof Kernel ? `<br><small>${filter.cols}x${filter.rows}</small>` : '';
}
