/**
 * The payment saga (domain/payments/saga.ts), pure: every report applied
 * once, whatever order and however often it comes; money taken that the
 * court must not keep becomes a refund owed; the work the workflow must do
 * next, and when.
 */
import fc from 'fast-check';
import { quoteFees } from '../../domain/fees';
import {
  filingOfPayment,
  newAttempt,
  nextReconcileAt,
  pageOpened,
  paymentIdOf,
  paymentUnsettled,
  paymentWork,
  PAYMENT_PAGE_MINUTES,
  RECONCILE_GRACE_MINUTES,
  reconcileNow,
  refundPaid,
  reportOutcome,
  type AttemptStatus,
  type FilingPayment,
  type PaymentAttempt,
  type PaymentReport,
} from '../../domain/payments/saga';
import type { PaymentMethod } from '../../domain/payments/receipt';

const REF = 'EF-2026-000042';
const T0 = Date.parse('2026-11-02T02:00:00.000Z');
const isoAt = (ms: number) => new Date(ms).toISOString();
const AT = isoAt(T0);

const QUOTE = quoteFees({ courtLevel: 'district-court', documents: [{ type: 'writ-of-fieri-facias', purpose: 'for-sealing' }], on: '2026-11-02', legallyAided: false });
const DUE = QUOTE.payableCents;

function aPayment(): FilingPayment {
  return { status: 'awaiting-payment', quote: QUOTE, attempts: [], receipt: null };
}

/** A payment with `n` attempts, each requested through `method`. */
function withAttempts(n: number, method: PaymentMethod = 'provider'): { payment: FilingPayment; attempts: PaymentAttempt[] } {
  const payment = aPayment();
  const attempts = Array.from({ length: n }, () => newAttempt(payment, REF, method, 'u-1', AT, method === 'prepayment' ? 'org-1' : undefined));
  return { payment, attempts };
}

const report = (attempt: PaymentAttempt, status: PaymentReport['status'], extra: Partial<PaymentReport> = {}): PaymentReport => ({
  paymentId: attempt.id,
  status,
  amountCents: attempt.amountCents,
  source: 'callback',
  ...extra,
});

const page = (n: number) => ({ providerRef: `PSP-${n}`, pageUrl: `https://psp.example/pay/${n}`, expiresAt: isoAt(T0 + PAYMENT_PAGE_MINUTES * 60_000) });

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('the saga sanity: the quote it charges', () => {
  it('when a District Court writ for sealing is quoted, then something is payable and a new attempt asks for exactly that', () => {
    expect(DUE).toBeGreaterThan(0);
    const { attempts } = withAttempts(2);
    expect(attempts.map((a) => [a.id, a.amountCents, a.status, a.reports])).toEqual([
      [`${REF}-P1`, DUE, 'requested', []],
      [`${REF}-P2`, DUE, 'requested', []],
    ]);
  });
});

