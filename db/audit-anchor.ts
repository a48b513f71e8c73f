/**
 * Anchors of the audit chain: its head (seq and hash) at a moment, signed
 * with an Ed25519 key that the database never holds.
 *
 * The hash chain (db/audit-log.ts) shows that rows were changed, unless
 * whoever changed them (a superuser, triggers disabled) also recomputed every
 * later hash and the head: the rebuilt chain is internally consistent. An
 * anchor signed before the tampering still names the old hash at its seq, and
 * without the private key nobody can sign a new one; so the first anchor that
 * no longer matches the chain names where, at the latest, the log was
 * rewritten. Anchors are kept in `audit_anchors` (migration 008), append-only;
 * a row that anyone without the key writes there does not verify.
 *
 * Keys and when to anchor: services/audit-anchor.ts.
 */
import type { KeyObject } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inSnapshot, walkAuditChain, type AuditVerification } from './audit-log';

import { anchorSignatureValid, keyIdOf, type AnchorHead, type SignedAnchor } from './audit-anchor-signature';

// What is signed and how, alone (db/audit-anchor-signature.ts): an offline verifier needs no database driver.
export { ANCHOR_FORMAT, anchorMessage, anchorSignatureValid, keyIdOf, signAnchor, type AnchorHead, type SignedAnchor } from './audit-anchor-signature';

export interface StoredAnchor extends SignedAnchor {
  id: number;
}

interface RawAnchor {
  id: string;
  seq: string;
  hash: string;
  anchored_at: Date;
  key_id: string;
  signature: string;
}

const toAnchor = (r: RawAnchor): StoredAnchor => ({
  id: Number(r.id),
  seq: Number(r.seq),
  hash: r.hash,
  anchoredAt: r.anchored_at,
  keyId: r.key_id,
  signature: r.signature,
});

