/**
 * Filing a small claim (POST /api/v1/sct/claims): the signed-in person is
 * the first claimant, against one or more defendants, and files alone
 * (individual), with other claimants each claiming their own sum (joint:
 * each may sign later, before the hearing, s.12(4), and abandons their own
 * excess, s.9), or for persons with the same interest (representative,
 * s.21: each represented person's sum listed). Every input has the id of
 * the request field it fills (`defendants[1].address.lines`,
 * `representedPersons[0].amountCents`), so the API's refusals, the form's
 * and the ordinance's alike (over the limit, s.9), land on the field. One
 * Idempotency-Key per opening of the form: a double submit files once.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { centsOf, linesOf } from '../form-values';
import type { MessageKey } from '../i18n/en';
import { useLanguage, wordsOr } from '../i18n/language';
import { claimSchema } from '../openapi';
import { href, navigate } from '../router';
import { useSession } from '../session';
import { useSignedInRequest } from './signed-in';

interface Person {
  name: string;
  address: string;
}
/** Another claimant of a joint claim, or a person a representative claims for. */
interface OtherPerson extends Person {
  amount: string;
  signed: boolean;
  abandonExcess: boolean;
}

const KINDS = ['individual', 'joint', 'representative'] as const;
type Kind = (typeof KINDS)[number];
const nobody = (): OtherPerson => ({ name: '', address: '', amount: '', signed: false, abandonExcess: false });

