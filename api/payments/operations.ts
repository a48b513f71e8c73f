/**
 * Payment routes: the provider's signed callback and the payer's return
 * (both public: the provider and a browser carry no courtflow credentials;
 * neither is believed without a check), and the organisation's prepayment
 * account (its statement; a top-up recorded by the registry).
 */
import type { Request } from 'express';
import { z } from 'zod';
import { FILER_ROLES, type Role } from '../../domain/identity/actor';
import { readPrepaymentAccount, receiveProviderCallback, recordTopUp, returnFromProvider, type PaymentDeps } from '../../services/payments/payments';
import { organisationIdParams } from '../identity/schemas';
import { problemResponse, type Operation } from '../operations';
import { Problem } from '../problem';
import { callerOf } from '../steps/step-operations';
import { parse } from '../validate';

/** The path the provider posts its callbacks to: the JSON parser keeps this route's raw bytes for the signature. */
export const PAYMENT_CALLBACK_PATH = '/api/v1/payments/callback';

/** What the JSON parser keeps of a callback: the exact bytes the signature covers. */
export interface WithRawBody {
  rawBody?: Buffer;
}

const paymentParams = z.object({ paymentId: z.string().regex(/^EF-\d{4}-\d{6}-P\d{1,3}$/, 'must be a payment id such as EF-2026-000001-P1') });

const callbackAnswer = z.object({ paymentId: z.string(), accepted: z.boolean().describe('False when the filing is no longer running: the report changes nothing') }).meta({ id: 'PaymentCallbackAnswer' });
const returnAnswer = z
  .object({ paymentId: z.string(), filingReference: z.string(), checked: z.literal(true), filing: z.string().describe('Where the filer reads the outcome (signed in)') })
  .meta({ id: 'PaymentReturn' });

const entry = z.object({ entryKey: z.string(), kind: z.enum(['top-up', 'debit', 'refund']), amountCents: z.number(), balanceAfterCents: z.number(), reference: z.string(), recordedBy: z.string(), recordedAt: z.string() });
const statement = z.object({ organisationId: z.string(), balanceCents: z.number(), entries: z.array(entry) }).meta({ id: 'PrepaymentAccount' });
const topUpBody = z
  .strictObject({
    amountCents: z.number().int('must be whole cents').min(100, 'must be at least HK$1.00').max(100_000_000_00, 'must be at most HK$100,000,000.00'),
    reference: z.string().trim().min(3).max(60).regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'must be a bank transfer or cheque reference (letters, digits, space . / _ -)'),
  })
  .meta({ id: 'PrepaymentTopUp' });
const topUpAnswer = z.object({ balanceCents: z.number(), applied: z.boolean().describe('False when this reference was already recorded: nothing changed') }).meta({ id: 'PrepaymentTopUpResult' });

const READERS: readonly Role[] = [...FILER_ROLES, 'org-principal-admin', 'org-sub-admin', 'registry-officer', 'auditor'];

export function paymentOperations(deps: PaymentDeps): Operation[] {
  return [
    {
      method: 'post',
      path: PAYMENT_CALLBACK_PATH,
      operationId: 'receivePaymentCallback',
      summary: "The payment service provider's server-to-server report (signed)",
      description:
        'Checked over the exact bytes received: the `Sandbox-Signature` header (HMAC-SHA256 of the timestamp and body with the shared secret), ' +
        'compared in constant time, with a timestamp no more than 5 minutes off (an older one is refused as a replay). A report delivered twice changes nothing.',
      tags: ['Payments'],
      auth: 'public',
      body: z.looseObject({}).describe('The provider report, as the provider signed it'),
      headers: [{ name: 'Sandbox-Signature', description: 't=<unix seconds>,v1=<hex HMAC-SHA256>', required: true }],
      responses: {
        200: { description: 'Received', schema: callbackAnswer },
        403: problemResponse('The signature or its timestamp did not verify'),
        503: problemResponse('No payment service provider is configured'),
      },
      handler: async (req: Request & WithRawBody, res) => {
        if (!req.rawBody) throw new Problem(400, 'invalid-body', 'No body', 'Send the provider report as application/json');
        res.json(await receiveProviderCallback(deps, req.rawBody, req.headers));
      },
    },
    {
      method: 'get',
      path: '/api/v1/payments/:paymentId/return',
      operationId: 'returnFromPayment',
      summary: "Where the provider sends the payer's browser back",
      description:
        'Whatever the address says, courtflow asks the provider how the payment stands and tells the filing; the outcome is read on the filing. ' +
        'A browser (a request that prefers text/html) is then sent on to the filing in the web console; anything else gets the JSON answer.',
      tags: ['Payments'],
      auth: 'public',
      params: paymentParams,
      responses: {
        200: { description: 'Checked with the provider', schema: returnAnswer },
        303: { description: "Checked with the provider; a browser is sent to the filing's page in the console" },
        400: problemResponse('Not a payment id'),
        404: problemResponse('No such payment'),
        503: problemResponse('The provider did not answer, or none is configured'),
      },
      handler: async (req, res) => {
        const { paymentId } = parse(paymentParams, 'path', req);
        const { filingReference } = await returnFromProvider(deps, paymentId);
        // The payer's browser came from the provider's page: back to the filing, where the outcome shows.
        if (req.accepts(['application/json', 'text/html']) === 'text/html') {
          res.redirect(303, `/console/filings/${encodeURIComponent(filingReference)}?returned=${encodeURIComponent(paymentId)}`);
          return;
        }
        res.json({ paymentId, filingReference, checked: true, filing: `/api/v1/filings/${filingReference}` });
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/:organisationId/prepayment',
      operationId: 'readPrepaymentAccount',
      summary: "An organisation's prepayment account: balance and latest entries",
      tags: ['Payments'],
      auth: READERS,
      params: organisationIdParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      responses: { 200: { description: 'The account', schema: statement }, 404: problemResponse('No such organisation, or not yours') },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        const { limit } = parse(z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }), 'query', req);
        const account = await readPrepaymentAccount(deps, callerOf(res), organisationId, limit);
        res.json({ ...account, entries: account.entries.map((e) => ({ ...e, recordedAt: e.recordedAt.toISOString() })) });
      },
    },
    {
      method: 'post',
      path: '/api/v1/organisations/:organisationId/prepayment/top-ups',
      operationId: 'recordPrepaymentTopUp',
      summary: "Record funds received into an organisation's prepayment account (the registry's accounts office)",
      description: 'The reference is the bank transfer or cheque: recording the same reference again changes nothing.',
      tags: ['Payments'],
      auth: ['registry-officer'],
      audit: 'self',
      params: organisationIdParams,
      body: topUpBody,
      responses: {
        200: { description: 'Recorded (or already recorded)', schema: topUpAnswer },
        404: problemResponse('No such organisation'),
        409: problemResponse('The reference was recorded for another amount'),
      },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        res.json(await recordTopUp(deps, callerOf(res), organisationId, parse(topUpBody, 'body', req)));
      },
    },
  ];
}
