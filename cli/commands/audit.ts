/**
 * `courtflow audit verify`: walks the audit log's hash chain and names the
 * first broken link. `argv` is the words after `audit`.
 *
 * The database is DATABASE_URL or, when that is unset, the embedded
 * PostgreSQL of this data dir (`courtflow start` must be running).
 * Exit codes: 0 the chain is intact, 1 it is broken (or the database cannot
 * be reached), 2 bad usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyAuditChain } from '../../db/audit-log';
import { createPool } from '../../db/pool';
import { loadConfig } from '../../config';
import type { CommandOutput } from './deadline';

export const AUDIT_USAGE = 'usage: courtflow audit verify [--json]';

const HELP = [
  AUDIT_USAGE,
  '',
  'Checks that the audit log is whole and unaltered: every seq present, each prev_hash the hash of the row before,',
  'each row matching its hash, and the chain ending where its head says. Names the first broken link.',
  '  --json   print the result as JSON',
  '',
  'Database: DATABASE_URL, or the embedded PostgreSQL under COURTFLOW_DATA_DIR while `courtflow start` runs.',
  '',
].join('\n');

/** The embedded server's URL, from its password file; undefined when there is none. */
function embeddedDatabaseUrl(dataDir: string, port: number): string | undefined {
  const passwordFile = path.join(dataDir, 'postgres', 'password');
  if (!existsSync(passwordFile)) return undefined;
  const password = readFileSync(passwordFile, 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/courtflow`;
}

export async function runAuditCommand(argv: string[], out: CommandOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    (sub === undefined ? out.stderr : out.stdout)(HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'verify') {
    out.stderr(`courtflow audit: unknown subcommand '${sub}'\n${AUDIT_USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.stdout(HELP);
    return 0;
  }
  const unknown = rest.filter((a) => a !== '--json');
  if (unknown.length > 0) {
    out.stderr(`courtflow audit verify: unknown option '${unknown[0]}'\n${AUDIT_USAGE}\n`);
    return 2;
  }
  const json = rest.includes('--json');

  const config = loadConfig(env);
  const url = config.DATABASE_URL ?? embeddedDatabaseUrl(config.dataDir, config.POSTGRES_PORT);
  if (!url) {
    out.stderr(`courtflow audit verify: set DATABASE_URL (no embedded PostgreSQL under ${config.dataDir})\n`);
    return 1;
  }
  const pool = createPool(url, 1);
  try {
    const result = await verifyAuditChain(pool);
    if (json) out.stdout(JSON.stringify(result) + '\n');
    else if (result.ok) out.stdout(`audit log intact: ${result.count} entries; head seq ${result.lastSeq}, hash ${result.lastHash}\n`);
    else out.stdout(`audit log BROKEN at seq ${result.brokenAt}: ${result.reason} (${result.checked} entries before it verified)\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    out.stderr(`courtflow audit verify: cannot read the audit log: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
