/**
 * A filing through iCMS (GET /api/v1/filings/{reference}), for the filer
 * and the registry alike: where it stands, its documents and the court's
 * decision on each, the fees and their payment, the papers to download,
 * every period explained, and its history; and the steps the reader may
 * take now. The filer adds documents (uploaded first), previews and removes
 * them, submits, pays (the payment provider's page, or the organisation's
 * prepayment account) and corrects a rejected document; the registry begins
 * its review and accepts or rejects each document (a draft writ approved by
 * order or direction, a writ for sealing sealed); a judge approves a draft.
 * Every step is sent with an Idempotency-Key (a double click is one step).
 * Submitting, which confirms the filing as the reader sees it (its
 * documents), is sent with If-Match too. Other steps name what they act on
 * (a document; a payment of the fee fixed at confirmation), and the filing
 * refuses one whose target is no longer in the state it needs, so the
 * filing's own bookkeeping (a message delivered, a payment page reported on)
 * does not turn the reader away. Opened from
 * the work queue, a decision goes through the queue's item.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem, download } from '../api';
import { AddDocument } from '../components/add-document';
import { DeadlineCard, type Computation } from '../components/deadline-card';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { RejectDocument } from '../components/reject-document';
import type { PartyChoice } from '../components/schema-form';
import { ScrollTable } from '../components/scroll-table';
import { Timeline } from '../components/timeline';
import { Words } from '../components/words';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage, wordsOr } from '../i18n/language';
import { stepsOf, type StepDescription } from '../openapi';
import { href, navigate, type Place } from '../router';
import { useSession } from '../session';
import { FILING_ROLES } from './filings';
import { useSignedInRequest } from './signed-in';

interface FilingDocument {
  id: string;
  type: string;
  purpose: string;
  language: string;
  filingParty: string;
  filedAgainst: string[];
  approvedDraftReferenceNo?: string;
  courtAction?: 'order' | 'direction';
  file: { uploadId: string; fileName: string; pages: number; sha256: string };
  status: 'draft' | 'pending-review' | 'accepted' | 'rejected';
  documentReferenceNo?: string;
  decision?: { at: string; accepted: boolean; defects: { reason: string; note?: string }[] };
}
interface Attempt {
  id: string;
  method: string;
  status: string;
  amountCents: number;
  pageUrl?: string;
  reason?: string;
}
interface FilingView {
  reference: string;
  caseNo: string;
  courtLevel: string;
  receivingOffice: string;
  caseParties: string[];
  filer: { accountId: string; name: string; partyId: string; organisationId?: string; organisationName?: string };
  enforces: { awardDocument: string; owedCents: number } | null;
  stage: string;
  submittedAt: string | null;
  receivedAt: string | null;
  receivedNote: string | null;
  documents: FilingDocument[];
  payment: { status: string; quote: { payableCents: number; explanation?: string }; attempts: Attempt[]; receipt: { receiptNo: string } | null } | null;
  notices: { id: string; text: { en: string; 'zh-Hant': string } }[];
  deadlines: { key: string; status: string; explanation: string; computation: Computation }[];
  history: { at: string; event: string; detail: string; by: { name: string } | null }[];
  version: number;
}

const money = (cents: number) => (cents / 100).toLocaleString('en-HK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const isDraftWrit = (d: FilingDocument) => d.purpose === 'for-approval-of-draft' && d.type.startsWith('writ-of-');
/** Steps that confirm the filing as the reader sees it: refused (412) if it changed since. */
const AS_SEEN = new Set(['submit']);
/**
 * The filing's item in the work queue as it stands: a draft-approval while a
 * draft writ awaits the court, then the review of the rest (one item at a
 * time, so the item the page was opened from may have become the other).
 */
const queueItemOf = (view: FilingView) =>
  ['filing', view.reference, view.documents.some((d) => d.status === 'pending-review' && isDraftWrit(d)) ? 'draft-approval' : 'review'].join('~');
/** How long the page keeps asking after the filing while a payment is in the air (every 2 s). */
const PAYMENT_POLLS = 30;

