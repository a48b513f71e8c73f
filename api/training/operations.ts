/**
 * The court's clock: GET for anyone (the console shows a training stack's
 * banner and simulated date from it), and, on a training stack only, a
 * registry officer or an adjudicator moving it on.
 */
import { z } from 'zod';
import { courtTime, moveCourtClock, type CourtTimeDeps } from '../../services/training/court-time';
import { noteAudit } from '../audit';
import { problemResponse, type Operation } from '../operations';
import { parse } from '../validate';

const CLOCK_PATH = '/api/v1/court-clock';

/** The longest move by days at once: a small claim's longest run of periods is well inside it. */
export const MAX_MOVE_DAYS = 120;

const courtEvent = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('hearing'), caseNo: z.string(), at: z.iso.datetime().describe('When the hearing begins') }),
    z.object({
      kind: z.literal('period-ends'),
      caseNo: z.string(),
      at: z.iso.datetime().describe('The first moment after the period’s last day'),
      key: z.string(),
      rule: z.string(),
      basis: z.string().describe('The statutory basis of the period'),
      due: z.iso.date().describe('The period’s last day'),
    }),
  ])
  .meta({ id: 'CourtEvent' });

const courtTimeResponse = z
  .object({
    training: z.boolean().describe('True on a training stack (`courtflow start --training`): its clock is simulated and nothing in it is real'),
    now: z.iso.datetime().describe("The court's time (on a training stack, the simulated clock the cases run on)"),
    today: z.iso.date().describe("Today's date in Hong Kong by that clock"),
    nextEvent: courtEvent.nullable().describe('Training only: the next hearing or end of a period a move to the next event would reach'),
  })
  .meta({ id: 'CourtTime' });

const clockMovedResponse = courtTimeResponse
  .extend({
    movedFrom: z.iso.datetime(),
    reached: courtEvent.nullable().describe('The event moved to, for a move to the next event'),
  })
  .meta({ id: 'ClockMoved' });

export const moveClockBody = z
  .union([
    z.strictObject({ to: z.literal('next-event').describe('A minute past the next hearing or end of a period') }),
    z.strictObject({ days: z.number().int().min(1).max(MAX_MOVE_DAYS).describe(`Whole days, 1 to ${MAX_MOVE_DAYS}`) }),
  ])
  .meta({ id: 'MoveCourtClock' });

export function courtClockOperations(deps: CourtTimeDeps): Operation[] {
  return [
    {
      method: 'get',
      path: CLOCK_PATH,
      operationId: 'getCourtTime',
      summary: "The court's time, and whether this is a training stack",
      description: 'Public. On a training stack, also the next event a registry officer or adjudicator can move the clock to.',
      tags: ['Training'],
      auth: 'public',
      responses: { 200: { description: "The court's time", schema: courtTimeResponse } },
      handler: async (_req, res) => {
        res.json(courtTimeResponse.parse(await courtTime(deps)));
      },
    },
    {
      method: 'post',
      path: `${CLOCK_PATH}/advance`,
      operationId: 'moveCourtClock',
      summary: 'Training: move the simulated court clock on, to the next event or by days',
      description:
        'Only on a training stack (`courtflow start --training`); a real stack answers 409 `not-training`. `{"to": "next-event"}` ' +
        'moves to a minute past the next hearing or end of a period (409 `no-court-event` when no case waits on the clock); ' +
        `\`{"days": n}\` moves on n whole days (1 to ${MAX_MOVE_DAYS}). Every case timer due on the way fires, in order.`,
      tags: ['Training'],
      auth: ['registry-officer', 'adjudicator'],
      body: moveClockBody,
      responses: {
        200: { description: 'Moved: the new time and the next event', schema: clockMovedResponse },
        400: problemResponse('The body is invalid; each bad field is named'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('The caller is neither a registry officer nor an adjudicator'),
        409: problemResponse('Not a training stack (not-training), or no case waits on the clock (no-court-event)'),
      },
      handler: async (req, res) => {
        const move = parse(moveClockBody, 'body', req);
        const moved = await moveCourtClock(deps, move);
        noteAudit(res, { target: 'court-clock', before: { now: moved.movedFrom }, after: { now: moved.now, ...(moved.reached ? { reached: moved.reached } : {}) } });
        res.json(clockMovedResponse.parse(moved));
      },
    },
  ];
}
