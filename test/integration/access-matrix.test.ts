/**
 * Who may call what: every operation the app mounts (iterated from
 * `appOperations`, so a new route fails this file until it is given a row),
 * called by each kind of caller, on a real Temporal dev server and
 * PostgreSQL. Each call either gets past access control (any answer but
 * 401, 403 or 404) or is refused with the status the rules give. Then: every
 * successful state-changing request and every read of a case left an audit
 * entry with its request ID, and `courtflow audit verify` passes, until a row
 * is tampered with.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { appOperations } from '../../api/app';
import { createTokenService } from '../../api/identity/tokens';
import type { Operation } from '../../api/operations';
import { runAuditCommand } from '../../cli/commands/audit';
import { currentCalendar } from '../../db/court-calendar';
import { FILER_ROLES, type Role } from '../../domain/identity/actor';
import { FILING_STEPS } from '../../domain/filing';
import { REGISTRATION_STEPS } from '../../domain/registration';
import { STEP_NAMES, stepRoles } from '../../domain/sct/case';
import { rolesOf } from '../../domain/steps/step-kit';
import { aClaim } from '../support/claims';
import { SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

type Persona = 'public' | 'individual (linked)' | 'individual (not linked)' | 'org user' | 'org admin' | 'registry officer' | 'adjudicator' | 'auditor';
const PERSONAS: readonly Persona[] = ['public', 'individual (linked)', 'individual (not linked)', 'org user', 'org admin', 'registry officer', 'adjudicator', 'auditor'];
const ROLE_OF: Record<Persona, Role> = {
  public: 'public',
  'individual (linked)': 'individual-user',
  'individual (not linked)': 'individual-user',
  'org user': 'org-user',
  'org admin': 'org-principal-admin',
  'registry officer': 'registry-officer',
  adjudicator: 'adjudicator',
  auditor: 'auditor',
};

const SIGNED_IN: readonly Role[] = ['individual-user', 'org-principal-admin', 'org-sub-admin', 'org-user', 'registry-officer', 'adjudicator', 'auditor', 'system'];
const ORG_ADMINS: readonly Role[] = ['org-principal-admin', 'org-sub-admin'];
const DOCUMENT_ROLES: readonly Role[] = ['individual-user', 'org-user', 'org-principal-admin', 'org-sub-admin', 'registry-officer'];
const FILING_READERS: readonly Role[] = [...FILER_ROLES, 'registry-officer', 'adjudicator', 'auditor'];

/** The roles each operation allows, written out here independently of the declarations. */
const NON_STEP_RULES: Record<string, 'public' | readonly Role[]> = {
  healthz: 'public',
  readyz: 'public',
  login: 'public',
  logout: SIGNED_IN,
  getMe: SIGNED_IN,
  changePassword: SIGNED_IN,
  createApiKey: SIGNED_IN,
  listApiKeys: SIGNED_IN,
  revokeApiKey: SIGNED_IN,
  createIndividualAccount: ['registry-officer'],
  suspendAccount: ['registry-officer', ...ORG_ADMINS],
  reactivateAccount: ['registry-officer', ...ORG_ADMINS],
  createOrganisation: ['registry-officer'],
  listOrganisationAccounts: ['registry-officer', 'auditor', ...ORG_ADMINS],
  createOrganisationAccount: ORG_ADMINS,
  assignCase: ORG_ADMINS,
  linkParty: ['registry-officer'],
  listBranches: ['registry-officer', 'auditor', ...ORG_ADMINS],
  createBranch: ORG_ADMINS,
  updateBranch: ORG_ADMINS,
  listOrganisationMembers: ['registry-officer', 'auditor', ...ORG_ADMINS],
  setSubAdminPowers: ['org-principal-admin'],
  moveAccountToBranch: ORG_ADMINS,
  listDefaultUsers: ['registry-officer', 'auditor', ...ORG_ADMINS],
  setDefaultUser: ORG_ADMINS,
  getOrganisationQuotas: ['registry-officer', 'auditor', ...ORG_ADMINS],
  requestQuotaChange: ORG_ADMINS,
  listOrganisationQuotaRequests: ['registry-officer', 'auditor', ...ORG_ADMINS],
  listQuotaRequests: ['registry-officer', 'auditor'],
  decideQuotaRequest: ['registry-officer'],
  fileSmallClaim: FILER_ROLES,
  getSmallClaim: ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'],
  getCourtCalendar: 'public',
  declareClosureDay: ['registry-officer'],
  withdrawClosureDay: ['registry-officer'],
  syncCourtCalendar: ['registry-officer'],
  computeDeadline: 'public',
  searchCauseBook: 'public',
  listSmallClaims: ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'],
  searchAccounts: ['registry-officer', 'auditor', ...ORG_ADMINS],
  uploadDocument: DOCUMENT_ROLES,
  getDocument: DOCUMENT_ROLES,
  getDocumentContent: DOCUMENT_ROLES,
  listInbox: SIGNED_IN,
  getInboxMessage: SIGNED_IN,
  markInboxMessageRead: SIGNED_IN,
  markInboxMessageUnread: SIGNED_IN,
  downloadInboxAttachment: SIGNED_IN,
  getMyLanguage: SIGNED_IN,
  setMyLanguage: SIGNED_IN,
  getMyConsoleLanguage: SIGNED_IN,
  setMyConsoleLanguage: SIGNED_IN,
  openFiling: FILER_ROLES,
  listFilings: FILING_READERS,
  readFiling: FILING_READERS,
  downloadAcknowledgement: FILING_READERS,
  downloadPaymentReceipt: FILING_READERS,
  beginEnforcement: FILER_ROLES,
  receivePaymentCallback: 'public',
  returnFromPayment: 'public',
  readPrepaymentAccount: [...FILER_ROLES, 'org-principal-admin', 'org-sub-admin', 'registry-officer', 'auditor'],
  recordPrepaymentTopUp: ['registry-officer'],
  quoteFees: ['individual-user', 'org-user', 'org-principal-admin', 'org-sub-admin', 'registry-officer'],
  applyToRegister: 'public',
  listRegistrations: ['registry-officer'],
  readRegistration: 'public',
  uploadRegistrationDocument: 'public',
  listCaseDocuments: ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'],
  getCaseDocumentContent: ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'],
  searchPublicDocuments: 'public',
  getPublicDocumentContent: 'public',
  verifyDocumentReference: 'public',
  listWorkQueue: ['registry-officer', 'adjudicator'],
  claimWorkItem: ['registry-officer', 'adjudicator'],
  releaseWorkItem: ['registry-officer', 'adjudicator'],
  actOnWorkItem: ['registry-officer', 'adjudicator'],
  getMyNotificationPreferences: SIGNED_IN,
  setMyNotificationPreferences: SIGNED_IN,
  listMyWebhooks: SIGNED_IN,
  createMyWebhook: SIGNED_IN,
  revokeMyWebhook: SIGNED_IN,
  listNotificationDeliveries: ['registry-officer', 'auditor'],
  resendNotificationDelivery: ['registry-officer'],
  previewDigest: ['registry-officer', 'adjudicator'],
  getCaseHistory: ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'],
  getFilingHistory: ['individual-user', 'org-user', 'registry-officer', 'adjudicator', 'auditor'],
  getDigestSchedule: ['registry-officer', 'adjudicator', 'auditor'],
  pauseDigest: ['registry-officer'],
  unpauseDigest: ['registry-officer'],
  triggerDigest: ['registry-officer'],
  // The audit log: auditors only (those it watches do not read it).
  listAuditLog: ['auditor'],
  getAuditPublicKey: 'public',
  // The court clock: anyone reads it; on a training stack, the staff who run hearings move it.
  getCourtTime: 'public',
  // Exporting a signed bundle of a case or a filing: auditors only.
  exportCaseBundle: ['auditor'],
  exportFilingBundle: ['auditor'],
  moveCourtClock: ['registry-officer', 'adjudicator'],
};
/** Steps of filings and registrations: who each admits, from their own tables. */
const PROCESS_STEP_RULES: Record<string, readonly Role[]> = Object.fromEntries(
  [...Object.entries(FILING_STEPS), ...Object.entries(REGISTRATION_STEPS)].map(([name, rule]) => [name, rolesOf(rule.who)]),
);
const FILING_STEP_IDS = new Set(Object.keys(FILING_STEPS));
const APPLICANT_STEP_IDS = new Set(Object.entries(REGISTRATION_STEPS).filter(([, r]) => r.who.includes('public')).map(([n]) => n));
/** Operations on an id nobody holds: whoever gets past the role check is told it does not exist. */
const NO_SUCH_THING = new Set([
  'getDocument',
  'getDocumentContent',
  'getInboxMessage',
  'markInboxMessageRead',
  'markInboxMessageUnread',
  'downloadInboxAttachment',
  'claimWorkItem',
  'releaseWorkItem',
  'actOnWorkItem',
  'revokeMyWebhook',
  'resendNotificationDelivery',
  // This stack's worker made no digest schedule: past the role check, there is none (pausing without a note is refused first).
  'getDigestSchedule',
  'triggerDigest',
]);
const STEP_IDS = new Set<string>(STEP_NAMES);
const rulesOf = (operationId: string): 'public' | readonly Role[] | undefined =>
  STEP_IDS.has(operationId) ? stepRoles(operationId as (typeof STEP_NAMES)[number]) : (NON_STEP_RULES[operationId] ?? PROCESS_STEP_RULES[operationId]);

