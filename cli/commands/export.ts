/**
 * `courtflow export <caseNo|filingRef> [--out <dir>] [--with-documents]`
 *
 * Writes the case's bundle (services/export/case-bundle.ts) into a new
 * directory: every run's history, the timeline, the documents' digests (and
 * bytes with --with-documents), the case's audit entries and an anchor of the
 * chain covering them, and a manifest signed with the installation's audit
 * key. Reads with the database's and Temporal's credentials, as `audit list`
 * and `replay` do, so it records nothing itself (anchoring aside).
 * Exit codes: 0 written, 1 not (no such case, no key, a log that does not
 * verify, nothing reachable), 2 bad usage.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { loadConfig, type Config } from '../../config';
import { packageVersion } from '../../config/project-root';
import { documentStoreOf } from '../../db/document-store/configured';
import { createPool } from '../../db/pool';
import { anchorJournal, loadAuditSigningKey } from '../../services/audit-anchor';
import { exportCaseBundle } from '../../services/export/case-bundle';
import { argsErrorMessage } from './args';
import { auditDatabaseUrl } from './audit-database';
import { writeBundleDirectory } from './bundle-directory';
import type { CommandOutput } from './deadline';
import { connectFromConfig, temporalAddress } from './replay';

export const EXPORT_USAGE = 'usage: courtflow export <caseNo|filingRef> [--out <dir>] [--with-documents]';

const HELP = [
  EXPORT_USAGE,
  '',
  'Writes a case bundle (format courtflow-case-bundle/1; README, "Exporting and verifying a case") into a new directory:',
  "every run's Temporal history, the timeline, each document's SHA-256, the case's audit entries with a signed anchor of",
  'the chain covering them, and manifest.json (every file with its length and SHA-256) signed with the audit key',
  '(manifest.sig). Check it anywhere, offline, with `courtflow verify <dir>`.',
  '  --out <dir>        where to write (must not exist, or be empty); default ./<reference>-bundle',
  '  --with-documents   also copy the documents themselves, under documents/<sha256>',
  '',
  'The audit chain is verified and its head anchored first: a log that does not verify is not exported.',
  'Database: DATABASE_URL, or the embedded PostgreSQL while `courtflow start` runs. Temporal: TEMPORAL_ADDRESS, or the',
  'embedded server. Key: COURTFLOW_AUDIT_SIGNING_KEY, or <data dir>/secrets/audit-signing-key.',
  'Exit codes: 0 written; 1 not written (no such case, no key, the log does not verify, nothing reachable); 2 bad usage.',
  '',
].join('\n');

/** What the command needs from outside; tests pass their own stack's. */
export interface ExportCommandDeps {
  env?: NodeJS.ProcessEnv;
  open?: (config: Config, databaseUrl: string) => Promise<{ pool: Pool; temporal: Client; close: () => Promise<void> }>;
}

async function openFromConfig(config: Config, databaseUrl: string) {
  const pool = createPool(databaseUrl, 2);
  const connected = await connectFromConfig(config).catch(async (err: unknown) => {
    await pool.end();
    throw new Error(`cannot reach Temporal at ${temporalAddress(config)}: ${(err as Error).message}`);
  });
  return { pool, temporal: connected.client, close: async () => (await connected.close(), await pool.end()) };
}

export async function runExportCommand(argv: string[], out: CommandOutput, deps: ExportCommandDeps = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.stdout(HELP);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { out: { type: 'string' }, 'with-documents': { type: 'boolean' } } });
  } catch (error) {
    out.stderr(`courtflow export: ${argsErrorMessage(error) ?? 'bad arguments'}; see courtflow export --help\n`);
    return 2;
  }
  const [reference, ...more] = parsed.positionals;
  if (reference === undefined || reference.trim() === '' || more.length > 0) {
    out.stderr(`courtflow export: name one case number or filing reference; ${EXPORT_USAGE}\n`);
    return 2;
  }
  const dir = parsed.values.out ?? path.join('.', `${reference}-bundle`);
  const config = loadConfig(deps.env ?? process.env);
  const key = loadAuditSigningKey(config, { create: false });
  if (!key) {
    out.stderr('courtflow export: no audit signing key (set COURTFLOW_AUDIT_SIGNING_KEY, or run where <data dir>/secrets/audit-signing-key is)\n');
    return 1;
  }
  const databaseUrl = auditDatabaseUrl(config);
  if (!databaseUrl) {
    out.stderr('courtflow export: no database: set DATABASE_URL, or run `courtflow start` for the embedded PostgreSQL\n');
    return 1;
  }
  let opened;
  try {
    opened = await (deps.open ?? openFromConfig)(config, databaseUrl);
  } catch (err) {
    out.stderr(`courtflow export: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    const files = await exportCaseBundle(
      { pool: opened.pool, temporal: opened.temporal, store: () => documentStoreOf(config), key, journal: anchorJournal(config.dataDir, databaseUrl), version: packageVersion() },
      reference,
      { withDocuments: parsed.values['with-documents'] === true },
    );
    writeBundleDirectory(dir, files);
    const runs = files.filter((f) => f.path.startsWith('histories/')).length;
    out.stdout(`exported ${reference} to ${dir}: ${files.length} files, ${runs} ${runs === 1 ? 'run' : 'runs'}, signed with key ${key.keyId}\n`);
    return 0;
  } catch (err) {
    out.stderr(`courtflow export: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await opened.close();
  }
}
