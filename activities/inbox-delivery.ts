/**
 * Delivering a message to an account's inbox: rendered in the account's
 * language, stored exactly as sent (subject, body, the facts it states and
 * the bytes of each attachment, papers rendered here), once.
 *
 * Once means once per account and dedupe key (by default the message's
 * business key, `dedupeKeyOf`): a retried delivery, or an activity replayed by
 * its workflow, finds the first and stores nothing. The first stands even if
 * the account has changed its language since. The same key with other facts
 * is a mistake in the caller and is refused, never silently dropped.
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { Actor } from '../domain/identity/actor';
import { ATTACHMENT_NAME, dedupeKeyOf, INBOX_DELIVERY_REFUSED, renderMessage, type InboxMessage } from '../domain/inbox/messages';
import { appendAudit } from '../db/audit-log';
import {
  findMessage,
  findMessageByDedupeKey,
  insertAttachment,
  insertMessage,
  preferredLanguageOf,
  sameKindAndFacts,
  type InboxMessageRow,
  type NewAttachment,
} from '../db/inbox';
import { inTransaction } from '../db/pool';
import { makePaper, type PaperRequest } from '../papers/papers';

export { INBOX_DELIVERY_REFUSED };

const refused = (message: string) => ApplicationFailure.create({ type: INBOX_DELIVERY_REFUSED, message, nonRetryable: true });

/** Who delivers: a workflow's system actor, or a test's. */
export interface Sender {
  actor: Actor;
}

export interface InboxDeps {
  pool: Pool;
}

/** An attachment to send: a paper courtflow renders now, or bytes made elsewhere. */
export type AttachmentSource =
  | { paper: PaperRequest; name?: string }
  | { name: string; contentType: string; bytes: Uint8Array };

export interface Delivery {
  accountId: string;
  message: InboxMessage;
  attachments?: readonly AttachmentSource[];
  /** Only where one message's business key is not enough (defaults to `dedupeKeyOf(message)`). */
  dedupeKey?: string;
}

export interface Delivered {
  message: InboxMessageRow;
  /** False when the account already had this message: nothing was stored. */
  delivered: boolean;
}


const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function materialise(source: AttachmentSource): Promise<NewAttachment> {
  if ('paper' in source) {
    const paper = await makePaper(source.paper);
    return {
      name: source.name ?? paper.fileName,
      contentType: paper.contentType,
      content: paper.bytes,
      sha256: sha256Hex(paper.bytes),
      paper: { kind: paper.kind, version: paper.version },
    };
  }
  return { name: source.name, contentType: source.contentType, content: source.bytes, sha256: sha256Hex(source.bytes) };
}

function checkNames(attachments: readonly NewAttachment[]): void {
  const seen = new Set<string>();
  attachments.forEach((a, i) => {
    if (!ATTACHMENT_NAME.test(a.name)) throw refused(`attachments[${i}].name must match ${ATTACHMENT_NAME.source}`);
    if (seen.has(a.name)) throw refused(`attachments[${i}].name ${a.name} is used by another attachment of the message`);
    seen.add(a.name);
  });
}

/** The first delivery under the key, provided it states what this one does. */
async function already(deps: InboxDeps, first: InboxMessageRow, delivery: Delivery): Promise<Delivered> {
  if (!(await sameKindAndFacts(deps.pool, first.id, delivery.message.kind, delivery.message.facts))) {
    throw refused(`The account already has a ${first.kind} message under ${first.dedupeKey}, stating other facts; a message is never replaced`);
  }
  return { message: first, delivered: false };
}

/** Delivers a message to an account once (see the module's comment). */
export async function deliver(deps: InboxDeps, sender: Sender, delivery: Delivery): Promise<Delivered> {
  const { accountId, message } = delivery;
  const dedupeKey = delivery.dedupeKey ?? dedupeKeyOf(message);
  const language = await preferredLanguageOf(deps.pool, accountId);
  if (language === undefined) throw refused(`Account ${accountId} does not exist`);

  // A retry ends here, before rendering anything.
  const first = await findMessageByDedupeKey(deps.pool, accountId, dedupeKey);
  if (first) return already(deps, first, delivery);

  const { subject, body } = renderMessage(message, language);
  const attachments = await Promise.all((delivery.attachments ?? []).map(materialise));
  checkNames(attachments);

  const id = await inTransaction(deps.pool, async (tx) => {
    const inserted = await insertMessage(tx, { accountId, kind: message.kind, language, subject, body, facts: message.facts, dedupeKey });
    if (inserted === undefined) return undefined; // delivered meanwhile by a concurrent attempt
    for (const [position, attachment] of attachments.entries()) await insertAttachment(tx, inserted, position, attachment);
    await appendAudit(
      tx,
      {
        actor: { id: sender.actor.id, role: sender.actor.role },
        action: 'inbox.delivered',
        target: `account:${accountId}`,
        after: { messageId: inserted, kind: message.kind, dedupeKey, language, attachments: attachments.map((a) => ({ name: a.name, sha256: a.sha256 })) },
      },
    );
    return inserted;
  });
  if (id === undefined) {
    const winner = await findMessageByDedupeKey(deps.pool, accountId, dedupeKey);
    if (!winner) throw new Error(`inbox: ${dedupeKey} neither inserted nor found`);
    return already(deps, winner, delivery);
  }
  const stored = await findMessage(deps.pool, accountId, id);
  if (!stored) throw new Error(`inbox: message ${id} not found after it was stored`);
  return { message: stored, delivered: true };
}
