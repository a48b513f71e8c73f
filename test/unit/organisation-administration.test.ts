/** Organisation administration as the iCMS brochure lists it: delegated powers, branch codes, cross-branch assignment, default users, quotas. */
import {
  caseAssignmentRefusal,
  hasPower,
  mayAdminister,
  mayAssignCases,
  mayCreateInOrganisation,
  mayDelegatePowers,
  powerRefusal,
  powersOf,
  type Administrator,
} from '../../domain/identity/administration';
import { deactivationRefusal, MAIN_BRANCH, newBranchRefusal, usableBranchRefusal, type Branch } from '../../domain/identity/branches';
import { defaultUserRefusal, receiverOfWork, type Candidate } from '../../domain/identity/default-users';
import { DEFAULT_SUB_ADMIN_POWERS, normalisePowers, POWERS, type Power } from '../../domain/identity/powers';
import {
  decisionRefusal,
  DEFAULT_MAXIMUMS,
  maximumOf,
  QUOTA_KINDS,
  quotaKindOfRole,
  quotaRefusal,
  quotaRequestRefusal,
  type QuotaRequest,
} from '../../domain/identity/quotas';

const org = 'org-a';
const principal: Administrator = { id: 'p', role: 'org-principal-admin', organisationId: org, canManageSubAdmins: false, powers: [], branchCode: 'MAIN' };
const sub = (powers: readonly Power[], branchCode = 'HQ'): Administrator => ({
  id: 's',
  role: 'org-sub-admin',
  organisationId: org,
  canManageSubAdmins: powers.includes('manage-sub-admins'),
  powers,
  branchCode,
});

describe('delegated powers', () => {
  it('when the principal administrator acts, then they hold every power, whatever is stored', () => {
    expect([...powersOf(principal)].sort()).toEqual([...POWERS].sort());
    expect(mayDelegatePowers(principal)).toBe(true);
  });

  it('when a sub-administrator was described before powers (no powers field), then the defaults, plus manage-sub-admins with the old flag', () => {
    const legacy: Administrator = { id: 's', role: 'org-sub-admin', organisationId: org, canManageSubAdmins: false };
    expect(normalisePowers(powersOf(legacy))).toEqual(DEFAULT_SUB_ADMIN_POWERS);
    expect(hasPower({ ...legacy, canManageSubAdmins: true }, 'manage-sub-admins')).toBe(true);
    expect(DEFAULT_SUB_ADMIN_POWERS).toEqual(['manage-org-users', 'assign-cases']);
  });

  it('when an organisation user or an officer is asked, then they hold no power', () => {
    expect(powersOf({ id: 'u', role: 'org-user', organisationId: org, canManageSubAdmins: false }).size).toBe(0);
    expect(powersOf({ id: 'o', role: 'registry-officer', organisationId: null, canManageSubAdmins: false }).size).toBe(0);
    expect(mayDelegatePowers(sub([...POWERS]))).toBe(false);
  });

  it.each([
    ['manage-org-users', () => mayCreateInOrganisation(sub(['manage-org-users']), 'org-user', org), () => mayCreateInOrganisation(sub([]), 'org-user', org)],
    ['manage-sub-admins', () => mayCreateInOrganisation(sub(['manage-sub-admins']), 'org-sub-admin', org), () => mayCreateInOrganisation(sub(['manage-org-users']), 'org-sub-admin', org)],
    ['assign-cases', () => mayAssignCases(sub(['assign-cases']), org), () => mayAssignCases(sub(['manage-org-users']), org)],
  ] as const)('when a sub-administrator holds %s, then they may use it; without it, not', (_power, withIt, withoutIt) => {
    expect(withIt()).toBe(true);
    expect(withoutIt()).toBe(false);
  });

  it('when a sub-administrator suspends, then only the roles their powers cover', () => {
    const user = { id: 'x', role: 'org-user' as const, organisationId: org };
    const otherSub = { id: 'y', role: 'org-sub-admin' as const, organisationId: org };
    expect(mayAdminister(sub(['manage-org-users']), user)).toBe(true);
    expect(mayAdminister(sub(['manage-org-users']), otherSub)).toBe(false);
    expect(mayAdminister(sub(['manage-sub-admins']), user)).toBe(false);
    expect(mayAdminister(sub(['manage-sub-admins']), otherSub)).toBe(true);
  });

  it.each(POWERS.map((p) => [p]))('when a sub-administrator lacks %s, then the refusal names the power and the rule', (power) => {
    expect(powerRefusal(sub(POWERS.filter((p) => p !== power)), power)).toMatchObject({
      code: 'power-not-delegated',
      field: '(body)',
      rule: expect.stringContaining(power) as string,
      message: expect.stringContaining(power) as string,
    });
    expect(powerRefusal(sub([power]), power)).toBeUndefined();
    expect(powerRefusal(principal, power)).toBeUndefined();
  });

  it('when powers are given in any order or twice, then they are kept once each, in the order of POWERS', () => {
    expect(normalisePowers(['request-quota-changes', 'assign-cases', 'assign-cases'])).toEqual(['assign-cases', 'request-quota-changes']);
  });
});

