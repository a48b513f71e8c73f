/**
 * Which Temporal a benchmark's stack runs (bench/stack.ts):
 *
 *   dev-server  the Temporal CLI's dev server on its SQLite file: the embedded default
 *   cluster     the Temporal server itself on PostgreSQL (cli/stack/temporal-cluster.ts): the production-shaped engine
 */
export const ENGINES = ['dev-server', 'cluster'] as const;
export type Engine = (typeof ENGINES)[number];

export const isEngine = (word: string): word is Engine => (ENGINES as readonly string[]).includes(word);
