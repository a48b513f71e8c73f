/** The daily digest's requests and answers (zod: the single source of their types and their OpenAPI entries). */
import { z } from 'zod';

export const digestPreviewQuery = z.strictObject({
  horizon: z.coerce.number().int().min(0).max(20).default(3).describe('Working days "due soon" looks ahead'),
});

export const digestNoteBody = z.strictObject({
  note: z.string().trim().min(1, 'say why').max(500).describe('Why: kept on the schedule and in the audit log'),
});

const digestLine = z.object({ itemId: z.string(), reference: z.string(), title: z.string(), due: z.string(), heldBy: z.string().nullable() });
const digestSection = z.object({ count: z.number().int(), items: z.array(digestLine) });
const digestSections = z.object({ overdue: digestSection, dueToday: digestSection, dueSoon: digestSection });

export const digestPreview = z
  .object({
    digest: z.object({
      date: z.string(),
      role: z.enum(['registry-officer', 'adjudicator']),
      horizonEnd: z.string(),
      horizonWorkingDays: z.number().int(),
      mine: digestSections.describe('What you hold (claimed from the work queue)'),
      courts: z.array(z.object({ court: z.string(), sections: digestSections })),
    }),
    language: z.enum(['en', 'zh-Hant']),
    subject: z.string(),
    body: z.string().describe('The words the digest email and inbox message carry'),
  })
  .meta({ id: 'DigestPreview' });

export const digestScheduleState = z
  .object({
    scheduleId: z.string(),
    when: z.string(),
    catchupWindow: z.string(),
    paused: z.boolean(),
    note: z.string().nullable(),
    nextRuns: z.array(z.string()),
    recentRuns: z.array(z.object({ scheduledAt: z.string(), startedAt: z.string(), workflowId: z.string() })),
  })
  .meta({ id: 'DigestSchedule' });
