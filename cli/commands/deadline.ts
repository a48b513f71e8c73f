/**
 * `courtflow deadline <rule-id> <YYYY-MM-DD> [--api URL | --closed YYYY-MM-DD[:reason]...]
 *   [--policy statutory|registry] [--days N] [--json]`
 *
 * Computes one deadline on the court calendar and prints it in words (or as
 * JSON). With `--api` the calendar is the running system's (GET
 * /api/v1/calendar: its holiday list and every declared closure day);
 * without it, the checked-in general holidays plus the `--closed` days
 * given, and the output says so plainly. `argv` is the words after
 * `deadline`. Exit codes: 0 computed (or --help), 1 the API could not be
 * read, 2 bad input (one line on stderr naming the problem).
 */
import { parseArgs } from 'node:util';
import { argsErrorMessage } from './args';
import {
  CALENDAR_POLICIES,
  CalendarError,
  DEFAULT_CLOSURE_REASON,
  createCalendar,
  isCalendarPolicy,
  isKnownHolidaysVersion,
  validateCalendar,
  weekdayName,
  type CalendarPolicy,
  type ClosureDay,
  type CourtCalendar,
} from '../../domain/calendar';
import { calendarView } from '../../api/calendar/schemas';
import {
  DEADLINE_RULE_IDS,
  DeadlineError,
  computeDeadline,
  explainDeadline,
  type DeadlineComputation,
} from '../../domain/deadlines';

