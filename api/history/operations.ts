/**
 * The history of a case or a filing as a timeline, read from its Temporal
 * event history across every run: who did what, when, for whom, on which
 * provision, and the periods each change set, moved or closed. Paged. Thin:
 * parse, call the use-case, answer.
 */
import type { Role } from '../../domain/identity/actor';
import { caseTimeline, filingTimeline, type HistoryDeps, type TimelinePage } from '../../services/history/case-history';
import { DEFAULT_PAGE_SIZE } from '../paging';
import { problemResponse, type Operation } from '../operations';
import { filingParams } from '../filing/schemas';
import { caseNoParams } from '../sct/schemas';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';
import { timelineCursor, timelinePage, timelineQuery } from './schemas';

/** Who may read a history: whoever may read the case itself (a party only their own). */
const READERS: readonly Role[] = ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'];
const TAGS = ['Case histories'];

const answer = (page: TimelinePage) => ({
  reference: page.reference,
  runs: page.runs,
  entries: page.entries,
  nextCursor: page.next === null ? null : timelineCursor.encode(page.next),
});

const responses = (what: string) => ({
  200: { description: 'The timeline, oldest first', schema: timelinePage },
  400: problemResponse(`The ${what}, the limit or the cursor is malformed`),
  404: problemResponse(`No such ${what}, or not one you may see`),
});

export function historyOperations(deps: HistoryDeps): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/v1/cases/:caseNo/history',
      operationId: 'getCaseHistory',
      summary: "A small claim's history as a timeline, from its event history",
      description:
        'Every record the case made, oldest first, across every run of its workflow: when, who and for which party, the step and the ' +
        'provision it rests on, and the periods each version set, moved or closed. Auditors and court staff see every case; a party their own. Each read is audited.',
      tags: TAGS,
      auth: READERS,
      refuseAs: 'not-found',
      params: caseNoParams,
      query: timelineQuery,
      responses: responses('case'),
      handler: async (req, res) => {
        const { caseNo } = parse(caseNoParams, 'path', req);
        const { limit, cursor } = parse(timelineQuery, 'query', req);
        res.json(answer(await caseTimeline(deps, callerOf(res), caseNo, cursor ?? 0, limit ?? DEFAULT_PAGE_SIZE)));
      },
    },
    {
      method: 'get',
      path: '/api/v1/filings/:reference/history',
      operationId: 'getFilingHistory',
      summary: "A filing's history as a timeline, from its event history",
      description: 'As for a case: every record the filing made, with who, for whom, the step, its provision and the periods set, moved or closed.',
      tags: TAGS,
      auth: READERS,
      refuseAs: 'not-found',
      params: filingParams,
      query: timelineQuery,
      responses: responses('filing'),
      handler: async (req, res) => {
        const { reference } = parse(filingParams, 'path', req);
        const { limit, cursor } = parse(timelineQuery, 'query', req);
        res.json(answer(await filingTimeline(deps, callerOf(res), reference, cursor ?? 0, limit ?? DEFAULT_PAGE_SIZE)));
      },
    },
  ];
}