describe('reportOutcome', () => {
  it('when a success is reported for an attempt on the page, then it is paid once, with the provider reference and the time', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    const effect = reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1', providerRef: 'PSP-1b' }), true, AT);
    expect(effect).toEqual({ effect: 'paid', attempt: a });
    expect(a.status).toBe('succeeded');
    expect(a.providerRef).toBe('PSP-1b');
    expect(a.settledAt).toBe(AT);
    expect(a.reports).toEqual(['evt-1']);
  });

  it('when the same callback (event id) comes twice, then the second changes nothing', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1' }), true, AT);
    const before = clone(payment);
    expect(reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1' }), true, isoAt(T0 + 60_000))).toEqual({ effect: 'none' });
    // Even when the filing no longer accepts: the duplicate is not a second success.
    expect(reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1' }), false, isoAt(T0 + 60_000))).toEqual({ effect: 'none' });
    expect(payment).toEqual(before);
  });

  it('when a callback of an already-applied event id says something else, then it is still ignored (the event was applied)', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    reportOutcome(payment, report(a, 'declined', { eventId: 'evt-7' }), true, AT);
    expect(reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-7' }), true, AT)).toEqual({ effect: 'none' });
    expect(a.status).toBe('declined');
  });

  it('when a report names no attempt of this payment, then nothing happens', () => {
    const { payment } = withAttempts(1);
    const before = clone(payment);
    expect(reportOutcome(payment, { paymentId: `${REF}-P9`, status: 'succeeded', amountCents: DUE, source: 'callback', eventId: 'e' }, true, AT)).toEqual({ effect: 'none' });
    expect(payment).toEqual(before);
  });

  it('when a pending report comes, then the attempt stays in the air', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    expect(reportOutcome(payment, report(a, 'pending', { eventId: 'evt-p' }), true, AT)).toEqual({ effect: 'none' });
    expect(a.status).toBe('awaiting-payer');
  });

  it.each(['expired', 'declined'] as const)('when a success comes after the attempt %s, then the money is owed back', (ended) => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    expect(reportOutcome(payment, report(a, ended, { eventId: 'evt-1' }), true, AT).effect).toBe(ended);
    expect(a.status).toBe(ended);
    const effect = reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-2' }), true, isoAt(T0 + 60_000));
    expect(effect.effect).toBe('refund-due');
    expect(a.status).toBe('refund-due');
    expect(a.reason).toContain(ended);
    expect(paymentWork(payment, T0)).toEqual([{ kind: 'refund', attempt: a }]);
  });

  it('when a success comes while the filing no longer accepts a payment, then the money is owed back', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    const effect = reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1' }), false, AT);
    expect(effect.effect).toBe('refund-due');
    expect(a.status).toBe('refund-due');
    expect(a.reason).toMatch(/no longer takes a payment/);
  });

  it.each([DUE - 1, DUE + 100, 0])('when a success for a different amount (%i cents) comes, then it is owed back, not kept', (taken) => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    const effect = reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1', amountCents: taken }), true, AT);
    expect(effect.effect).toBe('refund-due');
    expect(a.status).toBe('refund-due');
    expect(a.reason).toContain(String(taken));
    expect(payment.attempts.some((x) => x.status === 'succeeded')).toBe(false);
  });

  it.each(['declined', 'expired'] as const)('when the report says %s for an attempt already paid, then nothing changes', (late) => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1' }), true, AT);
    const before = clone(payment);
    expect(reportOutcome(payment, report(a, late, { eventId: 'evt-2', source: 'query' }), true, isoAt(T0 + 60_000))).toEqual({ effect: 'none' });
    expect(payment.attempts).toEqual(before.attempts.map((x) => ({ ...x, reports: ['evt-1', 'evt-2'] })));
    expect(a.status).toBe('succeeded');
    expect(a.settledAt).toBe(AT);
  });

  it.each(['declined', 'expired'] as const)('when the report says %s for an attempt owed back, then it stays owed back', (late) => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1' }), false, AT);
    expect(reportOutcome(payment, report(a, late), true, AT)).toEqual({ effect: 'none' });
    expect(a.status).toBe('refund-due');
  });

  it('when a refund is reported (twice, once without an event id), then the attempt is refunded once', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    reportOutcome(payment, report(a, 'succeeded', { eventId: 'evt-1' }), true, AT);
    refundPaid(payment, 'the filing was cancelled');
    const first = reportOutcome(payment, report(a, 'refunded', { eventId: 'evt-r' }), false, isoAt(T0 + 60_000));
    expect(first).toEqual({ effect: 'refunded', attempt: a });
    expect(a.status).toBe('refunded');
    expect(a.refundedAt).toBe(isoAt(T0 + 60_000));
    expect(reportOutcome(payment, report(a, 'refunded', { eventId: 'evt-r' }), false, isoAt(T0 + 120_000))).toEqual({ effect: 'none' });
    expect(reportOutcome(payment, report(a, 'refunded', { source: 'query' }), false, isoAt(T0 + 180_000))).toEqual({ effect: 'none' });
    expect(a.refundedAt).toBe(isoAt(T0 + 60_000));
    // A success reported again after the refund does not make it owed (or kept) a second time.
    expect(reportOutcome(payment, report(a, 'succeeded', { source: 'query' }), true, AT)).toEqual({ effect: 'none' });
    expect(a.status).toBe('refunded');
    expect(paymentUnsettled(payment)).toBe(false);
    expect(paymentWork(payment, T0 + 10 * 3_600_000)).toEqual([]);
  });

  it('when a second attempt succeeds after the first was paid, then only one is kept and the other is owed back', () => {
    const { payment, attempts } = withAttempts(2);
    const [a1, a2] = attempts as [PaymentAttempt, PaymentAttempt];
    pageOpened(a1, page(1), T0);
    pageOpened(a2, page(2), T0);
    expect(reportOutcome(payment, report(a2, 'succeeded', { eventId: 'evt-2' }), true, AT).effect).toBe('paid');
    // The filing (awaiting payment no longer) tells the saga it does not accept.
    expect(reportOutcome(payment, report(a1, 'succeeded', { eventId: 'evt-1' }), false, AT).effect).toBe('refund-due');
    expect(payment.attempts.map((a) => a.status)).toEqual(['refund-due', 'succeeded']);
  });
});