export interface CommandOutput {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const DEADLINE_USAGE =
  'usage: courtflow deadline <rule-id> <YYYY-MM-DD> [--api URL | --closed YYYY-MM-DD[:reason]...] [--policy statutory|registry] [--days N] [--json]';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

const HELP = [
  DEADLINE_USAGE,
  '',
  'Computes a Small Claims Tribunal deadline under Cap. 1 s.71 on the Hong Kong court calendar.',
  '  <rule-id>     one of: ' + DEADLINE_RULE_IDS.join(', '),
  '  <YYYY-MM-DD>  the date of the event the period runs from (not counted)',
  '  --api         a running courtflow API (e.g. http://127.0.0.1:3000): compute on its calendar, with every declared closure day',
  `  --closed      a day the registry was closed (gale or black rainstorm warning); reason defaults to "${DEFAULT_CLOSURE_REASON}"; repeatable`,
  '                without --api the computation uses the checked-in general holidays and the --closed days only, and says so',
  `  --policy      ${CALENDAR_POLICIES.join(' or ')} (default: the rule's own)`,
  '  --days        the period set by the order (sct.order-compliance)',
  '  --json        print the computation as JSON',
  '',
].join('\n');

/** A problem with the command line; reported as one line, exit code 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

interface ParsedCommand {
  api: string | undefined;
  ruleId: string;
  eventDate: string;
  closures: ClosureDay[];
  policy: CalendarPolicy | undefined;
  periodDays: number | undefined;
  json: boolean;
  help: boolean;
}

function parseRaw(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        closed: { type: 'string', multiple: true },
        api: { type: 'string' },
        policy: { type: 'string' },
        days: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const message = argsErrorMessage(error);
    throw new UsageError(`${message ?? 'bad arguments'}; ${DEADLINE_USAGE}`);
  }
}

function parseCommand(argv: string[]): ParsedCommand {
  const { values, positionals } = parseRaw(argv);
  const help = values.help === true;
  const [ruleId, eventDate, ...extra] = positionals;
  if (!help) {
    if (ruleId === undefined) throw new UsageError(`missing <rule-id> and <YYYY-MM-DD>; ${DEADLINE_USAGE}`);
    if (eventDate === undefined) throw new UsageError(`missing <YYYY-MM-DD> (the event date); ${DEADLINE_USAGE}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}; ${DEADLINE_USAGE}`);
  }
  const policy = values.policy;
  if (policy !== undefined && !isCalendarPolicy(policy)) {
    throw new UsageError(`--policy must be ${CALENDAR_POLICIES.join(' or ')}, got ${JSON.stringify(policy)}`);
  }
  let periodDays: number | undefined;
  if (values.days !== undefined) {
    if (!/^[0-9]+$/.test(values.days) || Number(values.days) < 1 || !Number.isSafeInteger(Number(values.days))) {
      throw new UsageError(`--days must be a whole number of days, at least 1, got ${JSON.stringify(values.days)}`);
    }
    periodDays = Number(values.days);
  }
  const closures = (values.closed ?? []).map((spec): ClosureDay => {
    const colon = spec.indexOf(':');
    const date = colon === -1 ? spec : spec.slice(0, colon);
    const reason = colon === -1 ? '' : spec.slice(colon + 1).trim();
    return { date, reason: reason === '' ? DEFAULT_CLOSURE_REASON : reason };
  });
  let api: string | undefined;
  if (values.api !== undefined) {
    if (closures.length > 0) throw new UsageError('--closed and --api cannot be combined: with --api the closure days are the ones declared in the running system');
    let url: URL;
    try {
      url = new URL(values.api);
    } catch {
      throw new UsageError(`--api must be a URL such as http://127.0.0.1:3000, got ${JSON.stringify(values.api)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--api must be an http or https URL, got ${JSON.stringify(values.api)}`);
    api = url.href.replace(/\/+$/, '');
  }
  return {
    api,
    ruleId: ruleId ?? '',
    eventDate: eventDate ?? '',
    closures,
    policy,
    periodDays,
    json: values.json === true,
    help,
  };
}

/** Where the calendar came from, in words: printed with every computation. */
function calendarSourceOf(cmd: ParsedCommand): string {
  if (cmd.api !== undefined) return `the running system's calendar (${cmd.api}/api/v1/calendar): general holidays and every declared closure day`;
  return cmd.closures.length === 0
    ? 'general holidays only: closure days declared in the running system are not included (use --api URL to include them)'
    : 'general holidays and the --closed days given only: closure days declared in the running system are not included (use --api URL instead)';
}

/** The API could not be read; exit code 1. */
class ApiError extends Error {
  override name = 'ApiError';
}

async function calendarFromApi(api: string, fetchImpl: Fetch): Promise<CourtCalendar> {
  const url = `${api}/api/v1/calendar`;
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    const cause = typeof error === 'object' && error !== null && 'cause' in error ? (error as { cause?: { message?: unknown } }).cause?.message : undefined;
    throw new ApiError(`cannot reach the API at ${url}${typeof cause === 'string' ? ` (${cause})` : ''}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`the API answered ${res.status} with a body that is not JSON`);
  }
  if (!res.ok) throw new ApiError(`the API answered ${res.status} for ${url}`);
  const view = calendarView.safeParse(body);
  if (!view.success) throw new ApiError(`the API answered ${res.status} with an unexpected calendar`);
  if (!isKnownHolidaysVersion(view.data.holidaysVersion)) {
    throw new ApiError(`the API's general holiday list ${view.data.holidaysVersion} is not one this courtflow knows: update it to compute on that calendar`);
  }
  const calendar: CourtCalendar = {
    holidaysVersion: view.data.holidaysVersion,
    closures: view.data.closures.map((c) => ({ date: c.date, reason: c.reason, ...(c.kind === 'planned' ? { kind: 'planned' as const } : {}) })),
    closuresVersion: view.data.closuresVersion,
  };
  validateCalendar(calendar);
  return calendar;
}

function renderText(c: DeadlineComputation, source: string): string {
  const rows: Array<[string, string]> = [
    ['Rule', c.rule],
    ['Basis', c.basis],
    ['Event', `${c.from} (${weekdayName(c.from)}), ${c.trigger}`],
    ['Period', `${c.periodDays} days`],
    ['Policy', c.policy],
    ['Unextended', `${c.unextendedDue} (${weekdayName(c.unextendedDue)})`],
    ['Due', `${c.due} (${weekdayName(c.due)})`],
    ['Calendar', c.calendarVersion],
    ['Computed on', source],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [explainDeadline(c), '', ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`), ''];
  if (c.extensions.length === 0) {
    lines.push('Days skipped: none');
  } else {
    lines.push('Days skipped:');
    for (const e of c.extensions) {
      lines.push(`  ${e.date}  ${weekdayName(e.date).slice(0, 3)}  ${e.kind.padEnd(11)}  ${e.reason}`);
    }
  }
  return lines.join('\n') + '\n';
}

function compute(cmd: ParsedCommand, calendar: CourtCalendar, out: CommandOutput): number {
  const computation = computeDeadline(cmd.ruleId, cmd.eventDate, {
    calendar,
    ...(cmd.policy !== undefined ? { policy: cmd.policy } : {}),
    ...(cmd.periodDays !== undefined ? { periodDays: cmd.periodDays } : {}),
  });
  const source = calendarSourceOf(cmd);
  out.stdout(cmd.json ? JSON.stringify({ ...computation, computedOn: source }, null, 2) + '\n' : renderText(computation, source));
  return 0;
}

function failed(error: unknown, out: CommandOutput): number {
  if (error instanceof UsageError || error instanceof CalendarError || error instanceof DeadlineError) {
    out.stderr(`courtflow deadline: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ApiError) {
    out.stderr(`courtflow deadline: ${error.message}\n`);
    return 1;
  }
  throw error;
}

/**
 * Runs `courtflow deadline …`; returns the exit code: at once without
 * `--api`, as a promise with it (the calendar is read first).
 */
export function runDeadlineCommand(argv: string[], out: CommandOutput, fetchImpl: Fetch = fetch): number | Promise<number> {
  let cmd: ParsedCommand;
  try {
    cmd = parseCommand(argv);
    if (cmd.help) {
      out.stdout(HELP);
      return 0;
    }
    if (cmd.api === undefined) return compute(cmd, createCalendar(cmd.closures), out);
  } catch (error) {
    return failed(error, out);
  }
  const parsed = cmd;
  return calendarFromApi(cmd.api, fetchImpl).then(
    (calendar) => {
      try {
        return compute(parsed, calendar, out);
      } catch (error) {
        return failed(error, out);
      }
    },
    (error: unknown) => failed(error, out),
  );
}
