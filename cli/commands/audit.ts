/**
 * `courtflow audit verify`: walks the audit log's hash chain and names the
 * first broken link, checks every signed anchor of the chain (its signature,
 * with the audit public key, and that its seq and hash are still in the
 * chain), and with `--anchor` signs the head once all is well; it says what
 * it checked (entries, their seq and time range, the anchors and the key)
 * and the result. `courtflow audit list` is in audit-list.ts. `argv` is the
 * words after `audit`.
 *
 * The database is DATABASE_URL or, when that is unset, the embedded
 * PostgreSQL of this data dir as its application role (`courtflow start`
 * must be running).
 * Exit codes: 0 the record is intact, 1 it is not (or the database cannot
 * be reached), 2 bad usage.
 */
import type { KeyObject } from 'node:crypto';
import { verifyAuditRecord, type AuditRecordVerification } from '../../db/audit-anchor';
import { createPool } from '../../db/pool';
import { loadConfig } from '../../config';
import { anchorAuditHead, anchorJournal, auditPublicKey, loadAuditSigningKey, readAnchorJournal, type AnchorOutcome } from '../../services/audit-anchor';
import { auditDatabaseUrl } from './audit-database';
import { AUDIT_LIST_USAGE, runAuditList } from './audit-list';
import type { CommandOutput } from './deadline';

export const AUDIT_USAGE = `usage: courtflow audit verify [--anchor] [--json]\n       ${AUDIT_LIST_USAGE.replace(/^usage: /, '')}`;
const VERIFY_USAGE = 'usage: courtflow audit verify [--anchor] [--json]';

const HELP = [
  AUDIT_USAGE,
  '',
  '`courtflow audit list` lists and filters the log (see `courtflow audit list --help`). `courtflow audit verify`:',
  '',
  'Checks that the audit log is whole and unaltered: every seq present, each prev_hash the hash of the row before,',
  'each row matching its hash, and the chain ending where its head says. Names the first broken link.',
  'Then checks every signed anchor of the chain: its Ed25519 signature with the audit public key, and that the',
  'seq and hash it signed are still in the log, so a log rebuilt after tampering (every hash recomputed) is caught;',
  'names the first anchor that no longer matches. Anchors are also kept outside the database, in',
  '<data dir>/audit-anchors.jsonl: one the database lacks or holds differently is named too.',
  '  --anchor  once all is intact, sign the chain\'s head now and store the anchor',
  '            (key: COURTFLOW_AUDIT_SIGNING_KEY, or <data dir>/secrets/audit-signing-key, created if missing)',
  '  --json    print the result as JSON',
  'Says what it checked: how many entries, their seq range and when they were written, how many anchors, the latest',
  "anchor's seq, time and key, and the result. Exit 0 when the record is intact, 1 when it is not, 2 on bad usage.",
  '',
  'Database: DATABASE_URL, or the embedded PostgreSQL under COURTFLOW_DATA_DIR while `courtflow start` runs.',
  'Public key: COURTFLOW_AUDIT_PUBLIC_KEY, or that of the signing key (<data dir>/secrets/audit-signing-key.pub).',
  '',
].join('\n');