describe('pageOpened, reconcileNow and nextReconcileAt', () => {
  it("when the page opens, then it is awaited and reconciled on courtflow's own clock, page time plus grace, whatever the provider's expiry says", () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    const skewed = { ...page(1), expiresAt: isoAt(T0 - 3_600_000) };
    pageOpened(a, skewed, T0);
    expect(a).toMatchObject({ status: 'awaiting-payer', providerRef: 'PSP-1', pageUrl: 'https://psp.example/pay/1', expiresAt: skewed.expiresAt });
    const due = T0 + (PAYMENT_PAGE_MINUTES + RECONCILE_GRACE_MINUTES) * 60_000;
    expect(a.reconcileAt).toBe(isoAt(due));
    expect(nextReconcileAt(payment)).toBe(due);
  });

  it('when a page-opened answer comes for an attempt no longer requested, then it is ignored', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    reportOutcome(payment, report(a, 'declined', { source: 'query', reason: 'refused' }), true, AT);
    pageOpened(a, page(1), T0);
    expect(a.status).toBe('declined');
    expect(a.pageUrl).toBeUndefined();
    expect(nextReconcileAt(payment)).toBeNull();
  });

  it('when several pages are open, then the next reconcile is the earliest; only pages count', () => {
    const { payment, attempts } = withAttempts(3);
    const [a1, a2] = attempts as [PaymentAttempt, PaymentAttempt, PaymentAttempt];
    expect(nextReconcileAt(payment)).toBeNull();
    expect(nextReconcileAt(null)).toBeNull();
    pageOpened(a1, page(1), T0 + 5 * 60_000);
    pageOpened(a2, page(2), T0);
    expect(nextReconcileAt(payment)).toBe(T0 + 20 * 60_000);
    reportOutcome(payment, report(a2, 'expired'), true, AT);
    expect(nextReconcileAt(payment)).toBe(T0 + 25 * 60_000);
  });

  it('when asked to reconcile now, then every open page is due at once and nothing else moves', () => {
    const { payment, attempts } = withAttempts(3);
    const [a1, a2, a3] = attempts as [PaymentAttempt, PaymentAttempt, PaymentAttempt];
    pageOpened(a1, page(1), T0);
    pageOpened(a2, page(2), T0);
    reportOutcome(payment, report(a2, 'succeeded'), true, AT);
    const now = isoAt(T0 + 60_000);
    reconcileNow(payment, now);
    expect(a1.reconcileAt).toBe(now);
    expect(a2.reconcileAt).toBe(isoAt(T0 + 20 * 60_000));
    expect(a3.reconcileAt).toBeUndefined();
    expect(nextReconcileAt(payment)).toBe(T0 + 60_000);
    expect(() => reconcileNow(null, now)).not.toThrow();
  });
});