export function FileClaim() {
  const { t, language } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const [claimant, setClaimant] = useState<Person>({ name: session?.account.displayName ?? '', address: '' });
  const [amount, setAmount] = useState('');
  const [defendants, setDefendants] = useState<Person[]>([{ name: '', address: '' }]);
  const [subjectMatter, setSubjectMatter] = useState('');
  const [causeOfAction, setCauseOfAction] = useState('');
  const [particulars, setParticulars] = useState('');
  const [abandonExcess, setAbandonExcess] = useState(false);
  const [kind, setKind] = useState<Kind>('individual');
  const [others, setOthers] = useState<OtherPerson[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  // The subject matters the API takes, as its schema lists them: no copy to fall out of step.
  const [subjectMatters, setSubjectMatters] = useState<readonly string[]>([]);
  useEffect(() => {
    claimSchema().then((schema) => setSubjectMatters(schema.properties?.subjectMatter?.enum ?? []), setError);
  }, []);
  const fieldError = (path: string) => (error instanceof ApiProblem ? error.errorOf(path) : undefined);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const filed = await request<{ caseNo: string }>('POST', '/api/v1/sct/claims', {
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          kind,
          subjectMatter,
          claimants: [
            { name: claimant.name, address: { lines: linesOf(claimant.address) }, amountCents: centsOf(amount), ...(kind === 'joint' && abandonExcess ? { abandonExcess: true } : {}) },
            ...(kind === 'joint' ? others.map(asPerson) : []),
          ],
          ...(kind === 'representative' ? { representedPersons: others.map(asPerson) } : {}),
          defendants: defendants.map((d) => ({ name: d.name, address: { lines: linesOf(d.address) } })),
          particulars,
          ...(causeOfAction.trim() ? { causeOfAction } : {}),
          ...(abandonExcess && kind !== 'joint' ? { abandonExcess: true } : {}),
          language: language === 'en' ? 'en' : 'zh',
        },
      });
      if (filed) navigate(href(`/cases/${filed.caseNo}`, { filed: '1' }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<string, string> = {
    subjectMatter: t('claim.subjectMatter'),
    particulars: t('claim.particulars'),
    causeOfAction: t('claim.causeOfAction'),
    'claimants[0].name': t('claim.yourName'),
    'claimants[0].address.lines': t('claim.yourAddress'),
    'claimants[0].amountCents': t('claim.amount'),
  };
  // The others' fields, as the request names them: claimants after the first, or the represented persons.
  const otherPath = (i: number) => (kind === 'joint' ? `claimants[${i + 1}]` : `representedPersons[${i}]`);
  const otherWords: Record<'heading' | 'add' | 'remove', MessageKey> =
    kind === 'joint' ? { heading: 'claim.other', add: 'claim.addOther', remove: 'claim.removeOther' } : { heading: 'claim.represented', add: 'claim.addRepresented', remove: 'claim.removeRepresented' };
  others.forEach((_, i) => {
    const n = kind === 'joint' ? i + 2 : i + 1;
    labels[`${otherPath(i)}.name`] = `${t(otherWords.heading, { n })}: ${t('claim.otherName')}`;
    labels[`${otherPath(i)}.address.lines`] = `${t(otherWords.heading, { n })}: ${t('claim.otherAddress')}`;
    labels[`${otherPath(i)}.amountCents`] = `${t(otherWords.heading, { n })}: ${t('claim.amount')}`;
  });
  const setOther = (i: number, change: Partial<OtherPerson>) => setOthers(others.map((o, j) => (j === i ? { ...o, ...change } : o)));
  defendants.forEach((_, i) => {
    labels[`defendants[${i}].name`] = t('claim.defendantName', { n: i + 1 });
    labels[`defendants[${i}].address.lines`] = t('claim.defendantAddress', { n: i + 1 });
  });
  const setDefendant = (i: number, change: Partial<Person>) => setDefendants(defendants.map((d, j) => (j === i ? { ...d, ...change } : d)));

  return (
    <Page title={t('claim.title')}>
      <p>{t('claim.intro')}</p>
      {error !== null && <ProblemAlert error={error} labels={labels} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset class="subform">
          <legend>{t('claim.kind')}</legend>
          {KINDS.map((k) => (
            <div class="check" key={k}>
              <input
                type="radio"
                id={`kind-${k}`}
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setOthers(k === 'individual' ? [] : others.length > 0 ? others : [nobody()]);
                }}
              />
              <label for={`kind-${k}`}>{t(`claim.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>

        <fieldset class="subform">
          <legend>{t('claim.you')}</legend>
          <Field name="claimants[0].name" label={labels['claimants[0].name'] ?? ''} value={claimant.name} onInput={(name) => setClaimant({ ...claimant, name })} required error={fieldError('claimants[0].name')} autoComplete="name" />
          <Field name="claimants[0].address.lines" label={labels['claimants[0].address.lines'] ?? ''} hint={t('claim.addressHint')} value={claimant.address} onInput={(address) => setClaimant({ ...claimant, address })} error={fieldError('claimants[0].address.lines')} rows={3} />
          <Field name="claimants[0].amountCents" label={`${labels['claimants[0].amountCents'] ?? ''} (HK$)`} hint={t('claim.amountHint')} value={amount} onInput={setAmount} required error={fieldError('claimants[0].amountCents')} />
          <div class="field check">
            <input type="checkbox" id="abandonExcess" checked={abandonExcess} onChange={(e) => setAbandonExcess(e.currentTarget.checked)} aria-describedby="abandonExcess-hint" />
            <label for="abandonExcess">{t('claim.abandonExcess')}</label>
          </div>
          <p id="abandonExcess-hint" class="hint">
            {t('claim.abandonExcessHint')}
          </p>
        </fieldset>

        {kind !== 'individual' &&
          others.map((other, i) => {
            const path = otherPath(i);
            const n = kind === 'joint' ? i + 2 : i + 1;
            return (
              <fieldset class="subform" key={`${kind}-${i}`}>
                <legend>{t(otherWords.heading, { n })}</legend>
                <Field name={`${path}.name`} label={t('claim.otherName')} value={other.name} onInput={(name) => setOther(i, { name })} required error={fieldError(`${path}.name`)} />
                <Field name={`${path}.address.lines`} label={t('claim.otherAddress')} hint={t('claim.addressHint')} value={other.address} onInput={(address) => setOther(i, { address })} error={fieldError(`${path}.address.lines`)} rows={3} />
                <Field name={`${path}.amountCents`} label={`${t('claim.amount')} (HK$)`} value={other.amount} onInput={(amount) => setOther(i, { amount })} required error={fieldError(`${path}.amountCents`)} />
                <div class="field check">
                  <input type="checkbox" id={`${path}.signed`} checked={other.signed} onChange={(e) => setOther(i, { signed: e.currentTarget.checked })} />
                  <label for={`${path}.signed`}>{t('claim.signed')}</label>
                </div>
                {kind === 'joint' && (
                  <div class="field check">
                    <input type="checkbox" id={`${path}.abandonExcess`} checked={other.abandonExcess} onChange={(e) => setOther(i, { abandonExcess: e.currentTarget.checked })} />
                    <label for={`${path}.abandonExcess`}>{t('claim.theirAbandon')}</label>
                  </div>
                )}
                {others.length > 1 && (
                  <button type="button" class="secondary" onClick={() => setOthers(others.filter((_, j) => j !== i))}>
                    {t(otherWords.remove, { n })}
                  </button>
                )}
              </fieldset>
            );
          })}
        {kind !== 'individual' && (
          <p>
            <button type="button" class="secondary" onClick={() => setOthers([...others, nobody()])}>
              {t(otherWords.add)}
            </button>
          </p>
        )}

        {defendants.map((defendant, i) => (
          <fieldset class="subform" key={i}>
            <legend>{t('claim.defendant', { n: i + 1 })}</legend>
            <Field name={`defendants[${i}].name`} label={labels[`defendants[${i}].name`] ?? ''} value={defendant.name} onInput={(name) => setDefendant(i, { name })} required error={fieldError(`defendants[${i}].name`)} />
            <Field name={`defendants[${i}].address.lines`} label={labels[`defendants[${i}].address.lines`] ?? ''} hint={t('claim.addressHint')} value={defendant.address} onInput={(address) => setDefendant(i, { address })} error={fieldError(`defendants[${i}].address.lines`)} rows={3} />
            {defendants.length > 1 && (
              <button type="button" class="secondary" onClick={() => setDefendants(defendants.filter((_, j) => j !== i))}>
                {t('claim.removeDefendant', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" class="secondary" onClick={() => setDefendants([...defendants, { name: '', address: '' }])}>
            {t('claim.addDefendant')}
          </button>
        </p>

        <div class={fieldError('subjectMatter') ? 'field field-invalid' : 'field'}>
          <label for="subjectMatter">{labels.subjectMatter}</label>
          {fieldError('subjectMatter') && (
            <p id="subjectMatter-error" class="field-error">
              <span lang={language === 'en' ? undefined : 'en'}>{fieldError('subjectMatter')?.message}</span>
            </p>
          )}
          <select id="subjectMatter" value={subjectMatter} onChange={(e) => setSubjectMatter(e.currentTarget.value)} aria-required="true" {...(fieldError('subjectMatter') ? { 'aria-invalid': 'true', 'aria-describedby': 'subjectMatter-error' } : {})}>
            <option value="">{t('form.choose')}</option>
            {subjectMatters.map((s) => (
              <option key={s} value={s}>
                {wordsOr(t, `enum.subjectMatter.${s}`, s)}
              </option>
            ))}
          </select>
        </div>
        <Field name="causeOfAction" label={labels.causeOfAction ?? ''} hint={t('claim.causeOfActionHint')} value={causeOfAction} onInput={setCauseOfAction} error={fieldError('causeOfAction')} />
        <Field name="particulars" label={labels.particulars ?? ''} hint={t('claim.particularsHint')} value={particulars} onInput={setParticulars} error={fieldError('particulars')} rows={6} />
        <button type="submit" disabled={busy}>
          {t('claim.submit')}
        </button>
      </form>
    </Page>
  );
}

/** Another claimant or a represented person, as the request carries them. */
function asPerson(o: OtherPerson) {
  return { name: o.name, address: { lines: linesOf(o.address) }, amountCents: centsOf(o.amount), signed: o.signed, ...(o.abandonExcess ? { abandonExcess: true } : {}) };
}
