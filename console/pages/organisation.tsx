/**
 * An organisation's administration, for its principal administrator and
 * sub-administrators (seed 000: the iCMS brochure's organisation account):
 * its accounts (create, suspend, reactivate, move between branches, and
 * for the principal administrator a sub-administrator's delegated powers),
 * its branch codes (create, rename, deactivate, reactivate), assigning its
 * cases to its users and naming the default user who receives a case's work
 * when nobody is assigned, its maximums and the requests to raise them, and
 * the prepayment account's balance. What each administrator may do is the
 * API's to decide: a power they lack is refused there, worded and shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiForm } from '../components/api-form';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { ScrollTable } from '../components/scroll-table';
import { Words } from '../components/words';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage, wordsOr } from '../i18n/language';
import { bodySchema } from '../openapi';
import { useSession } from '../session';
import { useSignedInRequest } from './signed-in';

/** Who administers an organisation (the API's ORG_ADMINS). */
export const ORG_ADMIN_ROLES = new Set(['org-principal-admin', 'org-sub-admin']);

interface Member {
  accountId: string;
  username: string;
  displayName: string;
  role: string;
  status: 'active' | 'suspended';
  branchCode: string | null;
  powers: string[];
}
interface Branch {
  code: string;
  name: string;
  active: boolean;
}
interface Quota {
  kind: string;
  maximum: number;
  used: number;
  default: number;
  pendingRequest: { id: string; requestedMaximum: number } | null;
}
interface QuotaRequest {
  id: string;
  kind: string;
  currentMaximum: number;
  requestedMaximum: number;
  reason: string;
  status: string;
  requestedAt: string;
  approvedMaximum: number | null;
  refusalReasons: string[] | null;
}
interface DefaultUser {
  branchCode: string | null;
  accountId: string;
}
interface Everything {
  defaultUsers: DefaultUser[];
  members: Member[];
  branches: Branch[];
  quotas: Quota[];
  requests: QuotaRequest[];
  balanceCents: number | null;
}

