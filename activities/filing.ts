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
import { buffer } from 'node:stream/consumers';
import type { DocumentStore } from '../db/document-store/store';
import { findDocument } from '../db/documents';
import { INBOX_DELIVERY_REFUSED } from '../domain/inbox/messages';
import { deliver, type AttachmentSource } from './inbox-delivery';

const FILING_SYSTEM = { actor: { id: 'system:filing', role: 'system' as const, name: 'iCMS filing' } };

const isDataError = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown }).code ?? ''));

/** The bytes of the filer's upload, as the court endorses it (the approved draft, the sealed writ). */
async function originalOf(pool: Pool, documents: DocumentStore | undefined, uploadId: string): Promise<Uint8Array> {
  const record = await findDocument(pool, uploadId);
  if (!record) throw ApplicationFailure.create({ type: INBOX_DELIVERY_REFUSED, message: `upload ${uploadId} is not in the document register`, nonRetryable: true });
  if (!documents) throw new Error('no document store is configured: the endorsed writ cannot be made');
  return buffer(await documents.get(record.storeKey));
}

export function createFilingActivities({ pool, documents }: { pool: Pool; documents?: DocumentStore }) {
  const attachmentsOf = async (owed: Omit<OwedMessage, 'deliveredAt'>): Promise<AttachmentSource[]> => {
    const { message, paper } = owed;
    if (owed.attachAcknowledgement && message.kind === 'filing-acknowledged') return [{ paper: { kind: 'filing-acknowledgement', facts: message.facts } }];
    if (paper?.kind === 'payment-receipt' && message.kind === 'payment-received') return [{ paper: { kind: 'payment-receipt', facts: message.facts } }];
    if (paper?.kind === 'approved-draft') return [{ paper: { kind: 'approved-draft', facts: paper.facts, original: await originalOf(pool, documents, paper.uploadId) } }];
    if (paper?.kind === 'sealed-writ') return [{ paper: { kind: 'sealed-writ', facts: paper.facts, original: await originalOf(pool, documents, paper.uploadId) } }];
    return [];
  };
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
      await deliver({ pool }, FILING_SYSTEM, { accountId: owed.accountId, message: owed.message, attachments: await attachmentsOf(owed), dedupeKey: owed.key });
    },
  };
}
