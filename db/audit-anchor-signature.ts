/**
 * What an audit anchor signs, and the signing and checking of it: pure (no
 * database driver), so `courtflow verify` checks an exported anchor offline.
 * Stored anchors and when they are made: db/audit-anchor.ts.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const ANCHOR_FORMAT = 'courtflow-audit-anchor/v1';

export interface AnchorHead {
  seq: number;
  hash: string;
}

export interface SignedAnchor extends AnchorHead {
  anchoredAt: Date;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 signature of `anchorMessage`, base64. */
  signature: string;
}

/** The public key's short name, stored with each anchor. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Exactly what is signed: one field per line. */
export function anchorMessage(anchor: Omit<SignedAnchor, 'signature'>): Buffer {
  return Buffer.from(
    [ANCHOR_FORMAT, `seq=${anchor.seq}`, `hash=${anchor.hash}`, `at=${anchor.anchoredAt.toISOString()}`, `key=${anchor.keyId}`].join('\n'),
    'utf8',
  );
}

export function signAnchor(privateKey: KeyObject, head: AnchorHead, anchoredAt: Date = new Date()): SignedAnchor {
  const unsigned = { seq: head.seq, hash: head.hash, anchoredAt, keyId: keyIdOf(privateKey) };
  return { ...unsigned, signature: sign(null, anchorMessage(unsigned), privateKey).toString('base64') };
}

/** Whether `publicKey` signed this anchor, as stored. */
export function anchorSignatureValid(publicKey: KeyObject, anchor: SignedAnchor): boolean {
  try {
    return verify(null, anchorMessage(anchor), publicKey, Buffer.from(anchor.signature, 'base64'));
  } catch {
    return false;
  }
}

