/**
 * `courtflow closure declare <YYYY-MM-DD> --reason <reason> [--planned] [--api URL] [--api-key KEY | --token TOKEN] [--json]`
 * `courtflow closure withdraw <YYYY-MM-DD> --reason <why> [--api URL] [--api-key KEY | --token TOKEN] [--json]`
 * `courtflow closure sync [--api URL] [--api-key KEY | --token TOKEN] [--json]`
 * `courtflow closure list [--year YYYY] [--api URL] [--json]`
 *
 * Talks to a running API over HTTP, as a registry officer would, with their
 * API key (`--api-key` or COURTFLOW_API_KEY) or sign-in token (`--token` or
 * COURTFLOW_TOKEN). `argv` is
 * the words after `closure`. Exit codes: 0 done (or --help), 1 the API
 * refused or could not be reached (its problem's detail on stderr), 2 bad
 * command line (one line on stderr naming the problem).
 */
import { parseArgs } from 'node:util';
import { argsErrorMessage } from './args';
import { CLOSURE_REASONS, isClosureReason, isIsoDate, weekdayName } from '../../domain/calendar';
import { calendarSyncResponse, calendarView, closureDeclaredResponse, closureWithdrawnResponse } from '../../api/calendar/schemas';
import type { CommandOutput } from './deadline';

export const CLOSURE_USAGE = [
  'usage: courtflow closure declare <YYYY-MM-DD> --reason <reason> [--planned] [--api URL] [--api-key KEY | --token TOKEN] [--json]',
  '       courtflow closure withdraw <YYYY-MM-DD> --reason <why> [--api URL] [--api-key KEY | --token TOKEN] [--json]',
  '       courtflow closure sync [--api URL] [--api-key KEY | --token TOKEN] [--json]',
  '       courtflow closure list [--year YYYY] [--api URL] [--json]',
].join('\n');

export const DEFAULT_API = 'http://127.0.0.1:3000';

const HELP = [
  CLOSURE_USAGE,
  '',
  'Declares a day the registries were closed (Cap. 1 s.71), withdraws one declared by mistake, tells running cases of',
  'a calendar change not yet broadcast (a new general holiday list), or lists the declared days, through the courtflow API.',
  '  declare    a warning day is a fact: today or earlier (Hong Kong); a Sunday or general holiday is only recorded',
  `  --reason   declare: one of ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')};`,
  '             with --planned, the order closing the registry; withdraw: why the closure is withdrawn',
  '  --planned  a closure ordered in advance (may be in the future; counts under the registry policy only, s.71(1A))',
  '  withdraw   removes a closure declared by mistake; open cases are told, their deadlines move back',
  '  sync       broadcasts the general holiday list in force if running cases were told of an older one',
  `  --api      the API's base URL (default ${DEFAULT_API})`,
  '  --api-key  a registry officer\'s API key (default $COURTFLOW_API_KEY); create one with POST /api/v1/auth/api-keys',
  '  --token    or a sign-in token from POST /api/v1/auth/login (default $COURTFLOW_TOKEN)',
  '  --year     list only this year',
  '  --json     print the API answer as JSON',
  '',
].join('\n');

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A problem with the command line; one line, exit code 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

function parseRaw(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        reason: { type: 'string' },
        planned: { type: 'boolean' },
        api: { type: 'string' },
        'api-key': { type: 'string' },
        token: { type: 'string' },
        year: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const message = argsErrorMessage(error);
    throw new UsageError(`${message ?? 'bad arguments'}; see courtflow closure --help`);
  }
}

function apiBase(value: string | undefined): string {
  const text = value ?? DEFAULT_API;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--api must be a URL such as ${DEFAULT_API}, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--api must be an http or https URL, got ${JSON.stringify(text)}`);
  return url.href.replace(/\/+$/, '');
}


type Command =
  | { kind: 'help' }
  | { kind: 'declare'; api: string; date: string; reason: string; planned: boolean; credentials: Record<string, string>; json: boolean }
  | { kind: 'withdraw'; api: string; date: string; reason: string; credentials: Record<string, string>; json: boolean }
  | { kind: 'sync'; api: string; credentials: Record<string, string>; json: boolean }
  | { kind: 'list'; api: string; year: number | undefined; json: boolean };

function credentialsOf(values: { 'api-key'?: string; token?: string }, env: NodeJS.ProcessEnv, doing: string): Record<string, string> {
  // A flag beats the environment; with neither flag, an API key beats a token.
  const flagged = values['api-key'] !== undefined || values.token !== undefined;
  const apiKey = (values['api-key'] ?? (flagged ? '' : env.COURTFLOW_API_KEY) ?? '').trim();
  const token = (values.token ?? (flagged ? '' : env.COURTFLOW_TOKEN) ?? '').trim();
  const credentials: Record<string, string> | undefined = apiKey ? { 'X-Api-Key': apiKey } : token ? { authorization: `Bearer ${token}` } : undefined;
  if (!credentials) throw new UsageError(`${doing} needs a registry officer's credentials: --api-key (or COURTFLOW_API_KEY) or --token (or COURTFLOW_TOKEN)`);
  return credentials;
}

