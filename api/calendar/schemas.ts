/**
 * Request and response schemas for the court calendar and deadlines: the
 * single source of the routes' validation and of their OpenAPI description.
 */
import { z } from 'zod';
import { CALENDAR_POLICIES, CLOSURE_KINDS, CLOSURE_REASONS, isClosureReason, type CalendarPolicy } from '../../domain/calendar';
import { DEADLINE_RULE_IDS } from '../../domain/deadlines';

const isoDate = z.iso.date({ message: 'must be a calendar date in the form YYYY-MM-DD' });

const policies = ['statutory', 'registry'] as const satisfies readonly CalendarPolicy[];
// The enum above must list every policy the domain knows, and no other.
const _everyPolicy: readonly (typeof policies)[number][] = CALENDAR_POLICIES;
void _everyPolicy;
const policy = z.enum(policies);

const closureKind = z.enum(CLOSURE_KINDS);

export const declareClosureBody = z
  .strictObject({
    date: isoDate.describe(
      'The Hong Kong date on which the registry was closed. A warning day must be today or earlier (it is a fact); a planned closure may be in the future.',
    ),
    kind: closureKind
      .optional()
      .describe(
        '`warning` (default): a gale or black rainstorm warning closed the registries; counts under both calendar policies ' +
          '(Cap. 1 s.71(1) and (1A)). `planned`: the registries are closed by order, announced in advance; a closure day ' +
          'for the office (s.71(1A)), so it counts under the registry policy only.',
      ),
    reason: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .describe(
        `For a warning, the Cap. 1 s.71 ground, spelt exactly as listed: ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')}. ` +
          'For a planned closure, the order and why (e.g. "registry closed by order of the Chief Judge: office move"). ' +
          'Declaring the same date with the same kind and reason again changes nothing; another reason for a declared date is a correction.',
      ),
  })
  .superRefine((body, ctx) => {
    if ((body.kind ?? 'warning') === 'warning' && !isClosureReason(body.reason)) {
      ctx.addIssue({
        code: 'invalid_value',
        values: [...CLOSURE_REASONS],
        input: body.reason,
        path: ['reason'],
        message: `a warning closure's reason must be one of ${CLOSURE_REASONS.map((r) => JSON.stringify(r)).join(', ')} (or declare kind "planned")`,
      });
    }
  })
  .meta({ id: 'DeclareClosure' });

export const closureDateParams = z.strictObject({
  date: isoDate.describe('The date of the declared closure'),
});

export const withdrawClosureBody = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1, 'must not be empty: say why the closure is withdrawn')
      .max(500, 'must be at most 500 characters')
      .describe('Why the closure is withdrawn (e.g. "declared for the wrong day: the warning was on 15 July"); recorded and shown to every open case'),
  })
  .meta({ id: 'WithdrawClosure' });

export type DeclareClosureBody = z.output<typeof declareClosureBody>;

/**
 * A whole number in the query string: `digits` as the number they write, so
 * the schema (and /openapi.json) is the integer from `min` to `max`.
 */
const wholeNumber = (digits: RegExp, min: number, max: number, rule: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && digits.test(value) ? Number(value) : value),
    z.number({ error: rule }).int(rule).min(min, rule).max(max, rule),
  );

export const calendarQuery = z.strictObject({
  year: wholeNumber(/^[0-9]{4}$/, 1000, 9999, 'must be a four-digit year')
    .optional()
    .describe('Only this year (holidays and closures); default: every year the calendar covers'),
});

const closureDay = z.object({ date: z.string(), reason: z.string(), kind: closureKind.optional().describe('Absent: warning') }).meta({ id: 'ClosureDay' });

const declaredClosureDay = z
  .object({
    date: z.string(),
    reason: z.string(),
    kind: closureKind,
    declaredAt: z.string().describe('When it was declared (or last corrected), ISO instant'),
    closuresVersion: z.number().int().describe('The closures version this declaration produced'),
  })
  .meta({ id: 'DeclaredClosureDay' });

const calendarVersionFields = {
  calendarVersion: z.string().describe('The version recorded on every deadline computed on this calendar, e.g. hk-gazette-2028.1+closures.3'),
  holidaysVersion: z.string(),
  closuresVersion: z.number().int().describe('0 with no closures; +1 for each effective change'),
};

/** The calendar value cases compute on: holiday list version and closure days. */
export const calendarSummary = z.object({ ...calendarVersionFields, closures: z.array(closureDay) }).meta({ id: 'CourtCalendarSummary' });

