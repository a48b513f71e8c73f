/** Court calendar and deadline routes: thin declarations over the calendar store and the deadline engine. */
import {
  CALENDAR_COVERAGE,
  CALENDAR_POLICIES,
  CALENDAR_POLICY_DESCRIPTIONS,
  CalendarCoverageError,
  HK_GENERAL_HOLIDAYS,
  calendarVersion,
  type CourtCalendar,
} from '../../domain/calendar';
import {
  computeDeadline,
  explainDeadline,
  isDeadlineRuleId,
  UnknownRuleError,
  type DeadlineComputation,
} from '../../domain/deadlines';
import { calendarChanges, calendarSnapshot, type CalendarChangeRecord, type CalendarSnapshot } from '../../db/court-calendar';
import { noteAudit } from '../audit';
import { problemResponse, type Operation } from '../operations';
import { parse } from '../validate';
import { declareClosure, withdrawClosure, type CalendarDeps } from '../../services/calendar/declare-closure';
import { ensureCalendarBroadcast } from '../../services/calendar/broadcast';
import { callerOf } from '../steps/step-operations';
import { calendarProblem, coverageProblem, unknownRuleProblem } from './problems';
import {
  calendarQuery,
  calendarSummary,
  calendarSyncResponse,
  calendarView,
  closureDateParams,
  closureDeclaredResponse,
  closureWithdrawnResponse,
  declareClosureBody,
  withdrawClosureBody,
  deadlineParams,
  deadlineQuery,
  deadlineResponse,
} from './schemas';

const CALENDAR_PATH = '/api/v1/calendar';

const versions = (calendar: CourtCalendar) => ({
  calendarVersion: calendarVersion(calendar),
  holidaysVersion: calendar.holidaysVersion,
  closuresVersion: calendar.closuresVersion,
});

function viewOf({ calendar, closures, holidaysBroadcastVersion }: CalendarSnapshot, changes: CalendarChangeRecord[], year: number | undefined) {
  const years = HK_GENERAL_HOLIDAYS.filter((y) => year === undefined || y.year === year);
  if (year !== undefined && years.length === 0) {
    throw coverageProblem(new CalendarCoverageError(`${year}-01-01`, `no holiday list for ${year}`), 'year');
  }
  return {
    ...versions(calendar),
    coverage: CALENDAR_COVERAGE,
    policies: CALENDAR_POLICIES.map((id) => ({ id, description: CALENDAR_POLICY_DESCRIPTIONS[id] })),
    years: years.map((y) => ({ year: y.year, provisional: y.provisional, source: y.source, holidays: y.holidays })),
    closures: closures
      .filter((c) => year === undefined || c.date.startsWith(`${year}-`))
      .map((c) => ({ date: c.date, reason: c.reason, kind: c.kind ?? 'warning', declaredAt: c.declaredAt, closuresVersion: c.closuresVersion })),
    holidaysToldToCases: holidaysBroadcastVersion,
    // Public: what changed and why, never who (the audit log has that).
    changes: changes.map(({ by: _by, ...change }) => change),
  };
}

const summaryOf = (calendar: CourtCalendar) => calendarSummary.parse({ ...versions(calendar), closures: calendar.closures });