describe('paymentWork and paymentUnsettled', () => {
  it('when nothing is recorded, then there is no work and nothing unsettled', () => {
    expect(paymentWork(null, T0)).toEqual([]);
    expect(paymentUnsettled(null)).toBe(false);
    expect(paymentWork(aPayment(), T0)).toEqual([]);
    expect(paymentUnsettled(aPayment())).toBe(false);
  });

  it('when attempts are requested, then a prepayment is debited and a provider page opened', () => {
    const payment = aPayment();
    const debit = newAttempt(payment, REF, 'prepayment', 'u-1', AT, 'org-1');
    const card = newAttempt(payment, REF, 'provider', 'u-1', AT);
    expect(debit.organisationId).toBe('org-1');
    expect(card.organisationId).toBeUndefined();
    expect(paymentWork(payment, T0)).toEqual([
      { kind: 'debit-prepayment', attempt: debit },
      { kind: 'open-provider-page', attempt: card },
    ]);
    expect(paymentUnsettled(payment)).toBe(true);
  });

  it('when a page is open, then it is reconciled only from its reconcile time', () => {
    const { payment, attempts } = withAttempts(1);
    const [a] = attempts as [PaymentAttempt];
    pageOpened(a, page(1), T0);
    const due = Date.parse(a.reconcileAt ?? '');
    expect(paymentWork(payment, due - 1)).toEqual([]);
    expect(paymentUnsettled(payment)).toBe(true);
    expect(paymentWork(payment, due)).toEqual([{ kind: 'reconcile', attempt: a }]);
    expect(paymentWork(payment, due + 3_600_000)).toEqual([{ kind: 'reconcile', attempt: a }]);
  });

  it('when attempts have ended, then only a refund owed (and not blocked) is work', () => {
    const { payment, attempts } = withAttempts(4);
    const [paid, declined, owed, blocked] = attempts as [PaymentAttempt, PaymentAttempt, PaymentAttempt, PaymentAttempt];
    reportOutcome(payment, report(paid, 'succeeded'), true, AT);
    reportOutcome(payment, report(declined, 'declined'), true, AT);
    reportOutcome(payment, report(owed, 'succeeded'), false, AT);
    reportOutcome(payment, report(blocked, 'succeeded'), false, AT);
    blocked.refundBlocked = 'the provider refused';
    expect(paymentWork(payment, T0)).toEqual([{ kind: 'refund', attempt: owed }]);
    expect(paymentUnsettled(payment)).toBe(true);
    reportOutcome(payment, report(owed, 'refunded'), false, AT);
    expect(paymentWork(payment, T0)).toEqual([]);
    // A refund the registry must make by hand no longer keeps the saga running.
    expect(paymentUnsettled(payment)).toBe(false);
  });
});

describe('refundPaid', () => {
  it('when the filing closes with money taken, then the paid attempt is owed back with the reason', () => {
    const { payment, attempts } = withAttempts(2);
    const [a1, a2] = attempts as [PaymentAttempt, PaymentAttempt];
    reportOutcome(payment, report(a1, 'declined'), true, AT);
    reportOutcome(payment, report(a2, 'succeeded'), true, AT);
    expect(refundPaid(payment, 'cancelled by the filer')).toBe(a2);
    expect(a2).toMatchObject({ status: 'refund-due', reason: 'cancelled by the filer' });
    expect(a1.status).toBe('declined');
    // Nothing is left succeeded: a second closing owes nothing more.
    expect(refundPaid(payment, 'again')).toBeNull();
    expect(a2.reason).toBe('cancelled by the filer');
  });

  it('when nothing was paid, then nothing is owed', () => {
    const { payment } = withAttempts(1);
    expect(refundPaid(payment, 'x')).toBeNull();
    expect(refundPaid(null, 'x')).toBeNull();
    expect(payment.attempts[0]?.status).toBe('requested');
  });
});

describe('filingOfPayment', () => {
  it.each([
    [paymentIdOf('EF-2026-000001', 1), 'EF-2026-000001'],
    ['EF-2026-000001-P2', 'EF-2026-000001'],
    ['EF-2031-999999-P123', 'EF-2031-999999'],
    ['EF-2026-000001', null],
    ['EF-2026-000001-P', null],
    ['EF-2026-000001-P1234', null],
    ['EF-2026-00001-P1', null],
    ['xEF-2026-000001-P1', null],
    ['EF-2026-000001-P1\n', null],
    ['', null],
  ])('when the payment id is %j, then the filing is %j', (id, filing) => {
    expect(filingOfPayment(id)).toBe(filing);
  });
});

// --- property: any interleaving of reports --------------------------------

/** A provider event: fixed content under its id, so a duplicate is the same event delivered again. */
interface ProviderEvent {
  eventId: string;
  attempt: number;
  status: PaymentReport['status'];
  /** True: the amount due; false: some other amount. */
  exact: boolean;
}

interface Delivery {
  /** An event from the pool (a callback), or a report without an event id (a query or the payer's return). */
  event: number;
  withoutId: boolean;
  /** Does the filing still take a payment (before any attempt succeeded)? */
  accepting: boolean;
}

const statusArb = fc.constantFrom<PaymentReport['status']>('pending', 'succeeded', 'succeeded', 'declined', 'expired', 'refunded');

