/**
 * Anchoring the audit chain outside the database: the signing key, and when
 * the chain's head is signed (db/audit-anchor.ts says what an anchor is).
 *
 * The key is Ed25519. It is COURTFLOW_AUDIT_SIGNING_KEY (a PEM, or the path
 * of a file holding one) or else `<dataDir>/secrets/audit-signing-key`
 * (PKCS#8 PEM, mode 0600, created when first needed), with its public key
 * beside it (`audit-signing-key.pub`, SPKI PEM). The database holds neither:
 * only the anchors and their signatures.
 *
 * The API anchors every COURTFLOW_AUDIT_ANCHOR_MINUTES (and once when it
 * starts), `courtflow audit verify --anchor` at the end of a clean
 * verification. An anchor is only ever signed over a chain just verified from
 * the last anchor this key signed, so a rewritten log is never blessed.
 *
 * Each anchor is also appended to a journal outside the database,
 * `<dataDir>/audit-anchors.jsonl` (mode 0600, one JSON line per anchor,
 * naming the database by host, port and name): `courtflow audit verify`
 * compares it with the table, so deleting the anchors that would expose a
 * rewrite is itself exposed, and checks each journal anchor against the chain.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { anchorSignatureValid, insertAnchor, keyIdOf, readAnchors, signAnchor, type StoredAnchor } from '../db/audit-anchor';
import { inSnapshot, walkAuditChain } from '../db/audit-log';
import { ConfigError, type Config } from '../config';

export type AuditKeySettings = Pick<Config, 'dataDir' | 'COURTFLOW_AUDIT_SIGNING_KEY' | 'COURTFLOW_AUDIT_PUBLIC_KEY'>;

export const auditSigningKeyPath = (dataDir: string) => path.join(dataDir, 'secrets', 'audit-signing-key');
export const auditPublicKeyPath = (dataDir: string) => `${auditSigningKeyPath(dataDir)}.pub`;

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** Where it came from (never the key): the variable, the file, or the file just created. */
  source: 'env' | 'file' | 'file-created';
}

const isPem = (value: string) => value.trimStart().startsWith('-----BEGIN');

/** A PEM given inline, or read from the file a value names. */
function pemFrom(value: string, variable: string): string {
  if (isPem(value)) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (err) {
    throw new ConfigError(`${variable}: neither a PEM key nor a readable file (${(err as Error).message})`);
  }
}

function ed25519(key: KeyObject, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${variable}: must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  return key;
}

function parsePrivate(pem: string, variable: string): KeyObject {
  try {
    return ed25519(createPrivateKey(pem), variable);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${variable}: not a private key in PEM (${(err as Error).message})`);
  }
}

function parsePublic(pem: string, variable: string): KeyObject {
  try {
    return ed25519(createPublicKey(pem), variable);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${variable}: not a public key in PEM (${(err as Error).message})`);
  }
}

/**
 * The signing key; undefined when there is none and `create` is false.
 * Created once under the data dir (several processes starting at once create
 * one key: the file is linked into place, which fails if it exists).
 */
