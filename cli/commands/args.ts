/**
 * The first sentence of a `node:util` parseArgs error, which names the
 * option ("Unknown option '--x'"). Not `instanceof Error`: under test
 * runners node's errors may come from another realm.
 */
export function argsErrorMessage(error: unknown): string | undefined {
  const raw = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  return typeof raw === 'string' ? raw.split(/\.\s|\n/)[0] : undefined;
}
