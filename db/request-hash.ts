import { createHash } from 'node:crypto';
import { canonicalJson, type Json } from './audit-log';

/** A stable hash of the request: same body, same hash, whatever the key order. */
export function requestHash(body: unknown): string {
  // The JSON round trip drops undefined members, as the wire form of the request would.
  const json = JSON.parse(JSON.stringify(body ?? null)) as Json;
  return createHash('sha256').update(canonicalJson(json)).digest('hex');
}
