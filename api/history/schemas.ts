/** A case's or filing's timeline: requests and answers (zod: their types and their OpenAPI entries). */
import { z } from 'zod';
import { cursorCodec, nextCursorSchema, pageLimit } from '../paging';

/** The timeline's paging key: the position of the previous page's last entry. */
export const timelineCursor = cursorCodec(
  z.strictObject({ n: z.number().int().min(1).max(1_000_000) }),
  (n: number) => ({ n }),
  (wire) => wire.n,
);

export const timelineQuery = z.strictObject({
  limit: pageLimit('Entries'),
  cursor: timelineCursor.param('case or filing'),
});

const deadlineChange = z.object({
  key: z.string(),
  rule: z.string(),
  basis: z.string().describe('The provision and Cap. 1 s.71 rule it was computed under'),
  due: z.string(),
  from: z.string().optional().describe('For a move: the last day before'),
  status: z.string().optional().describe('For a close: met, lapsed or superseded'),
  outcome: z.string().nullable().optional(),
});

const entry = z
  .object({
    n: z.number().int().describe('Position in the timeline, from 1'),
    at: z.string(),
    runId: z.string().describe('The workflow run it was seen in (a case that continued as new has several)'),
    eventId: z.string().describe('The event of that run it was seen in'),
    version: z.number().int(),
    event: z.string(),
    detail: z.string(),
    actor: z.object({ id: z.string(), role: z.string(), name: z.string() }).nullable().describe('Who; null for what the case did by itself (a timer, a calendar change)'),
    onBehalfOf: z.string().nullable().describe('The party the actor acted as or for'),
    step: z.string().nullable(),
    basis: z.string().nullable().describe('The provision the step rests on'),
    deadlines: z.object({ set: z.array(deadlineChange), moved: z.array(deadlineChange), closed: z.array(deadlineChange) }).describe('The periods this version set, moved or closed'),
  })
  .meta({ id: 'TimelineEntry' });

export const timelinePage = z
  .object({
    reference: z.string(),
    runs: z.number().int().describe('How many workflow runs the history spans'),
    entries: z.array(entry),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: 'Timeline' });
