/**
 * An error's message without kernelgl's "kernelgl: " prefix (KernelglError
 * adds it), for text that carries its own prefix or none: the command's
 * lines, the demo's sentences, and a message made an error again after it
 * crossed to a worker or a page.
 */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^kernelgl: /, '');
}
