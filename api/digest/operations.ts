/**
 * The daily digest: an officer's digest as it stands now, and the Temporal
 * Schedule that sends it each morning (read by staff and auditors; paused,
 * resumed and triggered by registry officers). Thin: parse, call the
 * use-case, answer.
 */
import type { Client } from '@temporalio/client';
import type { Role } from '../../domain/identity/actor';
import { previewDigest, type DigestPreviewDeps } from '../../services/digest/preview';
import { digestSchedule, setDigestPaused, triggerDigest } from '../../services/digest/schedule';
import { noteAudit } from '../audit';
import { problemResponse, type Operation } from '../operations';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';
import { digestNoteBody, digestPreview, digestPreviewQuery, digestScheduleState } from './schemas';

const BASE = '/api/v1/digest';
const TAGS = ['Daily digest'];
const OFFICERS: readonly Role[] = ['registry-officer', 'adjudicator'];
const READERS: readonly Role[] = ['registry-officer', 'adjudicator', 'auditor'];
const REGISTRY: readonly Role[] = ['registry-officer'];

const scheduleResponses = {
  200: { description: 'The schedule: paused or not, the note, the next runs and the recent ones', schema: digestScheduleState },
  404: problemResponse('No schedule yet: a worker creates it when it starts'),
};

export function digestOperations(deps: DigestPreviewDeps & { temporal: Client }): Operation[] {
  const pauseOrResume = (paused: boolean): Operation => ({
    method: 'post',
    path: `${BASE}/schedule/${paused ? 'pause' : 'unpause'}`,
    operationId: paused ? 'pauseDigest' : 'unpauseDigest',
    summary: paused ? 'Pause the daily digest (with a note saying why)' : 'Resume the daily digest',
    tags: TAGS,
    auth: REGISTRY,
    body: digestNoteBody,
    responses: { ...scheduleResponses, 400: problemResponse('The note is missing or too long') },
    handler: async (req, res) => {
      const { note } = parse(digestNoteBody, 'body', req);
      const state = await setDigestPaused(deps.temporal, callerOf(res), paused, note);
      noteAudit(res, { target: `schedule:${state.scheduleId}`, after: { paused: state.paused, note: state.note } });
      res.json(state);
    },
  });
  return [
    {
      method: 'get',
      path: `${BASE}/today`,
      operationId: 'previewDigest',
      summary: 'Your digest as it stands now: overdue, due today, due soon, by court and what you hold',
      description: 'The same items and words as the digest sent each morning at 07:30 Hong Kong time, in your language.',
      tags: TAGS,
      auth: OFFICERS,
      query: digestPreviewQuery,
      responses: { 200: { description: 'The digest', schema: digestPreview }, 400: problemResponse('The horizon is not a whole number from 0 to 20') },
      handler: async (req, res) => {
        const { horizon } = parse(digestPreviewQuery, 'query', req);
        res.json(await previewDigest(deps, callerOf(res), horizon));
      },
    },
    {
      method: 'get',
      path: `${BASE}/schedule`,
      operationId: 'getDigestSchedule',
      summary: "The daily digest's schedule: when, paused or not, next and recent runs",
      tags: TAGS,
      auth: READERS,
      responses: scheduleResponses,
      handler: async (_req, res) => {
        res.json(await digestSchedule(deps.temporal));
      },
    },
    pauseOrResume(true),
    pauseOrResume(false),
    {
      method: 'post',
      path: `${BASE}/schedule/trigger`,
      operationId: 'triggerDigest',
      summary: "Send today's digest now",
      description: "Starts today's run at once (after a pause or an outage longer than the catch-up window). Nobody who already has today's digest is sent it again.",
      tags: TAGS,
      auth: REGISTRY,
      responses: scheduleResponses,
      handler: async (_req, res) => {
        const state = await triggerDigest(deps.temporal);
        noteAudit(res, { target: `schedule:${state.scheduleId}`, after: { triggered: true } });
        res.json(state);
      },
    },
  ];
}
