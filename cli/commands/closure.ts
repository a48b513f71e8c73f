/**
 * `courtflow closure declare <YYYY-MM-DD> --reason <reason> [--api URL] [--api-key KEY | --token TOKEN] [--json]`
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
import { calendarView, closureDeclaredResponse } from '../../api/calendar/schemas';
import type { CommandOutput } from './deadline';

export const CLOSURE_USAGE = [
  'usage: courtflow closure declare <YYYY-MM-DD> --reason <reason> [--api URL] [--api-key KEY | --token TOKEN] [--json]',
  '       courtflow closure list [--year YYYY] [--api URL] [--json]',
].join('\n');

export const DEFAULT_API = 'http://127.0.0.1:3000';

const HELP = [
  CLOSURE_USAGE,
  '',
  'Declares a day the registries were closed (Cap. 1 s.71), or lists the declared days, through the courtflow API.',
  `  --reason   one of: ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')}`,
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
  | { kind: 'declare'; api: string; date: string; reason: string; credentials: Record<string, string>; json: boolean }
  | { kind: 'list'; api: string; year: number | undefined; json: boolean };

function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  const { values, positionals } = parseRaw(argv);
  if (values.help === true) return { kind: 'help' };
  const [sub, ...args] = positionals;
  const json = values.json === true;
  if (sub === 'declare') {
    const [date, ...extra] = args;
    if (date === undefined) throw new UsageError('missing <YYYY-MM-DD>, the day the registry was closed');
    if (!isIsoDate(date)) throw new UsageError(`${JSON.stringify(date)} is not a calendar date in the form YYYY-MM-DD`);
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    if (values.year !== undefined) throw new UsageError('--year is for closure list');
    const reason = values.reason?.trim();
    if (reason === undefined || reason === '') throw new UsageError(`missing --reason: one of ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')}`);
    if (!isClosureReason(reason)) {
      throw new UsageError(`--reason must be one of ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')}; got ${JSON.stringify(reason)}`);
    }
    // A flag beats the environment; with neither flag, an API key beats a token.
    const flagged = values['api-key'] !== undefined || values.token !== undefined;
    const apiKey = (values['api-key'] ?? (flagged ? '' : env.COURTFLOW_API_KEY) ?? '').trim();
    const token = (values.token ?? (flagged ? '' : env.COURTFLOW_TOKEN) ?? '').trim();
    const credentials: Record<string, string> | undefined = apiKey ? { 'X-Api-Key': apiKey } : token ? { authorization: `Bearer ${token}` } : undefined;
    if (!credentials) throw new UsageError('declaring needs a registry officer\'s credentials: --api-key (or COURTFLOW_API_KEY) or --token (or COURTFLOW_TOKEN)');
    return { kind: 'declare', api: apiBase(values.api), date, reason, credentials, json };
  }
  if (sub === 'list') {
    if (args.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args[0])}`);
    for (const option of ['reason', 'api-key', 'token'] as const) {
      if (values[option] !== undefined) throw new UsageError(`--${option} is for closure declare`);
    }
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year must be a four-digit year, got ${JSON.stringify(values.year)}`);
    return { kind: 'list', api: apiBase(values.api), year: values.year === undefined ? undefined : Number(values.year), json };
  }
  if (sub === undefined) throw new UsageError('missing subcommand: declare or list');
  throw new UsageError(`unknown subcommand ${JSON.stringify(sub)}: declare or list`);
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
    body: JSON.stringify({ date: cmd.date, reason: cmd.reason }),
  });
  const answer = closureDeclaredResponse.safeParse(body);
  if (!answer.success) throw new RefusedError(`the API answered ${status} with an unexpected body`);
  if (cmd.json) {
    out.stdout(JSON.stringify(answer.data, null, 2) + '\n');
    return;
  }
  const { declared, calendar, broadcast, changed } = answer.data;
  const day = `${declared.date} (${weekdayName(declared.date)})`;
  const lines = changed
    ? [`Declared ${day} a closure day: ${declared.reason}.`, `The calendar is now ${calendar.calendarVersion}.`]
    : [`${day} was already declared a closure day (${declared.reason}); nothing changed.`, `The calendar is ${calendar.calendarVersion}.`];
  if (broadcast) {
    lines.push(
      broadcast.started
        ? `Open cases are being told by workflow ${broadcast.workflowId}.`
        : `Open cases were told by workflow ${broadcast.workflowId}.`,
    );
  }
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
    lines.push(`  ${c.date}  ${weekdayName(c.date).slice(0, 3)}  ${c.reason}  (declared ${c.declaredAt}, version ${c.closuresVersion})`);
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