/** Operations on one case: refused with 404 (never 401/403 that would confirm the case) to filers not linked to it. */
const CASE_SCOPED = (operationId: string) => operationId === 'getSmallClaim' || operationId === 'beginEnforcement' || STEP_IDS.has(operationId);

type Outcome = 'allowed' | 401 | 403 | 404;

function expected(operationId: string, persona: Persona): Outcome {
  const rules = rulesOf(operationId);
  if (rules === undefined) throw new Error(`no access rule for ${operationId}`);
  const role = ROLE_OF[persona];
  // An application to register: the registry sees it; anyone else only with its access token (none here).
  if (operationId === 'readRegistration' || operationId === 'uploadRegistrationDocument') return role === 'registry-officer' ? 'allowed' : 404;
  // A document reference number nobody was given: not found, to anyone.
  if (['getPublicDocumentContent', 'verifyDocumentReference', 'getCaseDocumentContent', 'returnFromPayment'].includes(operationId)) return 404;
  // A callback without the provider's signature: refused, whoever sends it.
  if (operationId === 'receivePaymentCallback') return 403;
  if (rules === 'public') return 'allowed';
  if (APPLICANT_STEP_IDS.has(operationId)) return role === 'public' ? 404 : 403;
  // A filing is 404 to anyone who may not see it: not its filer (linked individual), not court staff.
  const filingReader = persona === 'individual (linked)' || ['registry-officer', 'adjudicator', 'auditor'].includes(role);
  if (operationId === 'readFiling' || operationId === 'getFilingHistory' || operationId === 'downloadAcknowledgement' || operationId === 'downloadPaymentReceipt') return filingReader ? 'allowed' : 404;
  // An organisation's prepayment account: its own people, the registry and auditors; to anyone else it does not exist.
  if (operationId === 'readPrepaymentAccount' && rules.includes(role)) return persona.startsWith('individual') ? 404 : 'allowed';
  // A document is 404 to whoever may not read it, the public included: the answer never confirms an id.
  if (operationId === 'getDocument' || operationId === 'getDocumentContent') return 404;
  // A case's or a filing's bundle: exported for auditors; to anyone else, the public included, it does not exist.
  if (operationId === 'exportCaseBundle' || operationId === 'exportFilingBundle') return role === 'auditor' ? 'allowed' : 404;
  // The full view of a case is 404 to anyone who may not see it, the public included.
  if (operationId === 'getSmallClaim' || operationId === 'getCaseHistory' || operationId === 'listCaseDocuments') {
    if (!rules.includes(role) || persona === 'individual (not linked)') return 404;
    return 'allowed';
  }
  if (role === 'public') return 401;
  if (!rules.includes(role)) return 403;
  if (CASE_SCOPED(operationId) && persona === 'individual (not linked)') return 404;
  if (FILING_STEP_IDS.has(operationId) && !filingReader) return 404;
  if (NO_SUCH_THING.has(operationId)) return 404;
  // Officers suspend individual users and principal administrators; an organisation administrator only their own organisation's.
  if ((operationId === 'suspendAccount' || operationId === 'reactivateAccount') && ORG_ADMINS.includes(role)) return 403;
  // A key id that is nobody's: refused as "no such key" to whoever asks, after access control.
  if (operationId === 'revokeApiKey') return 404;
  return 'allowed';
}