export async function insertAnchor(db: Pool | PoolClient, anchor: SignedAnchor): Promise<StoredAnchor> {
  const { rows } = await db.query<RawAnchor>(
    `INSERT INTO audit_anchors (seq, hash, anchored_at, key_id, signature) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [anchor.seq, anchor.hash, anchor.anchoredAt.toISOString(), anchor.keyId, anchor.signature],
  );
  return toAnchor(rows[0]!);
}

/** Every anchor, by seq then id. */
export async function readAnchors(db: Pool | PoolClient): Promise<StoredAnchor[]> {
  const { rows } = await db.query<RawAnchor>('SELECT * FROM audit_anchors ORDER BY seq, id');
  return rows.map(toAnchor);
}

/** The head as `audit_chain_head` records it. */
export async function readChainHead(db: Pool | PoolClient): Promise<AnchorHead> {
  const { rows } = await db.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM audit_chain_head WHERE singleton');
  const head = rows[0];
  if (!head) throw new Error('audit_chain_head is missing its row; run the migrations');
  return { seq: Number(head.last_seq), hash: head.last_hash };
}

/** What is wrong with one anchor. */
export interface AnchorProblem {
  anchorId: number;
  seq: number;
  anchoredAt: string;
  kind: 'signature' | 'mismatch' | 'beyond-chain' | 'missing' | 'altered';
  reason: string;
}

export interface AuditRecordVerification {
  /** The chain intact, every anchor's signature valid, every anchor matching the chain. */
  ok: boolean;
  chain: AuditVerification;
  /**
   * Entries checked and the range they span, by seq and by when they were
   * written (ISO instants; null when the log is empty). Up to the break when
   * the chain is broken.
   */
  entries: { count: number; firstSeq: number | null; lastSeq: number | null; lastHash: string | null; firstAt: string | null; lastAt: string | null };
  anchors: {
    /** Anchors checked: those in the database, and those kept outside it that the database lacks. */
    count: number;
    /** Of them, kept outside the database (the journal) and compared with the table. */
    kept: number;
    /** Signed by the trusted key. */
    validSignatures: number;
    /** Signature valid and (seq, hash) still in the chain. */
    matching: number;
    /** The key anchors were checked with; null when none was available. */
    keyId: string | null;
    latestMatching: { id: number; seq: number; hash: string; anchoredAt: string } | null;
    /** The latest anchor checked (highest seq), whatever its result: what the last signing covered, and with which key. */
    latest: { id: number; seq: number; anchoredAt: string; keyId: string } | null;
    /** The first anchor, by seq, that fails, and why. */
    firstProblem: AnchorProblem | null;
    problems: AnchorProblem[];
  };
}

function latestOf(anchors: readonly StoredAnchor[]): AuditRecordVerification['anchors']['latest'] {
  const last = anchors.at(-1);
  return last ? { id: last.id, seq: last.seq, anchoredAt: last.anchoredAt.toISOString(), keyId: last.keyId } : null;
}

/**
 * The whole stored record in one snapshot: the chain walk of
 * `verifyAuditChain`, then every anchor: its signature against `publicKey`
 * (the trusted key, from outside the database), and its (seq, hash) against
 * the chain. A chain rebuilt after tampering walks clean; the first anchor
 * after the rewritten row no longer matches, and is named.
 *
 * Anchors kept outside the database too (`kept`, the anchoring process's
 * journal) are compared with the table: one the table lacks or holds
 * differently is named (anchors deleted or altered to hide a rewrite), and
 * it is checked against the chain all the same, so deleting every anchor
 * after a rewritten row does not hide it.
 *
 * Without a public key, anchors cannot be checked: each is a problem (so the
 * record is not called intact) unless there are none.
 */
export async function verifyAuditRecord(
  pool: Pool,
  options: { publicKey?: KeyObject; batchSize?: number; kept?: { anchors: StoredAnchor[]; where: string } } = {},
): Promise<AuditRecordVerification> {
  return inSnapshot(pool, async (client) => {
    const stored = await readAnchors(client);
    const problems: AnchorProblem[] = [];
    const sameAnchor = (a: SignedAnchor, b: SignedAnchor) =>
      a.seq === b.seq && a.hash === b.hash && a.anchoredAt.getTime() === b.anchoredAt.getTime() && a.keyId === b.keyId && a.signature === b.signature;
    const extra: StoredAnchor[] = [];
    for (const kept of options.kept?.anchors ?? []) {
      const inTable = stored.find((a) => a.id === kept.id);
      if (inTable && sameAnchor(inTable, kept)) continue;
      extra.push(kept);
      const where = { anchorId: kept.id, seq: kept.seq, anchoredAt: kept.anchoredAt.toISOString() };
      const name = `anchor #${kept.id} (seq ${kept.seq}, signed ${where.anchoredAt}), kept in ${options.kept?.where ?? 'the journal'},`;
      problems.push(
        inTable
          ? { ...where, kind: 'altered', reason: `${name} differs from the database's anchor #${kept.id}: the anchors table was rewritten` }
          : { ...where, kind: 'missing', reason: `${name} is missing from the database: anchors were deleted` },
      );
    }
    const anchors = [...stored, ...extra].sort((a, b) => a.seq - b.seq || a.id - b.id);
    const wanted = new Set(anchors.map((a) => a.seq));
    const hashAt = new Map<number, string>();
    let firstSeq: number | null = null;
    // When the first and last entries walked were written (fields, not variables: the walk's callback sets them).
    const written: { first: Date | null; last: Date | null } = { first: null, last: null };
    const chain = await walkAuditChain(client, {
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      onRow: (row) => {
        firstSeq ??= row.seq;
        written.first ??= row.at;
        written.last = row.at;
        if (wanted.has(row.seq)) hashAt.set(row.seq, row.hash);
      },
    });
    const walkedTo = chain.ok ? chain.lastSeq : chain.brokenAt - 1;
    const keyId = options.publicKey ? keyIdOf(options.publicKey) : null;
    let validSignatures = 0;
    let matching = 0;
    let latestMatching: AuditRecordVerification['anchors']['latestMatching'] = null;
    for (const anchor of anchors) {
      const where = { anchorId: anchor.id, seq: anchor.seq, anchoredAt: anchor.anchoredAt.toISOString() };
      const name = `anchor #${anchor.id} (seq ${anchor.seq}, signed ${where.anchoredAt})`;
      if (!options.publicKey) {
        problems.push({ ...where, kind: 'signature', reason: `${name} cannot be checked: no public key (set COURTFLOW_AUDIT_PUBLIC_KEY)` });
        continue;
      }
      if (!anchorSignatureValid(options.publicKey, anchor)) {
        const other = anchor.keyId !== keyId ? ` (it names key ${anchor.keyId}, not ${keyId})` : '';
        problems.push({ ...where, kind: 'signature', reason: `${name} does not verify with the audit public key${other}: it was forged or altered` });
        continue;
      }
      validSignatures += 1;
      const found = hashAt.get(anchor.seq);
      if (found === undefined) {
        // Past a break the chain was not walked; the break is reported already.
        if (anchor.seq > walkedTo && !chain.ok) continue;
        problems.push({
          ...where,
          kind: 'beyond-chain',
          reason: `${name} is beyond the end of the log (seq ${walkedTo}): entries up to seq ${anchor.seq} existed when it was signed and are gone`,
        });
        continue;
      }
      if (found !== anchor.hash) {
        problems.push({
          ...where,
          kind: 'mismatch',
          reason:
            `${name} no longer matches the log: it signed hash ${anchor.hash} at seq ${anchor.seq}, the log now has ${found}; ` +
            `the log was rewritten at or before seq ${anchor.seq}` +
            (latestMatching ? `, after seq ${latestMatching.seq} (anchor #${latestMatching.id} still matches)` : ''),
        });
        continue;
      }
      matching += 1;
      latestMatching = { id: anchor.id, seq: anchor.seq, hash: anchor.hash, anchoredAt: where.anchoredAt };
    }
    problems.sort((a, b) => a.seq - b.seq || a.anchorId - b.anchorId);
    const count = chain.ok ? chain.count : chain.checked;
    return {
      ok: chain.ok && problems.length === 0,
      chain,
      entries: {
        count,
        firstSeq,
        lastSeq: count > 0 ? walkedTo : null,
        lastHash: chain.ok ? (count > 0 ? chain.lastHash : null) : null,
        firstAt: written.first?.toISOString() ?? null,
        lastAt: written.last?.toISOString() ?? null,
      },
      anchors: {
        count: anchors.length,
        kept: options.kept?.anchors.length ?? 0,
        validSignatures,
        matching,
        keyId,
        latestMatching,
        latest: latestOf(anchors),
        firstProblem: problems[0] ?? null,
        problems,
      },
    };
  });
}
