/**
 * Payments as use-cases: what the payment service provider tells courtflow
 * (a signed server-to-server callback; the payer's browser coming back),
 * passed to the filing the payment belongs to; and the organisation's
 * prepayment account (its statement; a top-up the registry's accounts
 * office records when the funds arrive).
 *
 * Nothing the provider or the browser says is taken on trust: a callback is
 * checked for its signature and freshness over the exact bytes received, and
 * a return is only a prompt to ask the provider itself. The filing's
 * workflow then applies the report once, whatever order and however often
 * reports arrive.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { filingOfPayment, type PaymentReport } from '../../domain/payments/saga';
import type { Actor } from '../../domain/identity/actor';
import { appendAudit } from '../../db/audit-log';
import { inTransaction } from '../../db/pool';
import { PrepaymentEntryConflict, UnknownOrganisation, prepaymentStatement, topUpPrepayment, type PrepaymentStatement } from '../../db/prepayment';
import { paymentReportSignal } from '../../workflows/filing/contract';
import type { PaymentProvider } from '../../db/payment-provider/provider';
import { auditEntryOf, type Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';

export interface PaymentDeps {
  pool: Pool;
  temporal: Client;
  /** The payment service provider, when one is configured. */
  provider?: PaymentProvider | null;
}

const noProvider = () => new UseCaseError('unavailable', 'no-payment-provider', 'No payment service provider', 'No payment service provider is configured (PSP_URL)');

/** Hands a report to the filing's workflow; false when the filing is not running (closed, or never existed). */
async function tellFiling(temporal: Client, report: PaymentReport): Promise<boolean> {
  const reference = filingOfPayment(report.paymentId);
  if (!reference) return false;
  try {
    await temporal.workflow.getHandle(reference).signal(paymentReportSignal, report);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** A callback from the provider: refused unless its signature verifies; then given to the filing. */
export async function receiveProviderCallback(deps: PaymentDeps, rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now = new Date()): Promise<{ paymentId: string; accepted: boolean }> {
  if (!deps.provider) throw noProvider();
  const verdict = deps.provider.verifyCallback(rawBody, headers, now);
  if (!verdict.ok) throw new UseCaseError('forbidden', 'callback-refused', 'Callback refused', verdict.reason);
  const { callback } = verdict;
  const accepted = await tellFiling(deps.temporal, {
    paymentId: callback.merchantRef,
    status: callback.status,
    amountCents: callback.amountCents,
    providerRef: callback.providerRef,
    eventId: callback.eventId,
    source: 'callback',
  });
  return { paymentId: callback.merchantRef, accepted };
}

/** The payer's browser came back: ask the provider how the payment stands, and tell the filing. */
export async function returnFromProvider(deps: PaymentDeps, paymentId: string): Promise<{ paymentId: string; filingReference: string }> {
  if (!deps.provider) throw noProvider();
  const filingReference = filingOfPayment(paymentId);
  if (!filingReference) throw notFound(`Payment ${paymentId}`);
  const seen = await deps.provider.getPayment(paymentId).catch((err: unknown) => {
    throw new UseCaseError('unavailable', 'payment-provider-unavailable', 'The payment service provider did not answer', `${String(err)}; the payment will be checked again shortly`);
  });
  if (!seen) throw notFound(`Payment ${paymentId}`);
  await tellFiling(deps.temporal, { paymentId, status: seen.status, amountCents: seen.amountCents, providerRef: seen.providerRef, ...(seen.declineReason ? { reason: seen.declineReason } : {}), source: 'return' });
  return { paymentId, filingReference };
}

/** Who may read an organisation's prepayment account: its own members, the registry and auditors. */
function mayReadAccount(actor: Actor, organisationId: string): boolean {
  if (['registry-officer', 'auditor'].includes(actor.role)) return true;
  return actor.organisationId === organisationId;
}

export async function readPrepaymentAccount(deps: Pick<PaymentDeps, 'pool'>, caller: Caller, organisationId: string, limit: number): Promise<PrepaymentStatement & { organisationId: string }> {
  if (!mayReadAccount(caller.actor, organisationId)) throw notFound(`Organisation ${organisationId}`);
  const { rows } = await deps.pool.query('SELECT 1 FROM organisations WHERE id = $1', [organisationId]);
  if (rows.length === 0) throw notFound(`Organisation ${organisationId}`);
  return { organisationId, ...(await prepaymentStatement(deps.pool, organisationId, { limit })) };
}

export interface TopUpRequest {
  amountCents: number;
  /** The bank transfer's (or cheque's) reference: the same reference is the same top-up. */
  reference: string;
}

/** The accounts office records funds received into an organisation's prepayment account; the same reference twice is one top-up. */
export async function recordTopUp(deps: Pick<PaymentDeps, 'pool'>, caller: Caller, organisationId: string, request: TopUpRequest): Promise<{ balanceCents: number; applied: boolean }> {
  try {
    return await inTransaction(deps.pool, async (tx) => {
      const result = await topUpPrepayment(tx, { organisationId, entryKey: `top-up:${organisationId}:${request.reference}`, amountCents: request.amountCents, reference: request.reference, recordedBy: caller.actor.id });
      if (result.applied) {
        await appendAudit(tx, auditEntryOf(caller, { action: 'prepayment.top-up', target: `organisation:${organisationId}`, after: { amountCents: request.amountCents, reference: request.reference, balanceCents: result.balanceCents } }));
      }
      return result;
    });
  } catch (err) {
    if (err instanceof UnknownOrganisation) throw notFound(`Organisation ${organisationId}`);
    if (err instanceof PrepaymentEntryConflict) throw new UseCaseError('conflict', 'top-up-conflict', 'Top-up already recorded differently', `a top-up with reference ${request.reference} was already recorded for another amount`);
    throw err;
  }
}
