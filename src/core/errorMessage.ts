/** What went wrong, in words, for whatever was thrown (an Error's message, or the value itself). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
