/**
 * The public cause book: which cases are listed, between whom, and when they
 * are heard. Public (no sign-in), never audited, and it shows only the
 * public part of a case: its number, court and type, the names of the
 * claimants and defendants, the hearing date and time (Hong Kong time) and
 * venue, and its stage in plain words. The parties' addresses, amounts,
 * represented persons and everything else in a case stay behind `GET /api/v1/sct/claims/{caseNo}`.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { searchCauseBook, type CauseBookKey } from '../../db/cause-book';
import type { Stage } from '../../domain/sct/case';
import { SCT_CASE_NUMBER_PATTERN } from '../../domain/sct/case-number';
import { inHongKongTime, SCT_VENUE } from '../../domain/sct/tribunal';
import { problemResponse, type Operation } from '../operations';
import { DEFAULT_PAGE_SIZE, cursorCodec, nextCursorSchema, pageLimit, pageOf, searchTerm } from '../paging';
import { parse } from '../validate';

export interface CauseBookDeps {
  pool: Pool;
}

export const CAUSE_BOOK_PATH = '/api/v1/cause-book';

/** Each stage as the public reads it. An unpaid award reads as decided: whether it was paid is not public. */
export const STAGE_IN_WORDS: Record<Stage, string> = {
  'awaiting-hearing': 'Hearing fixed',
  'awaiting-listing': 'Awaiting a hearing date',
  'awaiting-outcome': 'Heard; decision awaited',
  decided: 'Decided',
  enforceable: 'Decided',
  transferred: 'Transferred to another court or tribunal',
  closed: 'Closed',
};

const isoDate = z.iso.date({ message: 'must be a calendar date in the form YYYY-MM-DD' });
const caseNoPattern = new RegExp(SCT_CASE_NUMBER_PATTERN.source, 'i');

const cursorKey = z.strictObject({
  d: z.union([isoDate, z.null()]),
  c: z.string().regex(SCT_CASE_NUMBER_PATTERN),
});

const causeBookCursor = cursorCodec(
  cursorKey,
  (key: CauseBookKey) => ({ d: key.hearingDate, c: key.caseNo }),
  (w): CauseBookKey => ({ hearingDate: w.d, caseNo: w.c }),
);

export const causeBookQuery = z
  .strictObject({
    caseNo: z
      .string()
      .regex(caseNoPattern, 'must look like SCTC-2026-000123')
      .transform((s) => s.toUpperCase())
      .optional()
      .describe('Exactly this case number, e.g. SCTC-2026-000123'),
    party: searchTerm("A part of a claimant's or defendant's name, in any case (`wong` finds Wong Siu Ming)"),
    hearingFrom: isoDate.optional().describe('Hearings on or after this date'),
    hearingTo: isoDate.optional().describe('Hearings on or before this date'),
    court: z.enum(['SCT']).default('SCT').describe('The court or tribunal: SCT (Small Claims Tribunal), the only one listed so far'),
    caseType: z.enum(['small-claim']).default('small-claim').describe('The type of case: small-claim, the only one listed so far'),
    limit: pageLimit('Entries'),
    cursor: causeBookCursor.param('filters'),
  })
  .superRefine((q, ctx) => {
    if (q.hearingFrom !== undefined && q.hearingTo !== undefined && q.hearingFrom > q.hearingTo) {
      ctx.addIssue({ code: 'custom', path: ['hearingTo'], message: 'must be on or after hearingFrom', params: { rule: 'not-before-hearingFrom' } });
    }
  });

const localisedText = z
  .object({ en: z.string(), 'zh-Hant': z.string().describe('Traditional Chinese') })
  .meta({ id: 'LocalisedText' });

export const venueView = z
  .object({
    tribunal: localisedText.describe('The court or tribunal sitting there'),
    building: localisedText,
    address: localisedText,
  })
  .meta({ id: 'Venue' });

/** A hearing as people read it: Hong Kong date and time, the instant with its +08:00 offset, and where. */
export const hearingView = z
  .object({
    date: z.string().describe('Hong Kong calendar date, YYYY-MM-DD'),
    time: z.string().describe('Hong Kong local time the list begins, HH:MM (24-hour), e.g. 09:30'),
    startsAt: z.string().describe('The same instant in ISO 8601 with the Hong Kong offset, e.g. 2026-12-14T09:30:00+08:00'),
    venue: venueView,
  })
  .meta({ id: 'ListedHearing' });

/** A hearing row (its date and its start as an instant) as `hearingView`, at the Small Claims Tribunal's venue. */
export function toHearingView(hearing: { date: string; startsAt: string | Date }): z.infer<typeof hearingView> {
  const local = inHongKongTime(new Date(hearing.startsAt).getTime());
  return { date: hearing.date, time: local.time, startsAt: local.startsAt, venue: SCT_VENUE };
}

const causeBookEntry = z
  .object({
    caseNo: z.string(),
    court: z.enum(['SCT']),
    caseType: z.enum(['small-claim']),
    claimants: z.array(z.string()).describe('Names of the claimants, in the order of the claim'),
    defendants: z.array(z.string()).describe('Names of the defendants, in the order of the claim'),
    hearing: hearingView.nullable().describe('The hearing fixed or held; null while no date stands'),
    stage: z.string().describe('Where the case stands, in plain words'),
  })
  .meta({ id: 'CauseBookEntry' });

const causeBookPage = z
  .object({
    entries: z.array(causeBookEntry).describe('By hearing date (cases with no date fixed last), then case number'),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: 'CauseBookPage' });

export function causeBookOperations({ pool }: CauseBookDeps): Operation[] {
  return [
    {
      method: 'get',
      path: CAUSE_BOOK_PATH,
      operationId: 'searchCauseBook',
      summary: 'The cause book: cases and their hearings, for the public',
      description:
        'Search by case number, party name (contains, any case) and hearing dates. Shows the case number, court, type, ' +
        "the claimants' and defendants' names, the hearing (its date, its time in Hong Kong, the instant with +08:00, and " +
        "the venue, in English and Traditional Chinese) and the stage in plain words; never the parties' addresses " +
        'or amounts. Ordered by hearing date, then case number; page with `nextCursor`. Public.',
      tags: ['Cause book'],
      auth: 'public',
      query: causeBookQuery,
      responses: {
        200: { description: 'One page of the cause book', schema: causeBookPage },
        400: problemResponse('A query parameter is invalid (each is named), or the cursor is not one this API gave out'),
      },
      handler: async (req, res) => {
        const query = parse(causeBookQuery, 'query', req);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await searchCauseBook(
          pool,
          {
            ...(query.caseNo === undefined ? {} : { caseNo: query.caseNo }),
            ...(query.party === undefined ? {} : { party: query.party }),
            ...(query.hearingFrom === undefined ? {} : { hearingFrom: query.hearingFrom }),
            ...(query.hearingTo === undefined ? {} : { hearingTo: query.hearingTo }),
          },
          limit + 1,
          query.cursor,
        );
        const { page, nextCursor } = pageOf(rows, limit, (last) => causeBookCursor.encode({ hearingDate: last.hearing?.date ?? null, caseNo: last.caseNo }));
        res.json(
          causeBookPage.parse({
            entries: page.map((r) => ({
              caseNo: r.caseNo,
              court: query.court,
              caseType: query.caseType,
              claimants: r.claimants,
              defendants: r.defendants,
              hearing: r.hearing && toHearingView(r.hearing),
              stage: STAGE_IN_WORDS[r.stage],
            })),
            nextCursor,
          }),
        );
      },
    },
  ];
}
