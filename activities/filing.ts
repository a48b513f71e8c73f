/**
 * The filing workflow's side effects: its read model, and the messages it
 * owes the filer, delivered through the inbox (the acknowledgement with its
 * PDF, rendered from the acknowledgement's own facts).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { FilingView, OwedMessage } from '../domain/filing';
import { PROJECTION_DATA_ERROR } from '../domain/read-model';
import { projectFilingReadModel } from '../db/filings';
import { inTransaction } from '../db/pool';
import { deliver } from './inbox-delivery';

const FILING_SYSTEM = { actor: { id: 'system:filing', role: 'system' as const, name: 'iCMS filing' } };

const isDataError = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown }).code ?? ''));

export function createFilingActivities({ pool }: { pool: Pool }) {
  return {
    async projectFiling(view: FilingView): Promise<void> {
      try {
        await inTransaction(pool, (tx) => projectFilingReadModel(tx, view));
      } catch (err) {
        if (!isDataError(err)) throw err;
        throw ApplicationFailure.create({ type: PROJECTION_DATA_ERROR, message: `the read model refused version ${view.version} of ${view.reference}: ${String(err)}`, nonRetryable: true });
      }
    },

    async deliverFilingMessage(owed: Omit<OwedMessage, 'deliveredAt'>): Promise<void> {
      const attachments = owed.attachAcknowledgement && owed.message.kind === 'filing-acknowledged' ? [{ paper: { kind: 'filing-acknowledgement' as const, facts: owed.message.facts } }] : [];
      await deliver({ pool }, FILING_SYSTEM, { accountId: owed.accountId, message: owed.message, attachments, dedupeKey: owed.key });
    },
  };
}
