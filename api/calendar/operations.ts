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
import { calendarSnapshot, type CalendarSnapshot } from '../../db/court-calendar';
import { noteAudit } from '../audit';
import { problemResponse, type Operation } from '../operations';
import { parse } from '../validate';
import { declareClosure, type CalendarDeps } from '../../services/calendar/declare-closure';
import { callerOf } from '../steps/step-operations';
import { calendarProblem, coverageProblem, unknownRuleProblem } from './problems';
import {
  calendarQuery,
  calendarSummary,
  calendarView,
  closureDeclaredResponse,
  declareClosureBody,
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

function viewOf({ calendar, closures }: CalendarSnapshot, year: number | undefined) {
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
      .map((c) => ({ date: c.date, reason: c.reason, declaredAt: c.declaredAt, closuresVersion: c.closuresVersion })),
  };
}

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
        res.json(calendarView.parse(viewOf(await calendarSnapshot(deps.pool), year)));
      },
    },
    {
      method: 'post',
      path: `${CALENDAR_PATH}/closures`,
      operationId: 'declareClosureDay',
      summary: 'Declare a closure day (gale or black rainstorm warning, Cap. 1 s.71)',
      description:
        'A registry officer records that the registries were closed on `date`; every deadline whose last day it is runs ' +
        'on to the next open day. The calendar version goes up by one and a broadcast workflow tells every open case. ' +
        'The same date and reason again is answered 200 and changes nothing; a different reason for a declared date is a ' +
        'correction (201, new version, new broadcast).',
      tags: ['Calendar'],
      auth: ['registry-officer'],
      idempotency: 'replay',
      body: declareClosureBody,
      responses: {
        201: { description: 'Declared: the new calendar and the broadcast to open cases', schema: closureDeclaredResponse },
        200: { description: 'Already declared with this reason: nothing changed', schema: closureDeclaredResponse },
        400: problemResponse('The body is invalid; each bad field is named'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('The caller is not a registry officer'),
        422: problemResponse("The date is outside the court calendar's coverage"),
        503: problemResponse('Recorded, but the broadcast could not be started: repeat the same declaration'),
      },
      handler: async (req, res) => {
        const closure = parse(declareClosureBody, 'body', req);
        const { calendar, changed, broadcast } = await declareClosure(deps, callerOf(res), closure).catch((err: unknown) => {
          throw calendarProblem(err, { date: 'date' }) ?? err;
        });
        noteAudit(res, {
          target: `calendar:closure:${closure.date}`,
          after: { date: closure.date, reason: closure.reason, changed, closuresVersion: calendar.closuresVersion },
        });
        res
          .status(changed ? 201 : 200)
          .location(`${CALENDAR_PATH}?year=${closure.date.slice(0, 4)}`)
          .json(
            closureDeclaredResponse.parse({
              changed,
              declared: { date: closure.date, reason: closure.reason },
              calendar: calendarSummary.parse({ ...versions(calendar), closures: calendar.closures }),
              broadcast,
              links: { calendar: CALENDAR_PATH },
            }),
          );
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