/** The result in words: what was checked, and the first thing wrong. */
export function describeVerification(result: AuditRecordVerification, anchored?: AnchorOutcome): string {
  const lines: string[] = [];
  const { entries, anchors, chain } = result;
  const range = entries.firstSeq === null ? 'none' : `seq ${entries.firstSeq} to ${entries.lastSeq}`;
  const written = entries.firstAt === null ? '' : `, written ${entries.firstAt} to ${entries.lastAt}`;
  if (chain.ok) lines.push(`audit log intact: ${entries.count} entries (${range})${written}; head seq ${chain.lastSeq}, hash ${chain.lastHash}`);
  else lines.push(`audit log BROKEN at seq ${chain.brokenAt}: ${chain.reason} (${chain.checked} entries before it verified${entries.count > 0 ? `: ${range}${written}` : ''})`);
  const key = anchors.keyId ? `key ${anchors.keyId}` : 'no public key';
  if (anchors.count === 0) lines.push('anchors: none stored yet (run `courtflow audit verify --anchor`, or let the API anchor)');
  else if (!anchors.firstProblem) {
    const latest = anchors.latestMatching;
    const kept = anchors.kept > 0 ? ` (${anchors.kept} also kept outside the database, all present)` : '';
    lines.push(
      `anchors intact: ${anchors.count} checked with ${key}${kept}, every signature valid and every anchored (seq, hash) still in the log` +
        (latest ? `; latest: anchor #${latest.id} at seq ${latest.seq}, signed ${latest.anchoredAt}` : ''),
    );
  } else {
    lines.push(
      `anchors FAILED: ${anchors.firstProblem.reason}` +
        ` (${anchors.count} anchors checked with ${key}: ${anchors.validSignatures} validly signed, ${anchors.matching} matching the log` +
        `${anchors.problems.length > 1 ? `, ${anchors.problems.length} failing` : ''})`,
    );
    const latest = anchors.latest;
    if (latest) lines.push(`latest anchor: #${latest.id} at seq ${latest.seq}, signed ${latest.anchoredAt} with key ${latest.keyId}`);
  }
  if (anchored?.outcome === 'anchored') lines.push(`anchored: seq ${anchored.anchor.seq}, hash ${anchored.anchor.hash} (anchor #${anchored.anchor.id}, key ${anchored.anchor.keyId})`);
  if (anchored?.outcome === 'skipped') lines.push(`not anchored: ${anchored.reason}`);
  if (anchored?.outcome === 'refused') lines.push(`NOT anchored: ${anchored.reason}`);
  lines.push(result.ok ? 'the stored record is intact' : 'the stored record is NOT intact: see the first problem above');
  return lines.join('\n') + '\n';
}

export async function runAuditCommand(argv: string[], out: CommandOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    (sub === undefined ? out.stderr : out.stdout)(HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'list') return runAuditList(rest, out, env);
  if (sub !== 'verify') {
    out.stderr(`courtflow audit: unknown subcommand '${sub}'\n${AUDIT_USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.stdout(HELP);
    return 0;
  }
  const unknown = rest.filter((a) => a !== '--json' && a !== '--anchor');
  if (unknown.length > 0) {
    out.stderr(`courtflow audit verify: unknown option '${unknown[0]}'\n${VERIFY_USAGE}\n`);
    return 2;
  }
  const json = rest.includes('--json');
  const anchor = rest.includes('--anchor');

  const config = loadConfig(env);
  const url = auditDatabaseUrl(config);
  if (!url) {
    out.stderr(`courtflow audit verify: set DATABASE_URL (no embedded PostgreSQL under ${config.dataDir})\n`);
    return 1;
  }
  let publicKey: KeyObject | undefined;
  try {
    publicKey = auditPublicKey(config);
  } catch (err) {
    out.stderr(`courtflow audit verify: ${(err as Error).message}\n`);
    return 1;
  }
  const journal = anchorJournal(config.dataDir, url);
  const pool = createPool(url, 1);
  try {
    const kept = { anchors: readAnchorJournal(journal), where: journal.file };
    const result = await verifyAuditRecord(pool, publicKey ? { publicKey, kept } : { kept });
    let anchored: AnchorOutcome | undefined;
    if (anchor && result.ok) {
      const key = loadAuditSigningKey(config, { create: true })!;
      if (publicKey && key.keyId !== result.anchors.keyId) {
        anchored = { outcome: 'refused', brokenAt: 0, reason: `the signing key (${key.keyId}) is not the key anchors are checked with (${result.anchors.keyId})` };
      } else {
        anchored = await anchorAuditHead(pool, key, { journal });
      }
    } else if (anchor) {
      anchored = { outcome: 'refused', brokenAt: result.chain.ok ? 0 : result.chain.brokenAt, reason: 'the record is not intact (above): a broken record is never anchored' };
    }
    if (json) out.stdout(JSON.stringify(anchored ? { ...result, anchored } : result) + '\n');
    else out.stdout(describeVerification(result, anchored));
    return result.ok && anchored?.outcome !== 'refused' ? 0 : 1;
  } catch (err) {
    out.stderr(`courtflow audit verify: cannot read the audit log: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