export const calendarView = z
  .object({
    ...calendarVersionFields,
    coverage: z.object({ from: z.string(), to: z.string() }).describe('The first and last day the calendar can answer for'),
    policies: z.array(z.object({ id: policy, description: z.string() })),
    years: z.array(
      z.object({
        year: z.number().int(),
        provisional: z.boolean().describe('Computed under Cap. 149, not yet checked against its Gazette notice'),
        source: z.string(),
        holidays: z.array(z.object({ date: z.string(), name: z.string() })).describe('Gazetted general holidays; every Sunday is one too and is not listed'),
      }),
    ),
    closures: z.array(declaredClosureDay),
    holidaysToldToCases: z
      .string()
      .describe('The holiday list version running cases were last told of; when older than holidaysVersion, a broadcast is due (on start, or POST /api/v1/calendar/sync)'),
    changes: z
      .array(
        z.object({
          change: z.enum(['declared', 'corrected', 'withdrawn', 'recorded', 'holidays']),
          date: z.string().nullable(),
          reason: z.string().nullable(),
          kind: closureKind.nullable(),
          note: z.string().nullable().describe('Why withdrawn, why a record changed nothing, or what a new holiday list changed'),
          at: z.string(),
          closuresVersion: z.number().int().nullable(),
          holidaysVersion: z.string().nullable(),
        }),
      )
      .describe(
        'The history of the calendar: every declaration, correction, withdrawal, record and new holiday list, oldest first. ' +
          'Public, so it names no officer: who acted is in the audit log.',
      ),
  })
  .meta({ id: 'CourtCalendar' });

const broadcastRef = z
  .object({
    workflowId: z.string().describe('The broadcast that carries this calendar to every open case'),
    started: z.boolean().describe('True when this request started it'),
  })
  .nullable();

export const closureWithdrawnResponse = z
  .object({
    changed: z.boolean().describe('False when it had already been withdrawn'),
    withdrawn: closureDay.describe('The closure as it was declared'),
    reason: z.string().describe('Why it was withdrawn'),
    calendar: z.lazy(() => calendarSummary),
    broadcast: broadcastRef,
    links: z.object({ calendar: z.string() }),
  })
  .meta({ id: 'ClosureWithdrawn' });

export const calendarSyncResponse = z
  .object({
    holidays: z.object({
      from: z.string().describe('The holiday list running cases had been told of'),
      to: z.string().describe('The list in force in this code'),
      changes: z.array(z.string()),
      broadcast: broadcastRef,
    }),
    closures: broadcastRef.describe('The newest closure broadcast'),
  })
  .meta({ id: 'CalendarSync' });

export const closureDeclaredResponse = z
  .object({
    changed: z.boolean().describe('False when the same date and reason were already declared, or the day already does not count'),
    why: z.string().optional().describe('When nothing changed because the day already does not count: why (a Sunday, a general holiday)'),
    declared: closureDay,
    calendar: calendarSummary,
    broadcast: z
      .object({
        workflowId: z.string().describe('The broadcast that carries this calendar to every open case'),
        started: z.boolean().describe('True when this request started it'),
      })
      .nullable(),
    links: z.object({ calendar: z.string() }),
  })
  .meta({ id: 'ClosureDeclared' });

export const deadlineParams = z.object({
  rule: z.string().max(100).describe(`A deadline rule: ${DEADLINE_RULE_IDS.join(', ')}`),
});

export const deadlineQuery = z.strictObject({
  from: isoDate.describe('The date of the event the period runs from (not counted)'),
  policy: policy.optional().describe("statutory or registry; default: the rule's own"),
  days: wholeNumber(/^[1-9][0-9]{0,3}$/, 1, 9999, 'must be a whole number of days from 1 to 9999')
    .optional()
    .describe('The period an order sets (sct.order-compliance only)'),
});

export const deadlineResponse = z
  .object({
    rule: z.string(),
    basis: z.string(),
    description: z.string(),
    trigger: z.string(),
    from: z.string(),
    periodDays: z.number().int(),
    policy,
    unextendedDue: z.string().describe('from + periodDays, before any day is skipped'),
    due: z.string().describe('The last day on which the act is in time'),
    extensions: z.array(
      z.object({ date: z.string(), reason: z.string(), kind: z.enum(['extended', 'not-counted']) }),
    ),
    calendarVersion: z.string(),
    explanation: z.string().describe('The computation in one English paragraph'),
  })
  .meta({ id: 'DeadlineComputation' });
