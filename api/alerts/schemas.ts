/** The deadline alerts a case or filing raised, as its view shows them (domain/alerts). */
import { z } from 'zod';

export const deadlineMove = z
  .object({ from: z.string(), to: z.string(), on: z.string(), because: z.string() })
  .describe('The last day moved while the period ran: from, to, on which day, and why')
  .meta({ id: 'DeadlineMove' });

const leadTime = z.union([
  z.object({ kind: z.literal('before'), workingDays: z.number().int() }),
  z.object({ kind: z.literal('due-day') }),
  z.object({ kind: z.literal('missed') }),
]);

export const deadlineAlert = z
  .object({
    key: z.string().describe('<deadline key>@<last day>#<lead>: unique in the process, new whenever the last day moves'),
    deadlineKey: z.string(),
    rule: z.string(),
    basis: z.string(),
    description: z.string(),
    lead: leadTime.describe('So many working days before the last day, the last day itself, or the day after it when nothing was done'),
    due: z.string(),
    plannedAt: z.string().describe('The instant the alert was due (09:00 Hong Kong time; 00:00 the day after the last day for a missed one)'),
    raisedAt: z.string(),
    owner: z.string().describe('Who must act: a role, a party id or any-party'),
    audience: z.enum(['owner', 'owner-and-registry']),
    reason: z.string(),
    moved: z.object({ from: z.string(), because: z.string() }).nullable(),
    deliveredAt: z.string().nullable().describe('When it reached its recipients (inbox, and email and webhooks as each chose); null while owed'),
  })
  .meta({ id: 'DeadlineAlert' });

export const deadlineAlerts = z.array(deadlineAlert).optional().describe('Alerts raised about its deadlines, at the lead times of each rule (see the README, "Deadline alerts")');
