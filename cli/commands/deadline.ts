/**
 * `courtflow deadline <rule-id> <YYYY-MM-DD> [--closed YYYY-MM-DD[:reason]]...
 *   [--policy statutory|registry] [--days N] [--json]`
 *
 * Computes one deadline on the court calendar and prints it in words (or as
 * JSON). `argv` is the words after `deadline`. Exit codes: 0 computed (or
 * --help), 2 bad input (one line on stderr naming the problem).
 */
import { parseArgs } from 'node:util';
import { argsErrorMessage } from './args';
import {
  CALENDAR_POLICIES,
  CalendarError,
  DEFAULT_CLOSURE_REASON,
  createCalendar,
  isCalendarPolicy,
  weekdayName,
  type CalendarPolicy,
  type ClosureDay,
} from '../../domain/calendar';
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
  'usage: courtflow deadline <rule-id> <YYYY-MM-DD> [--closed YYYY-MM-DD[:reason]]... [--policy statutory|registry] [--days N] [--json]';

const HELP = [
  DEADLINE_USAGE,
  '',
  'Computes a Small Claims Tribunal deadline under Cap. 1 s.71 on the Hong Kong court calendar.',
  '  <rule-id>     one of: ' + DEADLINE_RULE_IDS.join(', '),
  '  <YYYY-MM-DD>  the date of the event the period runs from (not counted)',
  `  --closed      a day the registry was closed (gale or black rainstorm warning); reason defaults to "${DEFAULT_CLOSURE_REASON}"; repeatable`,
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
  return {
    ruleId: ruleId ?? '',
    eventDate: eventDate ?? '',
    closures,
    policy,
    periodDays,
    json: values.json === true,
    help,
  };
}

function renderText(c: DeadlineComputation): string {
  const rows: Array<[string, string]> = [
    ['Rule', c.rule],
    ['Basis', c.basis],
    ['Event', `${c.from} (${weekdayName(c.from)}), ${c.trigger}`],
    ['Period', `${c.periodDays} days`],
    ['Policy', c.policy],
    ['Unextended', `${c.unextendedDue} (${weekdayName(c.unextendedDue)})`],
    ['Due', `${c.due} (${weekdayName(c.due)})`],
    ['Calendar', c.calendarVersion],
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

/** Runs `courtflow deadline …`; returns the exit code. */
export function runDeadlineCommand(argv: string[], out: CommandOutput): number {
  try {
    const cmd = parseCommand(argv);
    if (cmd.help) {
      out.stdout(HELP);
      return 0;
    }
    const computation = computeDeadline(cmd.ruleId, cmd.eventDate, {
      calendar: createCalendar(cmd.closures),
      ...(cmd.policy !== undefined ? { policy: cmd.policy } : {}),
      ...(cmd.periodDays !== undefined ? { periodDays: cmd.periodDays } : {}),
    });
    out.stdout(cmd.json ? JSON.stringify(computation, null, 2) + '\n' : renderText(computation));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof CalendarError || error instanceof DeadlineError) {
      out.stderr(`courtflow deadline: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