export function FilingPage({ reference, place }: { reference: string; place: Place }) {
  const { t, language } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const [view, setView] = useState<FilingView | null>(null);
  const [steps, setSteps] = useState<StepDescription[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [courtAction, setCourtAction] = useState<Record<string, string>>({});
  const [polls, setPolls] = useState(0);
  const english = language === 'en' ? undefined : 'en';
  const item = place.query.get('item');
  const path = `/api/v1/filings/${encodeURIComponent(reference)}`;

  const load = async () => {
    try {
      const found = await request<FilingView>('GET', path);
      if (found) setView(found);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    setView(null);
    setError(null);
    void load();
    stepsOf('filing').then(setSteps, () => setSteps([]));
  }, [reference, session?.token]);
  // The parties' names, where the case is one the reader may read (a small claim); otherwise their ids alone.
  useEffect(() => {
    if (!view) return;
    request<{ parties: { id: string; name: string }[] }>('GET', `/api/v1/sct/claims/${encodeURIComponent(view.caseNo)}`).then(
      (found) => found && setNames(Object.fromEntries(found.parties.map((p) => [p.id, p.name]))),
      () => undefined,
    );
  }, [view?.caseNo]);
  // A payment in the air (the provider's page, a debit being made): ask again until it settles.
  const paying = view?.payment?.attempts.some((a) => a.status === 'requested' || a.status === 'awaiting-payer') ?? false;
  useEffect(() => {
    if (!paying || polls >= PAYMENT_POLLS) return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      void load();
    }, 2000);
    return () => clearTimeout(timer);
  }, [paying, polls, view?.version]);

  // One key per step and version: a double click is one step, the next step a new one.
  const keys = useMemo(() => new Map<string, string>(), [reference]);
  const keyFor = (step: string, detail: string) => {
    const name = `${step}:${detail}:${view?.version ?? 0}`;
    if (!keys.has(name)) keys.set(name, crypto.randomUUID());
    return keys.get(name) ?? '';
  };

  /** Takes a step and shows the filing as it now stands (and answers it); throws the refusal for the form that asked. */
  const take = async (step: string, body: Record<string, unknown>, detail = ''): Promise<FilingView | null> => {
    if (!view) return null;
    const options = { body, headers: { ...(AS_SEEN.has(step) ? { 'If-Match': `"v${view.version}"` } : {}), 'Idempotency-Key': keyFor(step, detail) } };
    const viaQueue = item !== null && (step === 'accept-document' || step === 'reject-document');
    const taken = viaQueue
      ? await request<FilingView>('POST', `/api/v1/work-queue/${encodeURIComponent(queueItemOf(view))}/act`, { ...options, query: { step } })
      : await request<FilingView>('POST', `${path}/steps/${step}`, options);
    if (!taken) return null;
    setRejecting(null);
    navigate(href(`/filings/${reference}`, { taken: step, item: item ?? undefined }), { replace: true });
    // A step's own route answers the filing as it now stands; the queue's act answers its own result, so the filing is read after it.
    const now = viaQueue ? await request<FilingView>('GET', path) : taken;
    if (now) setView(now);
    return now;
  };
  /** A button's step: refusals shown at the top of the page. */
  const press = async (step: string, body: Record<string, unknown> = {}, detail = '') => {
    setBusy(true);
    setError(null);
    try {
      const now = await take(step, body, detail).catch(async (err: unknown) => {
        // Changed meanwhile: the page shows it as it now stands, for the reader to look again and press again.
        if (err instanceof ApiProblem && err.status === 412) await load();
        throw err;
      });
      if (step === 'pay' && body.method === 'provider') {
        const page = now?.payment?.attempts.at(-1)?.pageUrl;
        // The payer goes to the provider's own page and is sent back here (GET /api/v1/payments/{id}/return).
        if (page) window.location.assign(page);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = t('filing.title', { reference });
  if (view === null)
    return (
      <Page title={title}>
        {error !== null ? <ProblemAlert error={error} /> : <p role="status">{t('app.loading')}</p>}
      </Page>
    );

  const role = session?.account.role ?? '';
  const may = (step: string) => steps.some((s) => s.step === step && s.roles.includes(role));
  const schemaOf = (step: string) => steps.find((s) => s.step === step)?.body;
  const isFiler = FILING_ROLES.has(role) && may('submit');
  const registry = role === 'registry-officer';
  const judge = role === 'adjudicator';
  const parties: PartyChoice[] = view.caseParties.map((id) => ({ id, name: names[id] ?? '' }));
  const partyName = (id: string) => (names[id] ? `${id} ${names[id]}` : id);
  const taken = place.query.get('taken');
  const decidable = view.stage === 'submitted' || view.stage === 'under-review';
  const addSchema = schemaOf('add-document');
  const resubmitSchema = schemaOf('resubmit-document');
  const rejectSchema = schemaOf('reject-document');
  const attempts = view.payment?.attempts ?? [];
  const payment = view.payment;

  return (
    <Page title={title}>
      <p>
        <a href={item ? href('/work-queue') : href('/filings')}>{item ? t('step.backToQueue') : t('filing.back')}</a>
      </p>
      {taken && (
        <p role="status" class="done">
          {t('filing.done', { step: wordsOr(t, `step.${taken}`, taken) })}
        </p>
      )}
      {place.query.get('returned') && (
        <p role="status" class="done">
          {t('filing.returned')}
        </p>
      )}
      {error !== null && <ProblemAlert error={error} />}

      <dl class="facts">
        <dt>{t('filing.case')}</dt>
        <dd>{view.caseNo}</dd>
        <dt>{t('field.courtLevel')}</dt>
        <dd>
          <Words k={`enum.courtLevel.${view.courtLevel}`} fallback={view.courtLevel} />
        </dd>
        <dt>{t('field.receivingOffice')}</dt>
        <dd>
          <Words k={`enum.receivingOffice.${view.receivingOffice}`} fallback={view.receivingOffice} />
        </dd>
        <dt>{t('filing.stage')}</dt>
        <dd>
          <strong>
            <Words k={`filing.stage.${view.stage}`} fallback={view.stage} />
          </strong>
        </dd>
        <dt>{t('filing.filer')}</dt>
        <dd>
          <span class="names">{view.filer.name}</span>
          {view.filer.organisationName && (
            <>
              {' '}
              (<span class="names">{view.filer.organisationName}</span>)
            </>
          )}{' '}
          · {partyName(view.filer.partyId)}
        </dd>
        {view.submittedAt && (
          <>
            <dt>{t('filing.submittedAt')}</dt>
            <dd>
              <time dateTime={view.submittedAt}>{hongKongTime(view.submittedAt)}</time>
            </dd>
          </>
        )}
        {view.receivedAt && (
          <>
            <dt>{t('filing.receivedAt')}</dt>
            <dd>
              <time dateTime={view.receivedAt}>{hongKongTime(view.receivedAt)}</time>
              {view.receivedNote && (
                <p class="hint" lang={english}>
                  {view.receivedNote}
                </p>
              )}
            </dd>
          </>
        )}
      </dl>
      {view.enforces && <p>{t('filing.enforces', { document: view.enforces.awardDocument, owed: money(view.enforces.owedCents) })}</p>}

      {view.notices.length > 0 && (
        <section class="notice" aria-labelledby="notices">
          <h2 id="notices">{t('filing.notices')}</h2>
          {view.notices.map((n) => (
            // The notice exists in English and Traditional Chinese, as iCMS shows it; a Simplified page shows the Traditional text, marked so.
            <p key={n.id} lang={language === 'en' ? undefined : language === 'zh-Hant' ? undefined : 'zh-Hant'}>
              {language === 'en' ? n.text.en : n.text['zh-Hant']}
            </p>
          ))}
        </section>
      )}

      <h2>{t('filing.documents')}</h2>
      {view.documents.length === 0 ? (
        <p>{t('filing.noDocuments')}</p>
      ) : (
        <ScrollTable label={t('filing.documents')} columns={[t('filing.col.document'), t('filing.col.file'), t('filing.col.status'), t('filing.col.referenceNo'), t('filing.col.actions')]}>
          {view.documents.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                {d.id} <Words k={`enum.type.${d.type}`} fallback={d.type} />
                <p class="hint">
                  <Words k={`enum.purpose.${d.purpose}`} fallback={d.purpose} /> · <Words k={`enum.language.${d.language}`} fallback={d.language} /> · {partyName(d.filingParty)}
                  {d.filedAgainst.length > 0 && <> → {d.filedAgainst.map(partyName).join(', ')}</>}
                </p>
                {d.approvedDraftReferenceNo && <p class="hint">{t('filing.quotes', { no: d.approvedDraftReferenceNo })}</p>}
              </th>
              <td>
                <span class="names">{d.file.fileName}</span>
                <p class="hint">{t('filing.pages', { pages: d.file.pages })}</p>
              </td>
              <td>
                <Words k={`filing.docStatus.${d.status}`} fallback={d.status} />
                {d.courtAction && <p class="hint">{t('filing.approvedBy', { action: wordsOr(t, `enum.courtAction.${d.courtAction}`, d.courtAction) })}</p>}
                {d.decision && !d.decision.accepted && (
                  <ul class="defects">
                    {d.decision.defects.map((defect, i) => (
                      <li key={i}>
                        <Words k={`enum.defect.${defect.reason}`} fallback={defect.reason} />
                        {defect.note && (
                          <>
                            {' '}
                            <span class="names">{defect.note}</span>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td class="nowrap">{d.documentReferenceNo ? <a href={href('/verify', { reference: d.documentReferenceNo })}>{d.documentReferenceNo}</a> : '—'}</td>
              <td class="actions">
                {isFiler && view.stage === 'draft' && session && (
                  <button type="button" class="secondary" onClick={() => void download(`/api/v1/documents/${encodeURIComponent(d.file.uploadId)}/content`, session.token, d.file.fileName).catch(setError)}>
                    {t('filing.preview', { id: d.id })}
                  </button>
                )}
                {isFiler && view.stage === 'draft' && (
                  <button type="button" class="secondary" disabled={busy} onClick={() => void press('remove-document', { documentId: d.id }, d.id)}>
                    {t('filing.remove', { id: d.id })}
                  </button>
                )}
                {decidable && d.status === 'pending-review' && (registry || (judge && isDraftWrit(d))) && (
                  <>
                    {isDraftWrit(d) && (
                      <span class="inline-field">
                        <label for={`courtAction-${d.id}`}>{t('field.courtAction')}</label>
                        <select id={`courtAction-${d.id}`} value={courtAction[d.id] ?? 'order'} onChange={(e) => setCourtAction((was) => ({ ...was, [d.id]: e.currentTarget.value }))}>
                          <option value="order">{t('enum.courtAction.order')}</option>
                          <option value="direction">{t('enum.courtAction.direction')}</option>
                        </select>
                      </span>
                    )}
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void press('accept-document', { documentId: d.id, ...(isDraftWrit(d) ? { courtAction: courtAction[d.id] ?? 'order' } : {}) }, d.id)}
                    >
                      {t(isDraftWrit(d) ? 'filing.approve' : 'filing.accept', { id: d.id })}
                    </button>
                  </>
                )}
                {decidable && d.status === 'pending-review' && registry && (
                  <button type="button" class="secondary" disabled={busy} onClick={() => setRejecting(d.id)}>
                    {t('filing.reject', { id: d.id })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}

      {rejecting && rejectSchema && <RejectDocument documentId={rejecting} schema={rejectSchema} take={(body) => take('reject-document', body, rejecting)} onCancel={() => setRejecting(null)} />}

      {isFiler && view.stage === 'draft' && addSchema && (
        <AddDocument
          schema={addSchema}
          heading={t('filing.add.heading')}
          button={t('filing.add.button')}
          parties={parties}
          initial={{ filingParty: view.filer.partyId }}
          take={(body) => take('add-document', body, String(view.documents.length))}
        />
      )}

      {isFiler &&
        resubmitSchema &&
        (view.stage === 'under-review' || view.stage === 'awaiting-correction') &&
        view.documents
          .filter((d) => d.status === 'rejected')
          .map((d) => (
            <AddDocument
              key={d.id}
              idPrefix={`${d.id}-`}
              schema={resubmitSchema}
              heading={t('filing.correct.heading', { id: d.id })}
              button={t('filing.correct.button')}
              parties={parties}
              fixed={{ documentId: d.id }}
              take={(body) => take('resubmit-document', body, d.id)}
            />
          ))}

      {isFiler && view.stage === 'draft' && view.documents.length > 0 && (
        <section aria-labelledby="submit-heading">
          <h2 id="submit-heading">{t('filing.submit.heading')}</h2>
          <p class="hint">{t('filing.submit.hint')}</p>
          <button type="button" disabled={busy} onClick={() => void press('submit')}>
            {t('filing.submit.button')}
          </button>
        </section>
      )}

      {payment && (
        <section aria-labelledby="payment-heading">
          <h2 id="payment-heading">{t('filing.payment')}</h2>
          <p>
            <Words k={`filing.payment.${payment.status}`} fallback={payment.status} /> {t('filing.payable', { amount: money(payment.quote.payableCents) })}
          </p>
          {payment.quote.explanation && (
            <p class="hint" lang={english}>
              {payment.quote.explanation}
            </p>
          )}
          {attempts.length > 0 && (
            <ul>
              {attempts.map((a) => (
                <li key={a.id}>
                  <code>{a.id}</code> HK${money(a.amountCents)}: <Words k={`filing.attempt.${a.status}`} fallback={a.status} />
                  {a.reason && (
                    <>
                      {' '}
                      (<span lang={english}>{a.reason}</span>)
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {paying && <p role="status">{t('filing.pay.waiting')}</p>}
          {isFiler && view.stage === 'awaiting-payment' && payment.status === 'awaiting-payment' && !paying && (
            <div class="actions">
              <button type="button" disabled={busy} onClick={() => void press('pay', { method: 'provider' }, String(attempts.length))}>
                {t('filing.pay.provider')}
              </button>
              {view.filer.organisationId && (
                <button type="button" class="secondary" disabled={busy} onClick={() => void press('pay', { method: 'prepayment' }, String(attempts.length))}>
                  {t('filing.pay.prepayment')}
                </button>
              )}
            </div>
          )}
        </section>
      )}

      {registry && view.stage === 'submitted' && (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t('filing.review')}</h2>
          <button type="button" disabled={busy} onClick={() => void press('begin-review')}>
            {t('filing.beginReview')}
          </button>
        </section>
      )}

      {session && (view.submittedAt || payment?.receipt) && (
        <section aria-labelledby="papers-heading">
          <h2 id="papers-heading">{t('filing.papers')}</h2>
          <div class="actions">
            {view.submittedAt && (
              <button type="button" class="secondary" onClick={() => void download(`${path}/acknowledgement`, session.token, `${reference}-acknowledgement.pdf`).catch(setError)}>
                {t('filing.acknowledgement')}
              </button>
            )}
            {payment?.receipt && (
              <button type="button" class="secondary" onClick={() => void download(`${path}/receipt`, session.token, `${payment.receipt?.receiptNo ?? reference}.pdf`).catch(setError)}>
                {t('filing.receipt')}
              </button>
            )}
          </div>
        </section>
      )}

      {isFiler && may('cancel') && ['draft', 'awaiting-payment', 'submitted'].includes(view.stage) && (
        <p>
          <a href={href(`/filings/${reference}/steps/cancel`)}>{t('filing.cancel')}</a>
        </p>
      )}

      {view.deadlines.length > 0 && <h2>{t('filing.deadlines')}</h2>}
      {view.deadlines.map((d) => (
        <DeadlineCard key={d.key} computation={d.computation} status={d.status} explanation={d.explanation} />
      ))}

      <h2>{t('filing.history')}</h2>
      <Timeline events={view.history} />
    </Page>
  );
}

