/** Who administers whom (iCMS brochure: account roles, note 1). */
import { mayAdminister, mayAssignCases, mayCreateInOrganisation, mayDelegateSubAdminManagement, type Administrator } from '../../domain/identity/administration';

const orgA = 'org-a';
const orgB = 'org-b';
const principal: Administrator = { id: 'p', role: 'org-principal-admin', organisationId: orgA, canManageSubAdmins: false };
const subAdmin: Administrator = { id: 's', role: 'org-sub-admin', organisationId: orgA, canManageSubAdmins: false };
const delegated: Administrator = { ...subAdmin, id: 'sd', canManageSubAdmins: true };
const officer: Administrator = { id: 'o', role: 'registry-officer', organisationId: null, canManageSubAdmins: false };
const orgUser: Administrator = { id: 'u', role: 'org-user', organisationId: orgA, canManageSubAdmins: false };

describe('account administration', () => {
  it('when the principal administrator creates accounts, then users and sub-administrators of their own organisation only', () => {
    expect(mayCreateInOrganisation(principal, 'org-user', orgA)).toBe(true);
    expect(mayCreateInOrganisation(principal, 'org-sub-admin', orgA)).toBe(true);
    expect(mayCreateInOrganisation(principal, 'org-principal-admin', orgA)).toBe(false);
    expect(mayCreateInOrganisation(principal, 'org-user', orgB)).toBe(false);
  });

  it('when a sub-administrator creates accounts, then users; sub-administrators only if authorised', () => {
    expect(mayCreateInOrganisation(subAdmin, 'org-user', orgA)).toBe(true);
    expect(mayCreateInOrganisation(subAdmin, 'org-sub-admin', orgA)).toBe(false);
    expect(mayCreateInOrganisation(delegated, 'org-sub-admin', orgA)).toBe(true);
    expect(mayDelegateSubAdminManagement(principal)).toBe(true);
    expect(mayDelegateSubAdminManagement(delegated)).toBe(false);
  });

  it('when an organisation user or an officer tries, then they create no organisation accounts', () => {
    expect(mayCreateInOrganisation(orgUser, 'org-user', orgA)).toBe(false);
    expect(mayCreateInOrganisation(officer, 'org-user', orgA)).toBe(false);
  });

  it('when suspending, then within the organisation and the same limits, never oneself nor the principal administrator', () => {
    const user = { id: 'x', role: 'org-user' as const, organisationId: orgA };
    const otherSub = { id: 'y', role: 'org-sub-admin' as const, organisationId: orgA };
    expect(mayAdminister(principal, user)).toBe(true);
    expect(mayAdminister(principal, otherSub)).toBe(true);
    expect(mayAdminister(principal, { ...user, organisationId: orgB })).toBe(false);
    expect(mayAdminister(subAdmin, user)).toBe(true);
    expect(mayAdminister(subAdmin, otherSub)).toBe(false);
    expect(mayAdminister(delegated, otherSub)).toBe(true);
    expect(mayAdminister(delegated, { ...otherSub, id: 'sd' })).toBe(false);
    expect(mayAdminister(subAdmin, { id: 'p', role: 'org-principal-admin', organisationId: orgA })).toBe(false);
  });

  it('when a registry officer suspends, then individual users and principal administrators, not staff', () => {
    expect(mayAdminister(officer, { id: 'i', role: 'individual-user', organisationId: null })).toBe(true);
    expect(mayAdminister(officer, { id: 'p', role: 'org-principal-admin', organisationId: orgA })).toBe(true);
    expect(mayAdminister(officer, { id: 'a', role: 'auditor', organisationId: null })).toBe(false);
    expect(mayAdminister(officer, { id: 'u', role: 'org-user', organisationId: orgA })).toBe(false);
  });

  it('when assigning cases, then administrators of that organisation only', () => {
    expect(mayAssignCases(principal, orgA)).toBe(true);
    expect(mayAssignCases(subAdmin, orgA)).toBe(true);
    expect(mayAssignCases(subAdmin, orgB)).toBe(false);
    expect(mayAssignCases(orgUser, orgA)).toBe(false);
  });
});