const scenarioArb = fc
  .record({
    attempts: fc.integer({ min: 1, max: 3 }),
    method: fc.constantFrom<PaymentMethod>('provider', 'prepayment'),
    opened: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    pool: fc.array(fc.record({ attempt: fc.nat({ max: 2 }), status: statusArb, exact: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  })
  .chain((s) =>
    fc.record({
      attempts: fc.constant(s.attempts),
      method: fc.constant(s.method),
      opened: fc.constant(s.opened),
      pool: fc.constant(s.pool.map((e, i): ProviderEvent => ({ ...e, attempt: e.attempt % s.attempts, eventId: `evt-${i}` }))),
      deliveries: fc.array(fc.record({ event: fc.nat({ max: s.pool.length - 1 }), withoutId: fc.boolean(), accepting: fc.boolean() }), { maxLength: 25 }),
    }),
  );

type Scenario = { attempts: number; method: PaymentMethod; opened: boolean[]; pool: ProviderEvent[]; deliveries: Delivery[] };

function setUp(s: Scenario): FilingPayment {
  const { payment, attempts } = withAttempts(s.attempts, s.method);
  attempts.forEach((a, i) => {
    if (s.method === 'provider' && s.opened[i]) pageOpened(a, page(i + 1), T0);
  });
  return payment;
}

function reportOf(payment: FilingPayment, e: ProviderEvent, withoutId: boolean): PaymentReport {
  const attempt = payment.attempts[e.attempt] as PaymentAttempt;
  return {
    paymentId: attempt.id,
    status: e.status,
    amountCents: e.exact ? attempt.amountCents : attempt.amountCents + 1,
    source: withoutId ? 'query' : 'callback',
    ...(withoutId ? {} : { eventId: e.eventId }),
  };
}

/** Applies deliveries as the filing would: once any attempt has succeeded, the filing no longer accepts. */
function deliver(payment: FilingPayment, s: Scenario, deliveries: Delivery[], everSucceeded: { value: boolean }): void {
  deliveries.forEach((d, i) => {
    const e = s.pool[d.event] as ProviderEvent;
    const accepting = d.accepting && !everSucceeded.value;
    const effect = reportOutcome(payment, reportOf(payment, e, d.withoutId), accepting, isoAt(T0 + (i + 1) * 1000));
    if (effect.effect === 'paid') everSucceeded.value = true;
  });
}

describe('the saga under any interleaving of reports (property)', () => {
  it('when reports come in any order, duplicated, then at most one attempt is kept, and every success is kept once or owed back', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const payment = setUp(s);
        deliver(payment, s, s.deliveries, { value: false });
        const succeeded = payment.attempts.filter((a) => a.status === 'succeeded');
        expect(succeeded.length).toBeLessThanOrEqual(1);
        // Every attempt the provider reported as having taken money: kept, owed back, or returned.
        const reportedPaid = new Set(s.deliveries.map((d) => s.pool[d.event] as ProviderEvent).filter((e) => e.status === 'succeeded').map((e) => e.attempt));
        for (const i of reportedPaid) {
          const status: AttemptStatus = (payment.attempts[i] as PaymentAttempt).status;
          expect(['succeeded', 'refund-due', 'refunded']).toContain(status);
        }
        // Money is only ever kept at the amount due.
        for (const a of succeeded) expect(a.amountCents).toBe(DUE);
      }),
      { numRuns: 500 },
    );
  });

  it('when every callback is delivered again (the whole sequence twice), then the end is the same as delivering it once', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const callbacks = s.deliveries.map((d) => ({ ...d, withoutId: false }));
        const once = setUp(s);
        deliver(once, s, callbacks, { value: false });
        const twice = setUp(s);
        const flag = { value: false };
        deliver(twice, s, callbacks, flag);
        deliver(twice, s, callbacks, flag);
        expect(twice).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('when each callback is delivered twice in a row, then the end is the same as delivering each once', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const callbacks = s.deliveries.map((d) => ({ ...d, withoutId: false }));
        const once = setUp(s);
        deliver(once, s, callbacks, { value: false });
        const doubled = setUp(s);
        // The duplicate comes with a different `accepting` (the filing moved on): it must still change nothing.
        deliver(doubled, s, callbacks.flatMap((d) => [d, { ...d, accepting: !d.accepting }]), { value: false });
        // Timestamps differ (the doubled sequence is longer); compare what the saga decided.
        const decided = (p: FilingPayment) => p.attempts.map((a) => ({ id: a.id, status: a.status, reports: a.reports, reason: a.reason ?? null, refunded: a.refundedAt !== undefined }));
        expect(decided(doubled)).toEqual(decided(once));
      }),
      { numRuns: 500 },
    );
  });
});