let stack: TestStack;
let operations: Operation[];
const who = {} as Record<Exclude<Persona, 'public'>, SignedIn>;
let caseNo: string;
let organisationId: string;
let throwawayAccountId: string;
let filingReference: string;
let registrationReference: string;

beforeAll(async () => {
  stack = await startTestStack({ payments: true });
  // The same list the app mounts (deps only shape handlers; the list is what matters here).
  operations = appOperations({
    pool: stack.db.pool,
    temporal: stack.env.client,
    logger: pino({ level: 'silent' }),
    calendar: () => currentCalendar(stack.db.pool),
    version: 'test',
    tokens: createTokenService({ secret: Buffer.alloc(32, 1) }),
  });
  const officer = await stack.officer();
  who['registry officer'] = officer;
  who.adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  who.auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
  who['individual (linked)'] = await stack.newIndividual();
  who['individual (not linked)'] = await stack.newIndividual('Ho Ka Ming');
  throwawayAccountId = (await stack.newIndividual('Lam Siu Fung')).id;

  const filed = await call('post', '/api/v1/sct/claims', who['individual (linked)'].headers, aClaim());
  expect(filed.status).toBe(201);
  caseNo = String(filed.body.caseNo);

  const adminUsername = `principal-${Date.now().toString(36)}`;
  const org = await call('post', '/api/v1/organisations', officer.headers, {
    name: 'Wong & Partners',
    principalAdmin: { username: adminUsername, displayName: 'Wong', password: 'principal-password-1' },
  });
  expect(org.status).toBe(201);
  organisationId = String((org.body.organisation as Record<string, unknown>).id);
  who['org admin'] = await stack.login(adminUsername, 'principal-password-1');
  const userName = `orguser-${Date.now().toString(36)}`;
  const user = await call('post', `/api/v1/organisations/${organisationId}/accounts`, who['org admin'].headers, {
    username: userName,
    displayName: 'Cheung',
    role: 'org-user',
    password: 'member-password-1',
  });
  expect(user.status).toBe(201);
  // The organisation acts for the defendant; its administrator assigns the case to its user.
  expect((await call('post', `/api/v1/cases/${caseNo}/parties/D1/links`, officer.headers, { organisationId })).status).toBe(201);
  const userId = String((user.body.account as Record<string, unknown>).id);
  expect((await call('post', `/api/v1/organisations/${organisationId}/case-assignments`, who['org admin'].headers, { caseNo, accountId: userId })).status).toBe(200);
  who['org user'] = await stack.login(userName, 'member-password-1');

  const filing = await call('post', '/api/v1/filings', who['individual (linked)'].headers, { caseNo });
  expect(filing.status).toBe(201);
  filingReference = String(filing.body.reference);
  const application = await call('post', '/api/v1/registrations', {}, {
    kind: 'individual',
    name: 'Lee Siu Ming',
    username: `applicant-${Date.now().toString(36)}`,
    password: 'applicant-password-1',
    caseNo,
  });
  expect(application.status).toBe(201);
  registrationReference = String((application.body.registration as Record<string, unknown>).reference);
});
afterAll(async () => {
  await stack?.stop();
});