const money = (cents: number) => (cents / 100).toLocaleString('en-HK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function Organisation() {
  const { t } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const organisationId = session?.account.organisationId ?? null;
  const base = `/api/v1/organisations/${encodeURIComponent(organisationId ?? '')}`;
  const [all, setAll] = useState<Everything | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [moveTo, setMoveTo] = useState<Record<string, string>>({});
  const [renameTo, setRenameTo] = useState<Record<string, string>>({});
  const [powersOf, setPowersOf] = useState<{ accountId: string; powers: string[] } | null>(null);
  const powersBox = useRef<HTMLFieldSetElement>(null);
  // The powers there are, as the API's schema for setting them lists them: no copy to fall out of step.
  const [powers, setPowers] = useState<readonly string[]>([]);
  useEffect(() => {
    bodySchema('/api/v1/organisations/{organisationId}/accounts/{accountId}/powers', 'put').then(
      (schema) => setPowers(schema.properties?.powers?.items?.enum ?? []),
      (err: unknown) => setError(err),
    );
  }, []);
  // Opened from a row of the table, the powers' form takes the keyboard, so it is not left behind on the button.
  useEffect(() => {
    if (powersOf) powersBox.current?.querySelector('input')?.focus();
  }, [powersOf?.accountId]);

  const load = async () => {
    if (!organisationId) return;
    try {
      const [members, branches, quotas, requests, prepayment, defaults] = await Promise.all([
        request<{ members: Member[] }>('GET', `${base}/members`),
        request<{ branches: Branch[] }>('GET', `${base}/branches`),
        request<{ quotas: Quota[] }>('GET', `${base}/quotas`),
        request<{ quotaRequests: QuotaRequest[] }>('GET', `${base}/quota-requests`),
        request<{ balanceCents: number }>('GET', `${base}/prepayment`, { query: { limit: '1' } }).catch(() => null),
        request<{ defaultUsers: DefaultUser[] }>('GET', `${base}/default-users`),
      ]);
      if (members && branches && quotas && requests && defaults)
        setAll({
          members: members.members,
          branches: branches.branches,
          quotas: quotas.quotas,
          requests: requests.quotaRequests,
          balanceCents: prepayment?.balanceCents ?? null,
          defaultUsers: defaults.defaultUsers,
        });
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
  }, [organisationId, session?.token]);

  /** A change from a button: the refusal at the top, the page read again after. */
  const change = async (method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, said: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await request(method, path, { body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      setDone(said);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const formDone = (said: string) => {
    setError(null);
    setDone(said);
    void load();
  };

  const title = t('org.title');
  if (!organisationId)
    return (
      <Page title={title}>
        <p>{t('org.noOrganisation')}</p>
      </Page>
    );
  if (all === null)
    return <Page title={title}>{error !== null ? <ProblemAlert error={error} /> : <p role="status">{t('app.loading')}</p>}</Page>;

  const principal = session?.account.role === 'org-principal-admin';
  const activeBranches = all.branches.filter((b) => b.active);
  const users = all.members.filter((m) => m.role === 'org-user' && m.status === 'active');
  return (
    <Page title={title}>
      {done && (
        <p role="status" class="done">
          {done}
        </p>
      )}
      {error !== null && <ProblemAlert error={error} />}
      {all.balanceCents !== null && (
        <p>
          <strong>{t('org.prepayment')}</strong> · {t('org.balance', { amount: money(all.balanceCents) })}
        </p>
      )}

      <h2>{t('org.members')}</h2>
      <ScrollTable label={t('org.members')} columns={[t('org.col.name'), t('org.col.role'), t('org.col.branch'), t('org.col.powers'), t('org.col.status'), t('org.col.actions')]}>
        {all.members.map((m) => {
          const self = m.accountId === session?.account.id;
          const name = m.displayName;
          return (
            <tr key={m.accountId}>
              <th scope="row">
                <span class="names">{name}</span>
                <p class="hint">{m.username}</p>
              </th>
              <td>
                <Words k={`enum.role.${m.role}`} fallback={m.role} />
              </td>
              <td class="nowrap">{m.branchCode ?? '—'}</td>
              <td>{m.role === 'org-user' ? '—' : m.powers.map((p) => wordsOr(t, `enum.powers.${p}`, p)).join('; ')}</td>
              <td>
                <Words k={`org.status.${m.status}`} fallback={m.status} />
              </td>
              <td class="wrap-actions">
                {!self && m.role !== 'org-principal-admin' && (
                  <>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy}
                      onClick={() => void change('POST', `/api/v1/accounts/${m.accountId}/${m.status === 'active' ? 'suspend' : 'reactivate'}`, undefined, t('org.saved'))}
                    >
                      {t(m.status === 'active' ? 'org.suspend' : 'org.reactivate', { name })}
                    </button>
                    <span class="inline-field">
                      <label for={`move-${m.accountId}`}>{t('org.moveTo', { name })}</label>
                      <select id={`move-${m.accountId}`} value={moveTo[m.accountId] ?? m.branchCode ?? ''} onChange={(e) => setMoveTo((was) => ({ ...was, [m.accountId]: e.currentTarget.value }))}>
                        {activeBranches.map((b) => (
                          <option key={b.code} value={b.code}>
                            {b.code} {b.name}
                          </option>
                        ))}
                      </select>
                    </span>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy || (moveTo[m.accountId] ?? m.branchCode) === m.branchCode}
                      onClick={() => void change('PUT', `${base}/accounts/${m.accountId}/branch`, { branchCode: moveTo[m.accountId] }, t('org.saved'))}
                    >
                      {t('org.move', { name })}
                    </button>
                    {principal && m.role === 'org-sub-admin' && (
                      <button type="button" class="secondary" onClick={() => setPowersOf({ accountId: m.accountId, powers: m.powers })}>
                        {t('org.editPowers', { name })}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </ScrollTable>

      {powersOf && (
        <form
          class="subform"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void change('PUT', `${base}/accounts/${powersOf.accountId}/powers`, { powers: powersOf.powers }, t('org.saved')).then(() => setPowersOf(null));
          }}
        >
          <fieldset ref={powersBox}>
            <legend>{t('org.editPowers', { name: all.members.find((m) => m.accountId === powersOf.accountId)?.displayName ?? '' })}</legend>
            {powers.map((p) => (
              <div class="check" key={p}>
                <input
                  type="checkbox"
                  id={`power-${p}`}
                  checked={powersOf.powers.includes(p)}
                  onChange={(e) => setPowersOf({ ...powersOf, powers: e.currentTarget.checked ? [...powersOf.powers, p] : powersOf.powers.filter((q) => q !== p) })}
                />
                <label for={`power-${p}`}>{wordsOr(t, `enum.powers.${p}`, p)}</label>
              </div>
            ))}
          </fieldset>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {t('org.savePowers')}
            </button>
            <button type="button" class="secondary" onClick={() => setPowersOf(null)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}

      <ApiForm<{ account: { username: string }; initialPassword?: string | null }>
        schemaPath="/api/v1/organisations/{organisationId}/accounts"
        path={`${base}/accounts`}
        heading={t('org.newAccount')}
        button={t('org.create')}
        onDone={(made) =>
          formDone(`${t('org.created', { username: made.account.username })}${made.initialPassword ? ` ${t('org.initialPassword', { password: made.initialPassword })}` : ''}`)
        }
      />

      <h2>{t('org.branches')}</h2>
      <ScrollTable label={t('org.branches')} columns={[t('org.col.code'), t('org.col.name'), t('org.col.actions')]}>
        {all.branches.map((b) => (
          <tr key={b.code}>
            <th scope="row" class="nowrap">
              {b.code}
            </th>
            <td>
              <span class="names">{b.name}</span>
              {!b.active && <> ({t('org.inactive')})</>}
            </td>
            <td class="wrap-actions">
              <span class="inline-field">
                <label for={`rename-${b.code}`}>{t('org.rename', { code: b.code })}</label>
                <input type="text" id={`rename-${b.code}`} value={renameTo[b.code] ?? ''} onInput={(e) => setRenameTo((was) => ({ ...was, [b.code]: e.currentTarget.value }))} />
              </span>
              <button type="button" class="secondary" disabled={busy || !(renameTo[b.code] ?? '').trim()} onClick={() => void change('PATCH', `${base}/branches/${b.code}`, { name: renameTo[b.code] }, t('org.saved'))}>
                {t('org.renameButton', { code: b.code })}
              </button>
              {b.code !== 'MAIN' && (
                <button type="button" class="secondary" disabled={busy} onClick={() => void change('PATCH', `${base}/branches/${b.code}`, { active: !b.active }, t('org.saved'))}>
                  {t(b.active ? 'org.deactivate' : 'org.reactivateBranch', { code: b.code })}
                </button>
              )}
            </td>
          </tr>
        ))}
      </ScrollTable>
      <ApiForm schemaPath="/api/v1/organisations/{organisationId}/branches" path={`${base}/branches`} heading={t('org.newBranch')} button={t('org.createBranch')} onDone={() => formDone(t('org.saved'))} />

      <h2>{t('org.defaults')}</h2>
      <p class="hint">{t('org.defaultsHint')}</p>
      {all.defaultUsers.length === 0 ? (
        <p>{t('org.none')}</p>
      ) : (
        <ul>
          {all.defaultUsers.map((d) => (
            <li key={d.branchCode ?? ''}>
              {d.branchCode ?? t('org.wholeOrganisation')}: <span class="names">{all.members.find((m) => m.accountId === d.accountId)?.displayName ?? d.accountId}</span>
            </li>
          ))}
        </ul>
      )}
      <DefaultUserForm
        branches={activeBranches}
        users={users}
        busy={busy}
        onSet={(branchCode, accountId) => void change('PUT', `${base}/default-users`, { branchCode, accountId }, t('org.saved'))}
      />

      <h2>{t('org.assign')}</h2>
      <p class="hint">{t('org.assignHint')}</p>
      <AssignCase base={base} users={users} onDone={formDone} />

      <h2>{t('org.quotas')}</h2>
      <ScrollTable label={t('org.quotas')} columns={[t('org.col.kind'), t('org.col.maximum'), t('org.col.used'), t('org.col.default'), t('org.col.pending')]}>
        {all.quotas.map((q) => (
          <tr key={q.kind}>
            <th scope="row">
              <Words k={`enum.kind.${q.kind}`} fallback={q.kind} />
            </th>
            <td>{q.maximum}</td>
            <td>{q.used}</td>
            <td>{q.default}</td>
            <td>{q.pendingRequest ? q.pendingRequest.requestedMaximum : '—'}</td>
          </tr>
        ))}
      </ScrollTable>
      <ApiForm schemaPath="/api/v1/organisations/{organisationId}/quota-requests" path={`${base}/quota-requests`} heading={t('org.requestQuota')} button={t('org.requestButton')} onDone={() => formDone(t('org.requested'))} />
      <h3>{t('org.requests')}</h3>
      {all.requests.length === 0 ? (
        <p>{t('org.none')}</p>
      ) : (
        <ul>
          {all.requests.map((r) => (
            <li key={r.id}>
              <time dateTime={r.requestedAt}>{hongKongTime(r.requestedAt)}</time> ·{' '}
              {t('quotaRequests.request', { kind: wordsOr(t, `enum.kind.${r.kind}`, r.kind), current: r.currentMaximum, requested: r.requestedMaximum })} ·{' '}
              <Words k={`quota.status.${r.status}`} fallback={r.status} />
              {r.approvedMaximum !== null && <> ({r.approvedMaximum})</>}
              {r.refusalReasons && (
                <>
                  {' '}
                  <span class="names">{r.refusalReasons.join('; ')}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** Assigning a case: the user chosen from the organisation's active users (the API takes their account id). */
function AssignCase({ base, users, onDone }: { base: string; users: Member[]; onDone(said: string): void }) {
  const { t } = useLanguage();
  const [accountId, setAccountId] = useState('');
  const user = users.find((u) => u.accountId === accountId);
  return (
    <>
      <UserChoice id="assign-user" label={t('field.accountId')} none={t('form.choose')} users={users} value={accountId} onChange={setAccountId} />
      <ApiForm<{ caseNo: string }>
        schemaPath="/api/v1/organisations/{organisationId}/case-assignments"
        path={`${base}/case-assignments`}
        heading={t('org.assign')}
        button={t('org.assignButton')}
        fixed={{ accountId }}
        onDone={(assigned) => onDone(t('org.assigned', { caseNo: assigned.caseNo, name: user?.displayName ?? '' }))}
      />
    </>
  );
}

/** Naming (or removing) the default user of the organisation or of one branch: who receives a case's work when nobody is assigned. */
function DefaultUserForm({ branches, users, busy, onSet }: { branches: Branch[]; users: Member[]; busy: boolean; onSet(branchCode: string | null, accountId: string | null): void }) {
  const { t } = useLanguage();
  const [branch, setBranch] = useState('');
  const [accountId, setAccountId] = useState('');
  return (
    <form
      class="subform"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSet(branch === '' ? null : branch, accountId === '' ? null : accountId);
      }}
    >
      <div class="field">
        <label for="default-branch">{t('org.col.branch')}</label>
        <select id="default-branch" value={branch} onChange={(e) => setBranch(e.currentTarget.value)}>
          <option value="">{t('org.wholeOrganisation')}</option>
          {branches.map((b) => (
            <option key={b.code} value={b.code}>
              {b.code} {b.name}
            </option>
          ))}
        </select>
      </div>
      <UserChoice id="default-user" label={t('org.defaultUser')} none={t('org.noDefault')} users={users} value={accountId} onChange={setAccountId} />
      <button type="submit" disabled={busy}>
        {t('org.setDefault')}
      </button>
    </form>
  );
}

/** One of the organisation's active users, chosen by name, username and branch; `none` is the empty choice. */
function UserChoice({ id, label, none, users, value, onChange }: { id: string; label: string; none: string; users: Member[]; value: string; onChange(accountId: string): void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{none}</option>
        {users.map((u) => (
          <option key={u.accountId} value={u.accountId}>
            {u.displayName} ({u.username}, {u.branchCode ?? '—'})
          </option>
        ))}
      </select>
    </div>
  );
}
