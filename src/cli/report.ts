/**
 * The demo's report: one self-explaining HTML page next to the results,
 * with the original, the GPU and the CPU result side by side for every
 * kernel, the parity figures, the renderer and the timings.
 */
import { relative, sep } from 'node:path';
import { exactPercent, formatPercent } from '../difference.js';
import type { ResolvedOptions } from '../options.js';
import type { EngineName } from './engines.js';
import type { Row } from './filterAll.js';

export interface ReportInput {
  /** Where the report is written; every link is relative to it. */
  readonly dir: string;
  readonly rows: readonly Row[];
  /** The copy of each input, by input path, that the report shows as the original. */
  readonly originals: ReadonlyMap<string, string>;
  /** What each engine is (the GPU's renderer string). */
  readonly engines: Partial<Record<EngineName, string>>;
  /** Why an engine did not run, when it did not. */
  readonly problems: readonly string[];
  readonly options: ResolvedOptions;
  readonly date: Date;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function reportHtml(report: ReportInput): string {
  const href = (path: string) => escape(relative(report.dir, path).split(sep).join('/'));
  const ms = (row: Row, engine: EngineName) => (row.runs[engine] ? row.runs[engine].ms.toFixed(1) : '—');
  const exact = report.rows.filter((r) => r.parity?.maxDiff === 0).length;
  const compared = report.rows.filter((r) => r.parity).length;
  const figure = (caption: string, path: string | undefined) =>
    `<figure>${path ? `<a href="${href(path)}"><img src="${href(path)}" alt="${escape(caption)}"></a>` : '<div class="missing">not run</div>'}<figcaption>${escape(caption)}</figcaption></figure>`;
  const { border, mode, channels, output, scale, delta } = report.options;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kernelgl report: GPU vs CPU</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1240px; padding: 0 16px; color: #1b1f24; }
  h1 { font-size: 24px; margin-bottom: 4px; }
  h2 { font-size: 17px; margin: 28px 0 8px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
  dt { color: #57606a; }
  dd { margin: 0; font-family: ui-monospace, monospace; font-size: 13px; }
  table { border-collapse: collapse; margin: 12px 0; }
  th, td { padding: 4px 12px; border-bottom: 1px solid #d0d7de; text-align: right; font-variant-numeric: tabular-nums; }
  th:nth-child(-n+3), td:nth-child(-n+3) { text-align: left; }
  .verdict { font-weight: 600; }
  .ok { color: #1a7f37; } .bad { color: #cf222e; }
  .row { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
  figure { margin: 0; }
  img { width: 100%; display: block; background: repeating-conic-gradient(#eee 0% 25%, #fff 0% 50%) 0 / 16px 16px; }
  figcaption, .figures { color: #57606a; font-size: 13px; }
  .missing { aspect-ratio: 3 / 2; display: grid; place-items: center; background: #f6f8fa; color: #57606a; }
</style>
</head>
<body>
<h1>kernelgl: GPU vs CPU reference</h1>
<p class="verdict ${exact === compared && compared > 0 ? 'ok' : 'bad'}">${exact} of ${compared} results bit-exact (GPU against the CPU reference).</p>
${report.problems.map((p) => `<p class="bad">${escape(p)}</p>`).join('\n')}
<dl>
  <dt>GPU</dt><dd>${escape(report.engines.gpu ?? 'not run')}</dd>
  <dt>CPU</dt><dd>${escape(report.engines.cpu ?? 'not run')}</dd>
  <dt>options</dt><dd>border ${border}, mode ${mode}, channels ${channels}, output ${output}, scale ${scale}, delta ${delta}</dd>
  <dt>generated</dt><dd>${report.date.toISOString()}</dd>
</dl>
<table>
<thead><tr><th>input</th><th>kernel</th><th>plan</th><th>GPU ms</th><th>CPU ms</th><th>max |diff|</th><th>% exact</th></tr></thead>
<tbody>
${report.rows
  .map(
    (r) =>
      `<tr><td>${escape(r.input.stem)}</td><td>${escape(r.kernel.name)}</td><td>${planOf(r)}</td><td>${ms(r, 'gpu')}</td><td>${ms(r, 'cpu')}</td><td>${r.parity ? r.parity.maxDiff : '—'}</td><td>${r.parity ? formatPercent(exactPercent(r.parity)) : '—'}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
${report.rows
  .map(
    (r) => `<section>
<h2>${escape(r.input.stem)} · ${escape(r.kernel.name)} <span class="figures">${r.kernel.cols}x${r.kernel.rows} kernel, ${planOf(r)} plan, ${r.width}x${r.height} image${
      r.parity ? `, max |diff| ${r.parity.maxDiff}, ${formatPercent(exactPercent(r.parity))}% of samples exact` : ''
    }</span></h2>
<div class="row">
${figure(`original (${r.input.stem})`, report.originals.get(r.input.path))}
${figure(`GPU, ${ms(r, 'gpu')} ms`, r.runs.gpu?.png)}
${figure(`CPU, ${ms(r, 'cpu')} ms`, r.runs.cpu?.png)}
</div>
</section>`,
  )
  .join('\n')}
</body>
</html>
`;
}

function planOf(row: Row): string {
  return escape((row.runs.gpu ?? row.runs.cpu)?.plan ?? '—');
}