function dateArgument(args: string[], what: string): string {
  const [date, ...extra] = args;
  if (date === undefined) throw new UsageError(`missing <YYYY-MM-DD>, ${what}`);
  if (!isIsoDate(date)) throw new UsageError(`${JSON.stringify(date)} is not a calendar date in the form YYYY-MM-DD`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  return date;
}

function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  const { values, positionals } = parseRaw(argv);
  if (values.help === true) return { kind: 'help' };
  const [sub, ...args] = positionals;
  const json = values.json === true;
  if (sub !== 'list' && values.year !== undefined) throw new UsageError('--year is for closure list');
  if (sub !== 'declare' && values.planned !== undefined) throw new UsageError('--planned is for closure declare');
  if (sub === 'declare') {
    const date = dateArgument(args, 'the day the registry was closed');
    const reason = values.reason?.trim();
    const planned = values.planned === true;
    if (reason === undefined || reason === '') {
      throw new UsageError(
        planned ? 'missing --reason: the order closing the registry' : `missing --reason: one of ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')}`,
      );
    }
    if (!planned && !isClosureReason(reason)) {
      throw new UsageError(
        `--reason must be one of ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')}; got ${JSON.stringify(reason)} (a closure ordered in advance is declared with --planned)`,
      );
    }
    return { kind: 'declare', api: apiBase(values.api), date, reason, planned, credentials: credentialsOf(values, env, 'declaring'), json };
  }
  if (sub === 'withdraw') {
    const date = dateArgument(args, 'the day whose closure is withdrawn');
    const reason = values.reason?.trim();
    if (reason === undefined || reason === '') throw new UsageError('missing --reason: why the closure is withdrawn');
    return { kind: 'withdraw', api: apiBase(values.api), date, reason, credentials: credentialsOf(values, env, 'withdrawing'), json };
  }
  if (sub === 'sync') {
    if (args.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args[0])}`);
    if (values.reason !== undefined) throw new UsageError('--reason is for closure declare and closure withdraw');
    return { kind: 'sync', api: apiBase(values.api), credentials: credentialsOf(values, env, 'syncing'), json };
  }
  if (sub === 'list') {
    if (args.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args[0])}`);
    for (const option of ['reason', 'api-key', 'token'] as const) {
      if (values[option] !== undefined) throw new UsageError(`--${option} is for closure declare, withdraw and sync`);
    }
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year must be a four-digit year, got ${JSON.stringify(values.year)}`);
    return { kind: 'list', api: apiBase(values.api), year: values.year === undefined ? undefined : Number(values.year), json };
  }
  if (sub === undefined) throw new UsageError('missing subcommand: declare, withdraw, sync or list');
  throw new UsageError(`unknown subcommand ${JSON.stringify(sub)}: declare, withdraw, sync or list`);
}

/** The API refused, answered something unexpected, or could not be reached; exit code 1. */
class RefusedError extends Error {
  override name = 'RefusedError';
}

async function call(fetchImpl: Fetch, url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetchImpl(url, init);
  } catch (error) {
    const cause = typeof error === 'object' && error !== null && 'cause' in error ? (error as { cause?: { message?: unknown } }).cause?.message : undefined;
    throw new RefusedError(`cannot reach the API at ${url}${typeof cause === 'string' ? ` (${cause})` : ''}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new RefusedError(`the API answered ${res.status} with a body that is not JSON`);
  }
  if (!res.ok) {
    const problem = body as { title?: unknown; detail?: unknown };
    const detail = typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : 'no detail';
    throw new RefusedError(`refused (${res.status}): ${detail}`);
  }
  return { status: res.status, body };
}