export function loadAuditSigningKey(settings: AuditKeySettings, options: { create: boolean }): AuditSigningKey | undefined {
  const withPublic = (privateKey: KeyObject, source: AuditSigningKey['source']): AuditSigningKey => {
    const publicKey = createPublicKey(privateKey);
    return { privateKey, publicKey, keyId: keyIdOf(publicKey), source };
  };
  if (settings.COURTFLOW_AUDIT_SIGNING_KEY) {
    return withPublic(parsePrivate(pemFrom(settings.COURTFLOW_AUDIT_SIGNING_KEY, 'COURTFLOW_AUDIT_SIGNING_KEY'), 'COURTFLOW_AUDIT_SIGNING_KEY'), 'env');
  }
  const file = auditSigningKeyPath(settings.dataDir);
  let source: AuditSigningKey['source'] = 'file';
  if (!existsSync(file)) {
    if (!options.create) return undefined;
    source = createKeyFile(file) ? 'file-created' : 'file';
  }
  // Readable by its owner only, whatever an older version or a copy left.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = withPublic(parsePrivate(readFileSync(file, 'utf8'), file), source);
  const pub = auditPublicKeyPath(settings.dataDir);
  if (!existsSync(pub)) writeFileSync(pub, key.publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return key;
}

/** Writes a new key to `file` unless one appears there first; true when this call created it. */
function createKeyFile(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * The public key that anchors are checked with, for whoever verifies:
 * COURTFLOW_AUDIT_PUBLIC_KEY, else that of COURTFLOW_AUDIT_SIGNING_KEY, else
 * `<dataDir>/secrets/audit-signing-key.pub`, else that of the key file beside
 * it. Undefined when there is none (no anchor was ever signed here).
 */
export function auditPublicKey(settings: AuditKeySettings): KeyObject | undefined {
  if (settings.COURTFLOW_AUDIT_PUBLIC_KEY) {
    return parsePublic(pemFrom(settings.COURTFLOW_AUDIT_PUBLIC_KEY, 'COURTFLOW_AUDIT_PUBLIC_KEY'), 'COURTFLOW_AUDIT_PUBLIC_KEY');
  }
  const pub = auditPublicKeyPath(settings.dataDir);
  if (!settings.COURTFLOW_AUDIT_SIGNING_KEY && existsSync(pub)) return parsePublic(readFileSync(pub, 'utf8'), pub);
  return loadAuditSigningKey(settings, { create: false })?.publicKey;
}

/** Where anchors are kept outside the database, and which database they are of. */
export interface AnchorJournal {
  file: string;
  /** `host:port/database` of the URL the anchors were written through (never credentials). */
  database: string;
}

/** The journal of `dataDir` for the database at `databaseUrl`. */
export function anchorJournal(dataDir: string, databaseUrl: string): AnchorJournal {
  let database = databaseUrl;
  try {
    const url = new URL(databaseUrl);
    database = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    // Not a URL (a libpq keyword string): keep no credentials either way.
    database = databaseUrl.replace(/password=\S+/g, '');
  }
  return { file: path.join(dataDir, 'audit-anchors.jsonl'), database };
}

interface JournalLine {
  database: string;
  id: number;
  seq: number;
  hash: string;
  anchoredAt: string;
  keyId: string;
  signature: string;
}

function appendToJournal(journal: AnchorJournal, anchor: StoredAnchor): void {
  const line: JournalLine = { database: journal.database, ...anchor, anchoredAt: anchor.anchoredAt.toISOString() };
  mkdirSync(path.dirname(journal.file), { recursive: true, mode: 0o700 });
  appendFileSync(journal.file, JSON.stringify(line) + '\n', { mode: 0o600 });
}

/** The journal's anchors of its database (lines of other databases, and unreadable lines, are not its). */
export function readAnchorJournal(journal: AnchorJournal): StoredAnchor[] {
  if (!existsSync(journal.file)) return [];
  const anchors: StoredAnchor[] = [];
  for (const text of readFileSync(journal.file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    try {
      const line = JSON.parse(text) as Partial<JournalLine>;
      if (line.database !== journal.database) continue;
      if (typeof line.id !== 'number' || typeof line.seq !== 'number' || typeof line.hash !== 'string' || typeof line.anchoredAt !== 'string') continue;
      if (typeof line.keyId !== 'string' || typeof line.signature !== 'string') continue;
      anchors.push({ id: line.id, seq: line.seq, hash: line.hash, anchoredAt: new Date(line.anchoredAt), keyId: line.keyId, signature: line.signature });
    } catch {
      // A torn last line (a crash mid-write): not an anchor.
    }
  }
  return anchors;
}

export type AnchorOutcome =
  | { outcome: 'anchored'; anchor: StoredAnchor }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'refused'; reason: string; brokenAt: number };

/**
 * Signs the chain's head and stores the anchor, after verifying the chain
 * from the last anchor this key signed (or from the start): a chain that no
 * longer matches that anchor, or is broken after it, is refused, never
 * signed. Nothing to do when the log is empty or its head is anchored already.
 */
export async function anchorAuditHead(
  pool: Pool,
  key: Pick<AuditSigningKey, 'privateKey' | 'publicKey' | 'keyId'>,
  options: { journal?: AnchorJournal; now?: Date } = {},
): Promise<AnchorOutcome> {
  const checked = await inSnapshot(pool, async (client) => {
    // The latest anchor this key really signed (one claiming its id with a bad signature is not).
    const last = (await readAnchors(client)).reverse().find((a) => a.keyId === key.keyId && anchorSignatureValid(key.publicKey, a));
    return { last, walk: await walkAuditChain(client, last ? { from: { seq: last.seq, hash: last.hash } } : {}) };
  });
  const { last, walk } = checked;
  if (!walk.ok) {
    const since = last ? ` (verified from anchor #${last.id}, seq ${last.seq})` : '';
    return { outcome: 'refused', brokenAt: walk.brokenAt, reason: `the audit log is broken at seq ${walk.brokenAt}${since}: ${walk.reason}` };
  }
  if (walk.lastSeq === 0) return { outcome: 'skipped', reason: 'the audit log is empty' };
  if (last && last.seq === walk.lastSeq) return { outcome: 'skipped', reason: `the head, seq ${last.seq}, is anchored already (anchor #${last.id})` };
  const anchor = await insertAnchor(pool, signAnchor(key.privateKey, { seq: walk.lastSeq, hash: walk.lastHash }, options.now ?? new Date()));
  if (options.journal) appendToJournal(options.journal, anchor);
  return { outcome: 'anchored', anchor };
}

export interface AnchorLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Anchors now and then every `minutes` (0: never) until stopped. The key is
 * loaded (created if missing) at once, so a bad COURTFLOW_AUDIT_SIGNING_KEY
 * stops the process that asked; a failed anchoring is logged and retried at
 * the next tick. Anchors also go to `journal` when given.
 */
export function startAuditAnchoring(
  pool: Pool,
  settings: AuditKeySettings & Pick<Config, 'COURTFLOW_AUDIT_ANCHOR_MINUTES'>,
  log: AnchorLog,
  journal?: AnchorJournal,
): { stop(): void } {
  const minutes = settings.COURTFLOW_AUDIT_ANCHOR_MINUTES;
  if (minutes <= 0) return { stop: () => undefined };
  const key = loadAuditSigningKey(settings, { create: true })!;
  log.info({ keyId: key.keyId, source: key.source, minutes }, 'audit chain anchoring');
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= anchorAuditHead(pool, key, journal ? { journal } : {})
      .then(
        (result) => {
          if (result.outcome === 'anchored') log.info({ seq: result.anchor.seq, anchor: result.anchor.id }, 'audit chain anchored');
          if (result.outcome === 'refused') log.error({ brokenAt: result.brokenAt, reason: result.reason }, 'audit chain NOT anchored: the log is broken');
        },
        (err: unknown) => log.error({ err }, 'could not anchor the audit chain; will retry'),
      )
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, minutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