async function call(method: Operation['method'], path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: method.toUpperCase(),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // A download (a PDF, a bundle's archive) is not JSON: only its status and request id matter here.
  const json = /json/.test(res.headers.get('content-type') ?? '');
  const text = json ? await res.text() : (await res.arrayBuffer(), '');
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

function pathOf(op: Operation): string {
  const values: Record<string, string> = {
    caseNo,
    accountId: throwawayAccountId,
    organisationId,
    keyId: randomUUID(),
    partyId: 'D1',
    rule: 'sct.hearing',
    date: '2026-07-20',
    branchCode: 'MAIN',
    quotaRequestId: randomUUID(),
    messageId: randomUUID(),
    name: 'acknowledgement.pdf',
    documentId: 'DOC-7K4Q-M2XA-9RTB',
    reference: op.path.startsWith('/api/v1/registrations') ? registrationReference : filingReference,
    documentReferenceNo: 'EF-2026-999999-D1',
    paymentId: 'EF-2026-999999-P1',
    // A work item of a filing that does not exist: nobody's queue holds it.
    itemId: 'filing~EF-2026-999999~review',
    webhookId: randomUUID(),
    deliveryId: randomUUID(),
  };
  const path = op.path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the matrix has no value for the path parameter :${name} of ${op.operationId}`);
    return value;
  });
  return op.operationId === 'computeDeadline' ? `${path}?from=2026-03-02` : path;
}

describe('the access matrix', () => {
  it('when the app is built, then every operation has a rule here and declares the same roles in OpenAPI', () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      const rules = rulesOf(op.operationId);
      expect([op.operationId, rules === undefined ? 'missing' : 'ok']).toEqual([op.operationId, 'ok']);
      expect([op.operationId, op.auth === 'public' ? 'public' : [...op.auth].sort()]).toEqual([op.operationId, rules === 'public' ? 'public' : [...(rules ?? [])].sort()]);
    }
  });

  it('when each kind of caller calls every operation, then it is let through or refused exactly as the rules say, and each success is audited', async () => {
    const mismatches: string[] = [];
    const audited: { requestId: string; what: string }[] = [];
    for (const op of operations) {
      for (const persona of PERSONAS) {
        const headers = persona === 'public' ? {} : who[persona].headers;
        // An empty body: whoever gets past access control is then refused by validation (400), so nothing changes.
        const body = op.method === 'get' || op.method === 'delete' ? undefined : {};
        const res = await call(op.method, pathOf(op), headers, body);
        const want = expected(op.operationId, persona);
        const got: Outcome | number = res.status === 401 || res.status === 403 || res.status === 404 ? res.status : 'allowed';
        if (got !== want || res.status >= 500) mismatches.push(`${op.method.toUpperCase()} ${op.path} (${op.operationId}) as ${persona}: expected ${want}, got ${res.status}`);
        const changed = op.method !== 'get' && res.status < 400;
        const viewed = op.operationId === 'getSmallClaim' && res.status === 200;
        if ((changed || viewed) && res.requestId) audited.push({ requestId: res.requestId, what: `${op.operationId} as ${persona}` });
      }
    }
    expect(mismatches).toEqual([]);
    // Case reads by staff and by the linked filers at least.
    expect(audited.length).toBeGreaterThan(0);
    const { rows } = await stack.db.pool.query<{ request_id: string }>('SELECT DISTINCT request_id FROM audit_log WHERE request_id = ANY($1)', [
      audited.map((a) => a.requestId),
    ]);
    const found = new Set(rows.map((r) => r.request_id));
    expect(audited.filter((a) => !found.has(a.requestId)).map((a) => a.what)).toEqual([]);
  });

  it('when a non-public case is read, then the entry names the reader, on whose behalf, the action and the case', async () => {
    const res = await call('get', `/api/v1/sct/claims/${caseNo}`, who['org user'].headers);
    expect(res.status).toBe(200);
    const { rows } = await stack.db.pool.query('SELECT actor_id, actor_role, on_behalf_of, action, target FROM audit_log WHERE request_id = $1', [res.requestId]);
    expect(rows).toEqual([
      { actor_id: who['org user'].id, actor_role: 'org-user', on_behalf_of: 'party:D1', action: 'sct.case.viewed', target: `case:${caseNo}` },
    ]);
  });
});

describe('courtflow audit verify', () => {
  const run = async () => {
    let stdout = '';
    const code = await runAuditCommand(['verify'], { stdout: (s) => (stdout += s), stderr: (s) => (stdout += s) }, {
      DATABASE_URL: stack.db.url,
      // The API's data dir: the audit key an auditor's bundle export anchored the chain with.
      ...(process.env.COURTFLOW_DATA_DIR ? { COURTFLOW_DATA_DIR: process.env.COURTFLOW_DATA_DIR } : {}),
    });
    return { code, stdout };
  };

  it('when run after the API has been used, then the chain is intact (exit 0)', async () => {
    const result = await run();
    expect(result.stdout).toMatch(/^audit log intact: \d+ entries/);
    expect(result.code).toBe(0);
  });

  it('when a row is altered behind the triggers, then it fails (exit 1) naming the row', async () => {
    const { rows } = await stack.db.pool.query<{ seq: string }>("SELECT seq FROM audit_log WHERE action = 'sct.case.viewed' ORDER BY seq LIMIT 1");
    const seq = Number(rows[0]?.seq);
    const client = await stack.db.pool.connect();
    try {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await client.query("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = $1", [seq]);
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    } finally {
      client.release();
    }
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`BROKEN at seq ${seq}`);
  });
});