async function declare(cmd: Extract<Command, { kind: 'declare' }>, fetchImpl: Fetch, out: CommandOutput): Promise<void> {
  const { status, body } = await call(fetchImpl, `${cmd.api}/api/v1/calendar/closures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...cmd.credentials },
    body: JSON.stringify({ date: cmd.date, reason: cmd.reason, ...(cmd.planned ? { kind: 'planned' } : {}) }),
  });
  const answer = closureDeclaredResponse.safeParse(body);
  if (!answer.success) throw new RefusedError(`the API answered ${status} with an unexpected body`);
  if (cmd.json) {
    out.stdout(JSON.stringify(answer.data, null, 2) + '\n');
    return;
  }
  const { declared, calendar, broadcast, changed, why } = answer.data;
  const day = `${declared.date} (${weekdayName(declared.date)})`;
  const what = declared.kind === 'planned' ? 'a planned closure day' : 'a closure day';
  const lines = changed
    ? [`Declared ${day} ${what}: ${declared.reason}.`, `The calendar is now ${calendar.calendarVersion}.`]
    : why !== undefined
      ? [`Recorded only: ${why}.`, `The calendar is ${calendar.calendarVersion}.`]
      : [`${day} was already declared ${what} (${declared.reason}); nothing changed.`, `The calendar is ${calendar.calendarVersion}.`];
  if (broadcast) {
    lines.push(
      broadcast.started
        ? `Open cases are being told by workflow ${broadcast.workflowId}.`
        : `Open cases were told by workflow ${broadcast.workflowId}.`,
    );
  }
  out.stdout(lines.join('\n') + '\n');
}

async function withdraw(cmd: Extract<Command, { kind: 'withdraw' }>, fetchImpl: Fetch, out: CommandOutput): Promise<void> {
  const { status, body } = await call(fetchImpl, `${cmd.api}/api/v1/calendar/closures/${cmd.date}`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json', ...cmd.credentials },
    body: JSON.stringify({ reason: cmd.reason }),
  });
  const answer = closureWithdrawnResponse.safeParse(body);
  if (!answer.success) throw new RefusedError(`the API answered ${status} with an unexpected body`);
  if (cmd.json) {
    out.stdout(JSON.stringify(answer.data, null, 2) + '\n');
    return;
  }
  const { withdrawn, calendar, broadcast, changed } = answer.data;
  const day = `${withdrawn.date} (${weekdayName(withdrawn.date)})`;
  const lines = changed
    ? [`Withdrew the closure of ${day} (${withdrawn.reason}): ${cmd.reason}.`, `The calendar is now ${calendar.calendarVersion}.`]
    : [`The closure of ${day} had already been withdrawn; nothing changed.`, `The calendar is ${calendar.calendarVersion}.`];
  if (broadcast) {
    lines.push(broadcast.started ? `Open cases are being told by workflow ${broadcast.workflowId}.` : `Open cases were told by workflow ${broadcast.workflowId}.`);
  }
  out.stdout(lines.join('\n') + '\n');
}

async function sync(cmd: Extract<Command, { kind: 'sync' }>, fetchImpl: Fetch, out: CommandOutput): Promise<void> {
  const { status, body } = await call(fetchImpl, `${cmd.api}/api/v1/calendar/sync`, { method: 'POST', headers: { ...cmd.credentials } });
  const answer = calendarSyncResponse.safeParse(body);
  if (!answer.success) throw new RefusedError(`the API answered ${status} with an unexpected body`);
  if (cmd.json) {
    out.stdout(JSON.stringify(answer.data, null, 2) + '\n');
    return;
  }
  const { holidays } = answer.data;
  const lines =
    holidays.broadcast?.started === true
      ? [
          `Open cases are being told of the general holiday list ${holidays.to} (they had ${holidays.from}) by workflow ${holidays.broadcast.workflowId}.`,
          ...holidays.changes.map((c) => `  ${c}`),
        ]
      : [`Open cases already have the general holiday list ${holidays.to}${holidays.broadcast ? ` (told by workflow ${holidays.broadcast.workflowId})` : ''}; nothing to broadcast.`];
  out.stdout(lines.join('\n') + '\n');
}

async function list(cmd: Extract<Command, { kind: 'list' }>, fetchImpl: Fetch, out: CommandOutput): Promise<void> {
  const query = cmd.year === undefined ? '' : `?year=${cmd.year}`;
  const { status, body } = await call(fetchImpl, `${cmd.api}/api/v1/calendar${query}`, { headers: { accept: 'application/json' } });
  const answer = calendarView.safeParse(body);
  if (!answer.success) throw new RefusedError(`the API answered ${status} with an unexpected body`);
  const { closures, calendarVersion } = answer.data;
  if (cmd.json) {
    out.stdout(JSON.stringify(closures, null, 2) + '\n');
    return;
  }
  const scope = cmd.year === undefined ? '' : ` in ${cmd.year}`;
  if (closures.length === 0) {
    out.stdout(`No closure days declared${scope} (calendar ${calendarVersion}).\n`);
    return;
  }
  const lines = [`Closure days declared${scope} (calendar ${calendarVersion}):`];
  for (const c of closures) {
    const kind = c.kind === 'planned' ? '  [planned]' : '';
    lines.push(`  ${c.date}  ${weekdayName(c.date).slice(0, 3)}  ${c.reason}${kind}  (declared ${c.declaredAt}, version ${c.closuresVersion})`);
  }
  out.stdout(lines.join('\n') + '\n');
}

/** Runs `courtflow closure …`; returns the exit code. */
export async function runClosureCommand(argv: string[], out: CommandOutput, fetchImpl: Fetch = fetch, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const cmd = parseCommand(argv, env);
    if (cmd.kind === 'help') {
      out.stdout(HELP);
      return 0;
    }
    if (cmd.kind === 'declare') await declare(cmd, fetchImpl, out);
    else if (cmd.kind === 'withdraw') await withdraw(cmd, fetchImpl, out);
    else if (cmd.kind === 'sync') await sync(cmd, fetchImpl, out);
    else await list(cmd, fetchImpl, out);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr(`courtflow closure: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RefusedError) {
      out.stderr(`courtflow closure: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
