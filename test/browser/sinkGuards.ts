// In-page guards for the fuzz tests: every way text can become markup or
// code (innerHTML, outerHTML, insertAdjacentHTML, setHTMLUnsafe,
// document.write, createContextualFragment, DOMParser, eval, Function, string
// timers) is wrapped to record its calls, and every shader source the page
// compiles is collected, so a test can assert that no input ever reached them.

export interface SinkLog {
  /** Calls of markup and code sinks: the sink's name and the start of the text it was given. */
  readonly calls: string[];
  /** Every distinct shader source compiled on the page since the guards went in. */
  readonly shaderSources: Set<string>;
}

let log: SinkLog | null = null;

const excerpt = (value: unknown): string => String(value).slice(0, 80);

function recordSetter(proto: object, property: string, sink: string, calls: string[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, property);
  if (!descriptor?.set) return;
  const set = descriptor.set;
  Object.defineProperty(proto, property, {
    ...descriptor,
    set(this: unknown, value: unknown) {
      calls.push(`${sink} = ${excerpt(value)}`);
      set.call(this, value);
    },
  });
}

function recordMethod(
  owner: object,
  method: string,
  sink: string,
  calls: string[],
  records: (args: unknown[]) => boolean = () => true,
): void {
  const target = owner as Record<string, unknown>;
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: unknown, ...args: unknown[]) {
    if (records(args)) calls.push(`${sink}(${args.map(excerpt).join(', ')})`);
    return original.apply(this, args);
  };
}

/** Installs the guards once and returns their log (the same log on later calls). */
export function installSinkGuards(): SinkLog {
  if (log) return log;
  const calls: string[] = [];
  const shaderSources = new Set<string>();
  for (const proto of [Element.prototype, ShadowRoot.prototype]) {
    recordSetter(proto, 'innerHTML', 'innerHTML', calls);
    recordMethod(proto, 'setHTMLUnsafe', 'setHTMLUnsafe', calls);
  }
  recordSetter(Element.prototype, 'outerHTML', 'outerHTML', calls);
  recordMethod(Element.prototype, 'insertAdjacentHTML', 'insertAdjacentHTML', calls);
  recordMethod(Document.prototype, 'write', 'document.write', calls);
  recordMethod(Document.prototype, 'writeln', 'document.writeln', calls);
  recordMethod(Range.prototype, 'createContextualFragment', 'createContextualFragment', calls);
  recordMethod(DOMParser.prototype, 'parseFromString', 'DOMParser.parseFromString', calls);
  recordMethod(window, 'eval', 'eval', calls);
  // A string passed to a timer is compiled as code.
  recordMethod(window, 'setTimeout', 'setTimeout', calls, (args) => typeof args[0] === 'string');
  recordMethod(window, 'setInterval', 'setInterval', calls, (args) => typeof args[0] === 'string');
  window.Function = new Proxy(Function, {
    apply: (target, self, args: string[]) => (calls.push(`Function(${args.map(excerpt).join(', ')})`), Reflect.apply(target, self, args)),
    construct: (target, args: string[]) => (calls.push(`new Function(${args.map(excerpt).join(', ')})`), Reflect.construct(target, args)),
  });
  const shaderSource = WebGL2RenderingContext.prototype.shaderSource;
  WebGL2RenderingContext.prototype.shaderSource = function (this: WebGL2RenderingContext, shader: WebGLShader, source: string) {
    shaderSources.add(source);
    shaderSource.call(this, shader, source);
  };
  log = { calls, shaderSources };
  return log;
}
