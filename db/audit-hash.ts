/**
 * The audit log's hash, alone: sha256(prev_hash || "\n" || canonical JSON of
 * the row's fields). Pure (no database driver), so `courtflow verify` can
 * recompute an exported entry's hash on a machine with no database.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The fields a row's hash covers (everything but prev_hash and hash). */
export interface HashedAuditFields {
  seq: number;
  at: Date;
  actorId: string;
  actorRole: string;
  onBehalfOf: string | null;
  action: string;
  target: string | null;
  before: Json | null;
  after: Json | null;
  requestId: string | null;
}

/** JSON with object keys sorted at every level: one text for one value. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
}

/** The hash of one row, given the hash of the row before it. */
export function auditHash(prevHash: string, row: HashedAuditFields): string {
  const fields: Json = {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    onBehalfOf: row.onBehalfOf,
    action: row.action,
    target: row.target,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
  };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