export function calendarOperations(deps: CalendarDeps): Operation[] {
  return [
    {
      method: 'get',
      path: CALENDAR_PATH,
      operationId: 'getCourtCalendar',
      summary: 'The court calendar: general holidays, declared closure days and the calendar policies',
      description:
        'Gazetted general holidays (Cap. 149) of every covered year, or of `year`, the closure days registry officers ' +
        'declared (gale or black rainstorm warning, Cap. 1 s.71), the calendar version every deadline records, and what ' +
        'each calendar policy skips. Public.',
      tags: ['Calendar'],
      auth: 'public',
      query: calendarQuery,
      responses: {
        200: { description: 'The calendar in force', schema: calendarView },
        400: problemResponse('The year is malformed'),
        422: problemResponse("The year is outside the calendar's coverage"),
      },
      handler: async (req, res) => {
        const { year } = parse(calendarQuery, 'query', req);
        const [snapshot, changes] = await Promise.all([calendarSnapshot(deps.pool), calendarChanges(deps.pool, year)]);
        res.json(calendarView.parse(viewOf(snapshot, changes, year)));
      },
    },
    {
      method: 'post',
      path: `${CALENDAR_PATH}/closures`,
      operationId: 'declareClosureDay',
      summary: 'Declare a closure day (gale or black rainstorm warning, Cap. 1 s.71; or a planned closure)',
      description:
        'A registry officer records that the registries were closed on `date`; every deadline whose last day it is runs ' +
        'on to the next open day. The calendar version goes up by one and a broadcast workflow tells every open case. ' +
        'A warning day is a fact: a date after today (Hong Kong) is refused with 422 `closure-in-future`; a closure ordered ' +
        'in advance is declared with `kind: "planned"` and a reason naming the order (it counts under the registry policy only). ' +
        'A day that already does not count (a Sunday, a general holiday) is recorded only: 200, `changed: false` and `why`. ' +
        'The same date and reason again is answered 200 and changes nothing; a different reason for a declared date is a ' +
        'correction (201, new version, new broadcast).',
      tags: ['Calendar'],
      auth: ['registry-officer'],
      idempotency: 'replay',
      body: declareClosureBody,
      responses: {
        201: { description: 'Declared: the new calendar and the broadcast to open cases', schema: closureDeclaredResponse },
        200: { description: 'Already declared with this reason, or the day already does not count (recorded): nothing changed', schema: closureDeclaredResponse },
        400: problemResponse('The body is invalid; each bad field is named'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('The caller is not a registry officer'),
        422: problemResponse("A warning day after today (closure-in-future), or a date outside the court calendar's coverage"),
        503: problemResponse('Recorded, but the broadcast could not be started: repeat the same declaration'),
      },
      handler: async (req, res) => {
        const body = parse(declareClosureBody, 'body', req);
        const closure = { date: body.date, reason: body.reason, ...(body.kind === 'planned' ? { kind: 'planned' as const } : {}) };
        const { calendar, changed, alreadyClosed, broadcast } = await declareClosure(deps, callerOf(res), closure).catch((err: unknown) => {
          throw calendarProblem(err, { date: 'date' }) ?? err;
        });
        const why =
          alreadyClosed === undefined
            ? undefined
            : `${closure.date} is already a day that does not count (${alreadyClosed}): the closure is recorded only; no deadline and no calendar version changed`;
        noteAudit(res, {
          target: `calendar:closure:${closure.date}`,
          after: { date: closure.date, reason: closure.reason, kind: body.kind ?? 'warning', changed, closuresVersion: calendar.closuresVersion, ...(why ? { why } : {}) },
        });
        res
          .status(changed ? 201 : 200)
          .location(`${CALENDAR_PATH}?year=${closure.date.slice(0, 4)}`)
          .json(
            closureDeclaredResponse.parse({
              changed,
              ...(why ? { why } : {}),
              declared: closure,
              calendar: summaryOf(calendar),
              broadcast,
              links: { calendar: CALENDAR_PATH },
            }),
          );
      },
    },
    {
      method: 'delete',
      path: `${CALENDAR_PATH}/closures/:date`,
      operationId: 'withdrawClosureDay',
      summary: 'Withdraw a closure day declared by mistake (the reason in the body)',
      description:
        'A registry officer withdraws the closure declared for `date`, giving the reason. It is a calendar change like a ' +
        'declaration: the closures version goes up by one and a broadcast tells every open case, whose deadlines return to ' +
        'what they would be without the closure (each move recorded with the reason). A hearing the closure vacated is not ' +
        'restored: the case stays awaiting listing and its history says why. The declaration and the withdrawal both stay ' +
        'in the calendar history. Withdrawing again is answered 200 and changes nothing.',
      tags: ['Calendar'],
      auth: ['registry-officer'],
      idempotency: 'replay',
      params: closureDateParams,
      body: withdrawClosureBody,
      responses: {
        201: { description: 'Withdrawn: the new calendar and the broadcast to open cases', schema: closureWithdrawnResponse },
        200: { description: 'Already withdrawn: nothing changed', schema: closureWithdrawnResponse },
        400: problemResponse('The date or the body is invalid; each bad field is named'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('The caller is not a registry officer'),
        404: problemResponse('No closure was ever declared for that date'),
        503: problemResponse('Recorded, but the broadcast could not be started: repeat the same request'),
      },
      handler: async (req, res) => {
        const { date } = parse(closureDateParams, 'path', req);
        const { reason } = parse(withdrawClosureBody, 'body', req);
        const { calendar, changed, withdrawn, broadcast } = await withdrawClosure(deps, callerOf(res), date, reason).catch((err: unknown) => {
          throw calendarProblem(err, { date: 'date' }) ?? err;
        });
        noteAudit(res, {
          target: `calendar:closure:${date}`,
          before: { date, reason: withdrawn.reason, kind: withdrawn.kind ?? 'warning' },
          after: { withdrawn: true, reason, changed, closuresVersion: calendar.closuresVersion },
        });
        res
          .status(changed ? 201 : 200)
          .location(`${CALENDAR_PATH}?year=${date.slice(0, 4)}`)
          .json(closureWithdrawnResponse.parse({ changed, withdrawn, reason, calendar: summaryOf(calendar), broadcast, links: { calendar: CALENDAR_PATH } }));
      },
    },
    {
      method: 'post',
      path: `${CALENDAR_PATH}/sync`,
      operationId: 'syncCourtCalendar',
      summary: 'Tell running cases of any calendar change not yet broadcast (a new holiday list, a closure change)',
      description:
        'Starts what is missing: the broadcast of the holiday list in force when running cases were told of an older one ' +
        '(a provisional year replaced by its Gazette notice, a year added), and of the newest closure change. Each under its ' +
        'business key, so repeating it starts nothing twice. The API does the same on start.',
      tags: ['Calendar'],
      auth: ['registry-officer'],
      responses: {
        200: { description: 'What was (or had already been) broadcast', schema: calendarSyncResponse },
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('The caller is not a registry officer'),
      },
      handler: async (_req, res) => {
        const sync = await ensureCalendarBroadcast(deps);
        noteAudit(res, { target: 'calendar:sync', after: { holidays: sync.holidays.to, started: sync.holidays.broadcast?.started ?? false } });
        res.json(calendarSyncResponse.parse(sync));
      },
    },
    {
      method: 'get',
      path: '/api/v1/deadlines/:rule',
      operationId: 'computeDeadline',
      summary: 'When is it due, and why: one deadline on the court calendar in force',
      description:
        'Computes the deadline of `rule` for an event on `from` under Cap. 1 s.71, on the gazetted holidays and the ' +
        'declared closure days, and explains every day it skipped. Public.',
      tags: ['Calendar'],
      auth: 'public',
      params: deadlineParams,
      query: deadlineQuery,
      responses: {
        200: { description: 'The computation and its explanation', schema: deadlineResponse },
        400: problemResponse('from, policy or days is invalid (each named)'),
        404: problemResponse('No such rule; the problem lists the valid rule ids'),
        422: problemResponse("The date, or a day the computation reaches, is outside the court calendar's coverage"),
      },
      handler: async (req, res) => {
        const { rule } = parse(deadlineParams, 'path', req);
        if (!isDeadlineRuleId(rule)) throw unknownRuleProblem(new UnknownRuleError(rule));
        const query = parse(deadlineQuery, 'query', req);
        const calendar = await deps.calendar();
        let computation: DeadlineComputation;
        try {
          computation = computeDeadline(rule, query.from, {
            calendar,
            ...(query.policy !== undefined ? { policy: query.policy } : {}),
            ...(query.days !== undefined ? { periodDays: query.days } : {}),
          });
        } catch (err) {
          throw calendarProblem(err, { date: 'from', days: 'days' }) ?? err;
        }
        res.json(deadlineResponse.parse({ ...computation, explanation: explainDeadline(computation) }));
      },
    },
  ];
}
