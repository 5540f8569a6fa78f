/** An error's message for a reply (what crosses to Node is text). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
