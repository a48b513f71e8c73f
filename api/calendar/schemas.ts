/**
 * Request and response schemas for the court calendar and deadlines: the
 * single source of the routes' validation and of their OpenAPI description.
 */
import { z } from 'zod';
import { CALENDAR_POLICIES, CLOSURE_REASONS, type CalendarPolicy } from '../../domain/calendar';
import { DEADLINE_RULE_IDS } from '../../domain/deadlines';

const isoDate = z.iso.date({ message: 'must be a calendar date in the form YYYY-MM-DD' });

const policies = ['statutory', 'registry'] as const satisfies readonly CalendarPolicy[];
// The enum above must list every policy the domain knows, and no other.
const _everyPolicy: readonly (typeof policies)[number][] = CALENDAR_POLICIES;
void _everyPolicy;
const policy = z.enum(policies);

export const declareClosureBody = z
  .strictObject({
    date: isoDate.describe('The Hong Kong date on which the registry was closed'),
    reason: z
      .enum(CLOSURE_REASONS)
      .describe(
        'The Cap. 1 s.71 ground, spelt exactly as listed. Declaring the same date with the same reason again changes ' +
          'nothing; a different reason for a declared date is a correction.',
      ),
  })
  .meta({ id: 'DeclareClosure' });

export type DeclareClosureBody = z.output<typeof declareClosureBody>;

export const calendarQuery = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, 'must be a four-digit year')
    .transform(Number)
    .optional()
    .describe('Only this year (holidays and closures); default: every year the calendar covers'),
});

const closureDay = z.object({ date: z.string(), reason: z.string() }).meta({ id: 'ClosureDay' });

const declaredClosureDay = z
  .object({
    date: z.string(),
    reason: z.string(),
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
  })
  .meta({ id: 'CourtCalendar' });

export const closureDeclaredResponse = z
  .object({
    changed: z.boolean().describe('False when the same date and reason were already declared'),
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
  days: z
    .string()
    .regex(/^[1-9][0-9]{0,3}$/, 'must be a whole number of days from 1 to 9999')
    .transform(Number)
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
  .meta({ id: 'Deadline' });
