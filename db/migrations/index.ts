/**
 * Versioned schema migrations, applied in order and never edited once
 * shipped: a change is a new migration. Kept as TypeScript so the build
 * carries them into dist/ with everything else.
 */
export interface Migration {
  id: string;
  sql: string;
}

import { m001SmallClaims } from './001-small-claims';

export const migrations: readonly Migration[] = [m001SmallClaims];
