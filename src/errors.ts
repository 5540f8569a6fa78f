/**
 * Every error kernelgl throws is a `KernelglError` with a stable `code`, a
 * message that starts with "kernelgl:" and says what was wrong and what is
 * allowed, so callers can branch on the type and users can act on the text.
 */
export class KernelglError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(`kernelgl: ${message}`);
    // Spelled out, not `new.target.name`: minifiers rename classes, and users branch on `name`.
    this.name = ERROR_NAMES[code];
    this.code = code;
  }
}

/** Each `code` and the class that carries it. */
const ERROR_NAMES = {
  ERR_KERNEL: 'KernelError',
  ERR_OPTION: 'OptionError',
  ERR_IMAGE: 'ImageError',
  ERR_WEBGL_UNAVAILABLE: 'WebGLUnavailableError',
  ERR_CONTEXT_LOST: 'ContextLostError',
  ERR_DISPOSED: 'DisposedError',
  ERR_GPU: 'GpuError',
} as const;

/** The stable codes of kernelgl's errors. */
export type ErrorCode = keyof typeof ERROR_NAMES;

/** A kernel matrix, spec or anchor that cannot be used. */
export class KernelError extends KernelglError {
  constructor(message: string) {
    super('ERR_KERNEL', message);
  }
}

/** An unknown option name or a value outside the allowed set or range. */
export class OptionError extends KernelglError {
  constructor(message: string) {
    super('ERR_OPTION', message);
  }
}

/** An empty, malformed or unreadable image. */
export class ImageError extends KernelglError {
  constructor(message: string) {
    super('ERR_IMAGE', message);
  }
}

/** WebGL2 (or a capability kernelgl needs from it) is not available. */
export class WebGLUnavailableError extends KernelglError {
  constructor(message: string) {
    super('ERR_WEBGL_UNAVAILABLE', message);
  }
}

/** The WebGL context was lost while work was pending; retry after it is restored. */
export class ContextLostError extends KernelglError {
  constructor(
    message = 'the WebGL context was lost; the call was abandoned. Retry once the context is restored (GpuFilter rebuilds itself).',
  ) {
    super('ERR_CONTEXT_LOST', message);
  }
}

/** A GPU object was used after `dispose()`. */
export class DisposedError extends KernelglError {
  constructor(what: string) {
    super('ERR_DISPOSED', `${what} was disposed; create a new one.`);
  }
}

/** A WebGL call failed in a way kernelgl did not expect (shader compile, framebuffer, GL error). */
export class GpuError extends KernelglError {
  constructor(message: string) {
    super('ERR_GPU', message);
  }
}

/** Formats a value for an error message without dumping huge arrays. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  // Any object may carry its own `constructor`: only a string name is shown.
  const name: unknown = value.constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'an object';
}
