/**
 * The inbox (「訊息匣」) and the language it is written in: thin routes over the
 * inbox use-cases. Every signed-in account has an inbox and sees only its
 * own: another account's message, or an attachment of one, answers 404 as a
 * message that does not exist would.
 */
import type { Pool } from 'pg';
import { listInbox, markMessage, readAttachment, readMessage } from '../../services/inbox/read';
import { languageOf, setLanguage } from '../../services/inbox/language';
import { noteAudit } from '../audit';
import { attachmentHeader } from '../documents/content-disposition';
import { problemResponse, SIGNED_IN, type Operation } from '../operations';
import { DEFAULT_PAGE_SIZE } from '../paging';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';
import {
  attachmentContent,
  attachmentParams,
  inboxCursor,
  inboxPage,
  inboxQuery,
  languageBody,
  languageView,
  messageIdParams,
  messageView,
  toSummary,
  toView,
} from './schemas';

export interface InboxOperationDeps {
  pool: Pool;
}

const TAG = ['Inbox'];
const unauthenticated = problemResponse('No credentials, or they are not valid');
const noSuchMessage = problemResponse('No such message in your inbox (another account\'s message is not yours to see)');

export function inboxOperations(deps: InboxOperationDeps): Operation[] {
  const markAs = (read: boolean): Operation => ({
    method: 'post',
    path: `/api/v1/inbox/:messageId/${read ? 'read' : 'unread'}`,
    operationId: read ? 'markInboxMessageRead' : 'markInboxMessageUnread',
    auth: SIGNED_IN,
    summary: read ? 'Mark one of your messages read' : 'Mark one of your messages unread again',
    description: read
      ? 'Keeps the time it was first marked read. Marking a read message read again changes nothing. No body.'
      : 'Clears its read time, so it counts as unread again. No body.',
    tags: TAG,
    params: messageIdParams,
    responses: { 200: { description: 'The message as it now stands', schema: messageView }, 401: unauthenticated, 404: noSuchMessage },
    handler: async (req, res) => {
      const { messageId } = parse(messageIdParams, 'path', req);
      const message = await markMessage(deps, callerOf(res), messageId, read);
      noteAudit(res, { action: read ? 'inbox.marked-read' : 'inbox.marked-unread', target: `inbox-message:${messageId}`, after: { readAt: message.readAt } });
      res.json(messageView.parse(toView(message)));
    },
  });

  return [
    {
      method: 'get',
      path: '/api/v1/inbox',
      operationId: 'listInbox',
      auth: SIGNED_IN,
      summary: 'Your inbox: the messages sent to you, newest first',
      description:
        'Acknowledgements of your filings, confirmations, approved drafts and orders, sealed documents, defects found in ' +
        'documents you filed, and notices, each in the language your account had when it was sent (see ' +
        '`PUT /api/v1/me/language`) and exactly as it was sent. `unread=true` lists only those not yet marked read; ' +
        '`unreadCount` counts them whatever the page. Page with `nextCursor`.',
      tags: TAG,
      query: inboxQuery,
      responses: {
        200: { description: 'One page of your messages', schema: inboxPage },
        400: problemResponse('A query parameter is invalid (each is named), or the cursor is not one this API gave out'),
        401: unauthenticated,
      },
      handler: async (req, res) => {
        const query = parse(inboxQuery, 'query', req);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const page = await listInbox(deps, callerOf(res), {
          unreadOnly: query.unread ?? false,
          limit,
          ...(query.cursor === undefined ? {} : { beforeSeq: query.cursor }),
        });
        const last = page.messages.at(-1);
        res.json(
          inboxPage.parse({
            messages: page.messages.map(toSummary),
            unreadCount: page.unreadCount,
            nextCursor: page.more && last ? inboxCursor.encode(last.seq) : null,
          }),
        );
      },
    },
    {
      method: 'get',
      path: '/api/v1/inbox/:messageId',
      operationId: 'getInboxMessage',
      auth: SIGNED_IN,
      summary: 'One of your messages, exactly as it was sent',
      description: 'Its subject and body as sent, the facts it states, and its attachments. Reading it does not mark it read.',
      tags: TAG,
      params: messageIdParams,
      responses: { 200: { description: 'The message', schema: messageView }, 401: unauthenticated, 404: noSuchMessage },
      handler: async (req, res) => {
        const { messageId } = parse(messageIdParams, 'path', req);
        res.json(messageView.parse(toView(await readMessage(deps, callerOf(res), messageId))));
      },
    },
    markAs(true),
    markAs(false),
    {
      method: 'get',
      path: '/api/v1/inbox/:messageId/attachments/:name',
      operationId: 'downloadInboxAttachment',
      auth: SIGNED_IN,
      summary: 'Download an attachment of one of your messages (the acknowledgement PDF…)',
      description:
        'The bytes exactly as they were sent: their SHA-256 is the one listed with the message, and `Repr-Digest` ' +
        '(RFC 9530) carries it too.',
      tags: TAG,
      params: attachmentParams,
      responses: {
        200: { description: 'The attachment', schema: attachmentContent, contentType: 'application/pdf' },
        401: unauthenticated,
        404: problemResponse('No such attachment of a message in your inbox'),
      },
      handler: async (req, res) => {
        const { messageId, name } = parse(attachmentParams, 'path', req);
        const { meta, content } = await readAttachment(deps, callerOf(res), messageId, name);
        res
          .status(200)
          .set({
            'Content-Type': meta.contentType,
            'Content-Length': String(content.byteLength),
            'Content-Disposition': attachmentHeader(meta.name),
            'Repr-Digest': `sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`,
          })
          .send(content);
      },
    },
    {
      method: 'get',
      path: '/api/v1/me/language',
      operationId: 'getMyLanguage',
      auth: SIGNED_IN,
      summary: 'The language your messages are written in',
      tags: TAG,
      responses: { 200: { description: 'Your language', schema: languageView }, 401: unauthenticated },
      handler: async (_req, res) => {
        res.json(languageView.parse({ language: await languageOf(deps, callerOf(res)) }));
      },
    },
    {
      method: 'put',
      path: '/api/v1/me/language',
      operationId: 'setMyLanguage',
      auth: SIGNED_IN,
      summary: 'Choose the language your messages are written in: English or Traditional Chinese',
      description: 'Applies to messages sent from now on; those already in your inbox stay exactly as they were sent.',
      tags: TAG,
      body: languageBody,
      responses: {
        200: { description: 'Your language, as now set', schema: languageView },
        400: problemResponse('The body is invalid: `language` must be `en` or `zh-Hant`'),
        401: unauthenticated,
      },
      handler: async (req, res) => {
        const { language } = parse(languageBody, 'body', req);
        const caller = callerOf(res);
        const { before } = await setLanguage(deps, caller, language);
        noteAudit(res, { action: 'account.language-set', target: `account:${caller.actor.id}`, before: { language: before }, after: { language } });
        res.json(languageView.parse({ language }));
      },
    },
  ];
}