describe('assigning cases across branches (note 1(ii))', () => {
  const inHQ = { branchCode: 'HQ' };
  const inKowloon = { branchCode: 'KLN' };

  it('when the principal administrator assigns, then to a user of any branch', () => {
    expect(caseAssignmentRefusal(principal, inKowloon)).toBeUndefined();
  });

  it('when a sub-administrator assigns within their own branch, then assign-cases is enough', () => {
    expect(caseAssignmentRefusal(sub(['assign-cases'], 'HQ'), inHQ)).toBeUndefined();
  });

  it('when a sub-administrator assigns to another branch without the cross-branch power, then refused naming the rule and the field', () => {
    expect(caseAssignmentRefusal(sub(['assign-cases'], 'HQ'), inKowloon)).toMatchObject({
      code: 'cross-branch-not-authorised',
      field: 'accountId',
      rule: expect.stringContaining('note 1(ii)') as string,
    });
  });

  it('when a sub-administrator holds assign-across-branches, then any branch', () => {
    expect(caseAssignmentRefusal(sub(['assign-cases', 'assign-across-branches'], 'HQ'), inKowloon)).toBeUndefined();
  });

  it('when a sub-administrator may not assign cases at all, then that is the refusal, whatever the branch', () => {
    expect(caseAssignmentRefusal(sub(['assign-across-branches'], 'HQ'), inHQ)).toMatchObject({ code: 'power-not-delegated' });
  });
});

describe('branch codes', () => {
  const branches: Branch[] = [
    { ...MAIN_BRANCH, active: true },
    { code: 'KLN', name: 'Kowloon office', active: false },
  ];

  it('when a code is new, then it may be created; a code once used (even deactivated) is never reused', () => {
    expect(newBranchRefusal(branches, 'HQ')).toBeUndefined();
    expect(newBranchRefusal(branches, 'MAIN')).toMatchObject({ code: 'branch-code-taken', field: 'code' });
    expect(newBranchRefusal(branches, 'KLN')?.message).toMatch(/deactivated: reactivate it instead/);
  });

  it('when an account is placed in a branch, then an active code of the organisation', () => {
    expect(usableBranchRefusal(branches, 'MAIN')).toBeUndefined();
    expect(usableBranchRefusal(branches, 'KLN')).toMatchObject({ code: 'branch-inactive', field: 'branchCode' });
    expect(usableBranchRefusal(branches, 'NT')).toMatchObject({ code: 'unknown-branch', message: expect.stringContaining('MAIN, KLN') as string });
  });

  it('when a branch is deactivated, then only once no active account belongs to it', () => {
    expect(deactivationRefusal(branches[0]!, 0)).toBeUndefined();
    expect(deactivationRefusal(branches[0]!, 2)).toMatchObject({ code: 'branch-in-use', field: 'active', message: expect.stringMatching(/^2 active accounts belong/) as string });
  });
});

