/**
 * `GET /api/v1/sct/claims`: the cases a caller works on. A filer sees their
 * own (an individual user the cases their account is linked to a party of;
 * an organisation user the cases assigned to them); registry officers,
 * adjudicators and auditors see every case. Read from the read model, so a
 * list never waits on a workflow.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { listCases, type CaseListKey, type CaseListScope } from '../../db/case-list';
import type { Actor, Role } from '../../domain/identity/actor';
import type { Stage } from '../../domain/sct/case';
import { SCT_CASE_NUMBER_PATTERN } from '../../domain/sct/case-number';
import { hearingView, STAGE_IN_WORDS, toHearingView } from '../cause-book/operations';
import { actorOf } from '../identity/authenticate';
import { ALL_CASES_ROLES } from '../../services/case-access';
import { problemResponse, type Operation } from '../operations';
import { DEFAULT_PAGE_SIZE, cursorCodec, nextCursorSchema, pageLimit, pageOf, searchTerm } from '../paging';
import { parse } from '../validate';

export interface ListClaimsDeps {
  pool: Pool;
}

/** Who may list cases: the filers (their own) and court staff and auditors (all). */
export const CASE_LISTERS: readonly Role[] = ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'];
const STAGES = Object.keys(STAGE_IN_WORDS) as [Stage, ...Stage[]];

const isoDate = z.iso.date({ message: 'must be a calendar date in the form YYYY-MM-DD' });
const cursorKey = z.strictObject({ f: isoDate, c: z.string().regex(SCT_CASE_NUMBER_PATTERN) });

const claimsCursor = cursorCodec(
  cursorKey,
  (key: CaseListKey) => ({ f: key.filedOn, c: key.caseNo }),
  (w): CaseListKey => ({ filedOn: w.f, caseNo: w.c }),
);

export const listClaimsQuery = z
  .strictObject({
    stage: z.enum(STAGES).optional().describe(`Only cases at this stage: ${STAGES.join(', ')}`),
    party: searchTerm("A part of any party's name (claimant, represented person or defendant), in any case"),
    filedFrom: isoDate.optional().describe('Cases filed on or after this date (Hong Kong)'),
    filedTo: isoDate.optional().describe('Cases filed on or before this date (Hong Kong)'),
    limit: pageLimit('Cases'),
    cursor: claimsCursor.param('filters'),
  })
  .superRefine((q, ctx) => {
    if (q.filedFrom !== undefined && q.filedTo !== undefined && q.filedFrom > q.filedTo) {
      ctx.addIssue({ code: 'custom', path: ['filedTo'], message: 'must be on or after filedFrom', params: { rule: 'not-before-filedFrom' } });
    }
  });

const claimSummary = z
  .object({
    caseNo: z.string(),
    stage: z.enum(STAGES),
    filedOn: z.string().describe('Filing date in Hong Kong (YYYY-MM-DD)'),
    actingAs: z
      .object({
        partyId: z.string().describe('C1, D2…'),
        side: z.string().nullable().describe('claimant, represented or defendant'),
        name: z.string().nullable(),
      })
      .nullable()
      .describe('The party you act as or for in this case (filers); null for court staff and auditors'),
    claimants: z.array(z.string()).describe('Names of the claimants, in the order of the claim'),
    defendants: z.array(z.string()).describe('Names of the defendants, in the order of the claim'),
    nextHearing: hearingView.nullable().describe('The hearing fixed and awaited; null when none stands (not yet listed, heard, or ended)'),
    links: z.object({ self: z.string().describe('The case: GET it for everything else') }),
  })
  .meta({ id: 'SmallClaimSummary' });

const claimsPage = z
  .object({
    claims: z.array(claimSummary).describe('Newest filed first (filing date, then case number, descending)'),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: 'SmallClaimList' });

/**
 * Whose cases the actor lists: filers their own; the roles that see every
 * case (`ALL_CASES_ROLES`) all. Undefined, nothing: any other role (the mount
 * refuses them before this; this keeps it so if the roles declared ever
 * widen), or an organisation user with no organisation (the accounts table
 * does not allow one).
 */
function scopeOf(actor: Actor): CaseListScope | undefined {
  if (actor.role === 'individual-user') return { kind: 'individual', accountId: actor.id };
  if (actor.role === 'org-user') return actor.organisationId ? { kind: 'org-user', accountId: actor.id, organisationId: actor.organisationId } : undefined;
  return ALL_CASES_ROLES.includes(actor.role) ? { kind: 'all' } : undefined;
}

export function listClaimsOperations({ pool }: ListClaimsDeps): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/v1/sct/claims',
      operationId: 'listSmallClaims',
      summary: 'The small-claim cases you work on',
      description:
        'Individual users see the cases their account is linked to a party of; organisation users the cases their ' +
        'organisation assigned to them; registry officers, adjudicators and auditors every case. Filter by stage, party ' +
        'name (contains, any case) and filing dates. Each entry gives the case number, stage, filing date, the party you ' +
        'act as (filers), the claimants and defendants, the next hearing (Hong Kong time, with the venue) and a link to ' +
        'the case. Newest filed first; page with `nextCursor`. Read from the read model: a case just accepted may be ' +
        'missing for the moment until its workflow has projected it (GET the case by its number meanwhile).',
      tags: ['Small claims'],
      auth: CASE_LISTERS,
      query: listClaimsQuery,
      responses: {
        200: { description: 'One page of your cases', schema: claimsPage },
        400: problemResponse('A query parameter is invalid (each is named), or the cursor is not one this API gave out'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('Your role lists no cases (administrators administer, they do not file)'),
      },
      handler: async (req, res) => {
        const query = parse(listClaimsQuery, 'query', req);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const scope = scopeOf(actorOf(res));
        const filter = {
          ...(query.stage === undefined ? {} : { stage: query.stage }),
          ...(query.party === undefined ? {} : { party: query.party }),
          ...(query.filedFrom === undefined ? {} : { filedFrom: query.filedFrom }),
          ...(query.filedTo === undefined ? {} : { filedTo: query.filedTo }),
        };
        const rows = scope === undefined ? [] : await listCases(pool, scope, filter, limit + 1, query.cursor);
        const { page, nextCursor } = pageOf(rows, limit, (last) => claimsCursor.encode({ filedOn: last.filedOn, caseNo: last.caseNo }));
        res.json(
          claimsPage.parse({
            claims: page.map((r) => ({
              caseNo: r.caseNo,
              stage: r.stage,
              filedOn: r.filedOn,
              actingAs: r.actingAs,
              claimants: r.claimants,
              defendants: r.defendants,
              nextHearing: r.nextHearing && toHearingView(r.nextHearing),
              links: { self: `/api/v1/sct/claims/${r.caseNo}` },
            })),
            nextCursor,
          }),
        );
      },
    },
  ];
}
