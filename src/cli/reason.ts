/** Error messages as the command prints them, after its own "kernelgl:" prefix. */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^kernelgl: /, '');
}
