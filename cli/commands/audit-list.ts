/**
 * `courtflow audit list`: the audit log, newest first, filtered as
 * GET /api/v1/audit-log filters it: the options are parsed by the API's own
 * query schema and read with the same query (db/audit-log-search.ts), so
 * both accept and refuse the same filters and return the same entries.
 *
 * It reads the database directly, with DATABASE_URL's credentials (or the
 * embedded server's), not as an account: it writes no `audit.read` entry,
 * since whoever holds those credentials can read the table anyway, and a
 * record only the honest would leave is no record.
 *
 * Exit codes: 0 listed (perhaps nothing), 1 the database cannot be reached
 * or read, 2 bad usage or a bad filter.
 */
import { auditEntryView, auditLogCursor, auditLogQuery, toAuditEntryView } from '../../api/audit-log/schemas';
import { DEFAULT_PAGE_SIZE } from '../../api/paging';
import { validationProblem, type FieldError } from '../../api/problem';
import { loadConfig } from '../../config';
import type { AuditRecord } from '../../db/audit-log';
import { actionFilterOf, searchAuditLog } from '../../db/audit-log-search';
import { createPool } from '../../db/pool';
import { auditDatabaseUrl } from './audit-database';
import type { CommandOutput } from './deadline';

export const AUDIT_LIST_USAGE =
  'usage: courtflow audit list [--case CASE-NO] [--actor ID] [--action ACTION | --action PREFIX.] [--from ISO] [--to ISO] [--limit N] [--cursor C] [--json]';

/** Each option and the query parameter of GET /api/v1/audit-log it stands for. */
const OPTIONS = { '--case': 'case', '--actor': 'actor', '--action': 'action', '--from': 'from', '--to': 'to', '--limit': 'limit', '--cursor': 'cursor' } as const;
type Option = keyof typeof OPTIONS;
const isOption = (word: string): word is Option => Object.hasOwn(OPTIONS, word);

const HELP = [
  AUDIT_LIST_USAGE,
  '',
  'Lists audit log entries, newest first, that match every filter given (the same filters as GET /api/v1/audit-log):',
  '  --case CASE-NO   entries about the case (target case:<no>), about its filings (filing:<reference>), or naming it',
  '                   as after.caseNo',
  '  --actor ID       entries by this account id (or public, or system:<component>)',
  '  --action A       this action exactly (sct.case.viewed); ending in a dot, every action it begins (inbox.)',
  '  --from ISO       written at or after this instant, e.g. 2026-03-02T09:00:00+08:00',
  '  --to ISO         written at or before this instant (not before --from)',
  `  --limit N        at most N entries, 1 to 100 (default ${DEFAULT_PAGE_SIZE})`,
  '  --cursor C       the next page: the cursor printed after the previous one, with the same filters',
  '  --json           one JSON object per line, each entry exactly as GET /api/v1/audit-log gives it',
  '                   (the next page\'s cursor, if any, goes to stderr)',
  '',
  'Database: DATABASE_URL, or the embedded PostgreSQL under COURTFLOW_DATA_DIR while `courtflow start` runs.',
  'Reads with the database\'s credentials, not as an account, so the listing itself is not audited (the API\'s is).',
  'Exit 0 listed (perhaps nothing), 1 the database cannot be read, 2 a bad option or filter.',
  '',
].join('\n');

/** The options as the API's query parameters, or the first word that is not one. */
function queryOf(argv: readonly string[]): { query: Record<string, string>; json: boolean } | { bad: string } {
  const query: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i] as string;
    if (word === '--json') {
      json = true;
      continue;
    }
    const [name, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (!isOption(name)) return { bad: `unknown option '${word}'` };
    const value = inline ?? argv[(i += 1)];
    if (value === undefined) return { bad: `${name} needs a value` };
    query[OPTIONS[name]] = value;
  }
  return { query, json };
}

const optionOf = (field: string) => Object.entries(OPTIONS).find(([, param]) => param === field)?.[0] ?? field;

/** A readable table: one line per entry, the columns as wide as their widest value. */
export function entryTable(entries: readonly AuditRecord[]): string {
  const header = ['SEQ', 'AT', 'ACTOR', 'ROLE', 'ON BEHALF OF', 'ACTION', 'TARGET', 'REQUEST'];
  const rows = entries.map((e) => [String(e.seq), e.at.toISOString(), e.actorId, e.actorRole, e.onBehalfOf ?? '-', e.action, e.target ?? '-', e.requestId ?? '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export async function runAuditList(argv: string[], out: CommandOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.stdout(HELP);
    return 0;
  }
  const words = queryOf(argv);
  if ('bad' in words) {
    out.stderr(`courtflow audit list: ${words.bad}\n${AUDIT_LIST_USAGE}\n`);
    return 2;
  }
  const parsed = auditLogQuery.safeParse(words.query);
  if (!parsed.success) {
    const errors = (validationProblem('query', parsed.error).extensions.errors ?? []) as FieldError[];
    for (const e of errors) out.stderr(`courtflow audit list: ${optionOf(e.field)} ${e.message} (${e.rule})\n`);
    return 2;
  }
  const query = parsed.data;
  const config = loadConfig(env);
  const url = auditDatabaseUrl(config);
  if (!url) {
    out.stderr(`courtflow audit list: set DATABASE_URL (no embedded PostgreSQL under ${config.dataDir})\n`);
    return 1;
  }
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const pool = createPool(url, 1);
  try {
    const rows = await searchAuditLog(
      pool,
      {
        ...(query.case === undefined ? {} : { caseNo: query.case }),
        ...(query.actor === undefined ? {} : { actorId: query.actor }),
        ...(query.action === undefined ? {} : { action: actionFilterOf(query.action) }),
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
      },
      { limit: limit + 1, ...(query.cursor === undefined ? {} : { beforeSeq: query.cursor }) },
    );
    const entries = rows.slice(0, limit);
    const last = entries.at(-1);
    const next = rows.length > limit && last ? auditLogCursor.encode(last.seq) : null;
    if (words.json) {
      for (const entry of entries) out.stdout(JSON.stringify(auditEntryView.parse(toAuditEntryView(entry))) + '\n');
      if (next) out.stderr(`next page: --cursor ${next}\n`);
      return 0;
    }
    if (entries.length === 0) {
      out.stdout('no entries match\n');
      return 0;
    }
    out.stdout(entryTable(entries));
    out.stdout(
      `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, newest first (seq ${entries[0]?.seq} down to ${last?.seq}); ` +
        (next ? `older ones match too: add --cursor ${next}\n` : 'no older ones match\n'),
    );
    return 0;
  } catch (err) {
    out.stderr(`courtflow audit list: cannot read the audit log: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