describe('quotas', () => {
  it('when an organisation has set no maximum, then the defaults, kept as data', () => {
    expect(DEFAULT_MAXIMUMS).toEqual({ 'sub-admin-accounts': 5, 'org-user-accounts': 50, 'branch-codes': 10 });
    for (const kind of QUOTA_KINDS) expect(maximumOf(kind, {})).toBe(DEFAULT_MAXIMUMS[kind]);
    expect(maximumOf('branch-codes', { 'branch-codes': 12 })).toBe(12);
  });

  it('when accounts are counted, then sub-administrators and users each against their own maximum, principal administrators against none', () => {
    expect(quotaKindOfRole('org-sub-admin')).toBe('sub-admin-accounts');
    expect(quotaKindOfRole('org-user')).toBe('org-user-accounts');
    expect(quotaKindOfRole('org-principal-admin')).toBeUndefined();
  });

  it('when one more is below the maximum, then allowed; at the maximum, refused naming it and how to ask for more', () => {
    expect(quotaRefusal({ kind: 'branch-codes', maximum: 10, used: 9 })).toBeUndefined();
    const refused = quotaRefusal({ kind: 'branch-codes', maximum: 10, used: 10 });
    expect(refused).toMatchObject({ code: 'quota-reached', rule: expect.stringContaining('branch codes (10)') as string });
    expect(refused?.message).toBe(
      'Your organisation has 10 branch codes, its maximum (10). An administrator with the request-quota-changes power may ask the registry for more: a quota-change request of kind branch-codes',
    );
    expect(quotaRefusal({ kind: 'org-user-accounts', maximum: 1, used: 1 })?.message).toMatch(/^Your organisation has 1 organisation user account, its maximum/);
  });

  const request = (over: Partial<QuotaRequest> = {}): QuotaRequest => ({
    id: 'r1',
    organisationId: org,
    kind: 'branch-codes',
    currentMaximum: 10,
    requestedMaximum: 15,
    reason: 'A new office in Sha Tin',
    status: 'pending',
    ...over,
  });
  const quota = { kind: 'branch-codes' as const, maximum: 10, used: 10 };

  it('when a higher maximum is asked for, then it must be above the current one, one request of a kind at a time', () => {
    expect(quotaRequestRefusal(quota, 15, undefined)).toBeUndefined();
    expect(quotaRequestRefusal(quota, 10, undefined)).toMatchObject({ code: 'maximum-not-raised', field: 'requestedMaximum' });
    expect(quotaRequestRefusal(quota, 15, request())).toMatchObject({ code: 'quota-request-pending', field: 'kind', message: expect.stringContaining('r1') as string });
  });

  it('when the registry decides, then a pending request only, and an approval above the current maximum', () => {
    expect(decisionRefusal(request(), quota, { decision: 'approve', maximum: 12 })).toBeUndefined();
    expect(decisionRefusal(request(), quota, { decision: 'refuse', reasons: ['No new office is registered'] })).toBeUndefined();
    expect(decisionRefusal(request(), quota, { decision: 'approve', maximum: 10 })).toMatchObject({ code: 'maximum-not-raised', field: 'maximum' });
    expect(decisionRefusal(request(), { ...quota, used: 11 }, { decision: 'approve', maximum: 11 })).toMatchObject({ code: 'maximum-not-raised' });
    expect(decisionRefusal(request({ status: 'approved' }), quota, { decision: 'approve', maximum: 20 })).toMatchObject({ code: 'quota-request-decided' });
  });
});

describe('default organisation users', () => {
  const branches: Branch[] = [
    { code: 'MAIN', name: 'Main office', active: true },
    { code: 'KLN', name: 'Kowloon office', active: true },
    { code: 'OLD', name: 'Closed office', active: false },
  ];
  const user: Candidate = { id: 'u1', role: 'org-user', organisationId: org, branchCode: 'KLN', status: 'active' };

  it("when a default is named, then an active user; for a branch, one of that branch and the branch active", () => {
    expect(defaultUserRefusal(user, null, branches)).toBeUndefined();
    expect(defaultUserRefusal(user, 'KLN', branches)).toBeUndefined();
    expect(defaultUserRefusal(user, 'MAIN', branches)).toMatchObject({ code: 'not-in-branch', field: 'accountId' });
    expect(defaultUserRefusal(user, 'OLD', branches)).toMatchObject({ code: 'branch-inactive', field: 'branchCode' });
    expect(defaultUserRefusal({ ...user, status: 'suspended' }, null, branches)).toMatchObject({ code: 'account-suspended' });
  });

  const defaults = [
    { branchCode: null, accountId: 'org-default' },
    { branchCode: 'KLN', accountId: 'kln-default' },
  ];
  const everyoneActive = () => true;

  it('when a case is assigned, then its assignees receive its work', () => {
    expect(receiverOfWork({ assigned: ['a1'], defaults, branchCode: 'KLN', isActive: everyoneActive })).toEqual({ via: 'assignment', accountIds: ['a1'] });
  });

  it("when nobody is assigned, then the branch's default, else the organisation's, else nobody", () => {
    expect(receiverOfWork({ assigned: [], defaults, branchCode: 'KLN', isActive: everyoneActive })).toEqual({ via: 'branch-default', accountIds: ['kln-default'] });
    expect(receiverOfWork({ assigned: [], defaults, branchCode: 'MAIN', isActive: everyoneActive })).toEqual({ via: 'organisation-default', accountIds: ['org-default'] });
    expect(receiverOfWork({ assigned: [], defaults, isActive: everyoneActive })).toEqual({ via: 'organisation-default', accountIds: ['org-default'] });
    expect(receiverOfWork({ assigned: [], defaults: [], isActive: everyoneActive })).toEqual({ via: 'nobody', accountIds: [] });
  });

  it('when the assignee or a default is suspended, then the work passes to the next in line', () => {
    const active = (id: string) => id !== 'a1' && id !== 'kln-default';
    expect(receiverOfWork({ assigned: ['a1'], defaults, branchCode: 'KLN', isActive: active })).toEqual({ via: 'organisation-default', accountIds: ['org-default'] });
  });
});
