/**
 * Idempotency-Key for operations that advance a workflow (steps, closure
 * declarations): the first successful answer to an account's key is kept,
 * before it is sent; a retry of the same request gets it again (with
 * `Idempotent-Replayed: true`) and changes nothing; the same key on a
 * different request is refused with 422. Keys belong to the account that
 * sent them, so one filer's key never reveals another's answer. Filing a
 * claim keeps its own keys, recorded in the same transaction as the case
 * number (api/sct/file-claim.ts).
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import { findIdempotentRequest, saveIdempotentRequest } from '../db/idempotent-requests';
import { actorOf } from './identity/authenticate';
import type { Operation } from './operations';
import { Problem } from './problem';
import { etagOf } from './steps/step-operations';
import { requestHash } from '../db/request-hash';

const keySchema = z.string().min(1).max(200);

export function idempotent(op: Operation, deps: { pool: Pool; logger: Logger }, handler: RequestHandler): RequestHandler {
  if (op.idempotency !== 'replay') return handler;
  return async (req, res, next) => {
    const header = req.get('Idempotency-Key');
    if (header === undefined) return handler(req, res, next);
    const key = keySchema.safeParse(header);
    if (!key.success) throw new Problem(400, 'validation', 'The request is not valid', 'Idempotency-Key must be 1 to 200 characters');
    const account = actorOf(res).id;
    const request = { method: req.method, path: req.path, requestHash: requestHash({ path: req.path, body: req.body as unknown }) };

    const earlier = await findIdempotentRequest(deps.pool, account, key.data);
    if (earlier) {
      if (earlier.method !== request.method || earlier.path !== request.path || earlier.requestHash !== request.requestHash) {
        throw new Problem(422, 'idempotency-key-reused', 'Idempotency-Key already used for a different request', `This key was first sent with ${earlier.method} ${earlier.path} and another body; use a new key for a new request.`);
      }
      res.status(earlier.status).set('Idempotent-Replayed', 'true');
      // The same ETag the first answer carried: the version it showed (and no other kind of ETag).
      const version = (earlier.response as { version?: unknown } | null)?.version;
      if (typeof version === 'number') res.set('ETag', etagOf({ version }));
      res.json(earlier.response);
      return;
    }

    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 300) return send(body);
      // Kept before it leaves: a client that has the answer and sends the key again
      // is answered from here, never by taking the step (and auditing it) again.
      void saveIdempotentRequest(deps.pool, account, key.data, { ...request, status: res.statusCode, response: body })
        .catch((err: unknown) => deps.logger.error({ err, operation: op.operationId }, 'could not keep the answer for its Idempotency-Key'))
        .finally(() => send(body));
      return res;
    };
    await handler(req, res, next);
  };
}
