// Counts live WebGL objects per kind: every create* (and fenceSync) adds one,
// every delete* of a non-null object takes one away. Installed on the
// prototype before any context exists, so it sees every object of the page.
export type LiveCounts = Record<string, number>;

const live: LiveCounts = {};
const KINDS = [
  'Buffer',
  'Framebuffer',
  'Program',
  'Query',
  'Renderbuffer',
  'Sampler',
  'Shader',
  'Texture',
  'TransformFeedback',
  'VertexArray',
];

function wrap(name: string, kind: string, step: 1 | -1): void {
  const proto = WebGL2RenderingContext.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = proto[name]!;
  proto[name] = function (this: WebGL2RenderingContext, ...args: unknown[]) {
    const out = original.apply(this, args);
    const counted = step === 1 ? out != null : args[0] != null;
    if (counted) live[kind] = (live[kind] ?? 0) + step;
    return out;
  };
}

export function installGlCounter(): void {
  for (const kind of KINDS) {
    wrap(`create${kind}`, kind, 1);
    wrap(`delete${kind}`, kind, -1);
  }
  wrap('fenceSync', 'Sync', 1);
  wrap('deleteSync', 'Sync', -1);
}

/** The kinds with live objects now, and their counts. */
export function liveCounts(): LiveCounts {
  return Object.fromEntries(Object.entries(live).filter(([, n]) => n !== 0));
}

/** Counts without `Sync` when at most one fence is in flight (the GPU timer's), which comes and goes between frames. */
export function withoutPendingSync({ Sync = 0, ...rest }: LiveCounts): LiveCounts {
  return Sync <= 1 ? rest : { ...rest, Sync };
}
