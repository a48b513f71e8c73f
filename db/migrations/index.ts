/**
 * Versioned schema migrations, applied in order and never edited once
 * shipped: a change is a new migration. Kept as TypeScript so the build
 * carries them into dist/ with everything else.
 */
export interface Migration {
  id: string;
  sql: string;
}

import { m001SmallClaims } from './001-small-claims';
import { m002CourtCalendar } from './002-court-calendar';
import { m003IdentityAndAudit } from './003-identity-and-audit';
import { m004ReadModels } from './004-read-models';
import { m005IdempotentRequests } from './005-idempotent-requests';
import { m006AlertStatus } from './006-alert-status';
import { m007Credentials } from './007-credentials';
import { m008LeastPrivilege } from './008-least-privilege';
import { m009ReadModelLag } from './009-read-model-lag';
import { m010AccessRefusals } from './010-access-refusals';
import { m011CalendarFacts } from './011-calendar-facts';
import { m012Documents } from './012-documents';
import { m013Inbox } from './013-inbox';
import { m014PartyNameSearch } from './014-party-name-search';
import { m015OrganisationAdministration } from './015-organisation-administration';
import { m016Filings } from './016-filings';
import { m017Registrations } from './017-registrations';
import { m018CasePapers } from './018-case-papers';
import { m019RegistrationUploads } from './019-registration-uploads';
import { m020PrepaymentAccounts } from './020-prepayment-accounts';
import { m021ApprovedDraftUses } from './021-approved-draft-uses';
import { m022WorkClaims } from './022-work-claims';
import { m023NotificationChannels } from './023-notification-channels';
import { m024AuditLogFilters } from './024-audit-log-filters';
import { m025WorkItems } from './025-work-items';
import { m026PartyNameCharacters } from './026-party-name-characters';
import { m027ConsoleLanguage } from './027-console-language';

export const migrations: readonly Migration[] = [
  m001SmallClaims,
  m002CourtCalendar,
  m003IdentityAndAudit,
  m004ReadModels,
  m005IdempotentRequests,
  m006AlertStatus,
  m007Credentials,
  m008LeastPrivilege,
  m009ReadModelLag,
  m010AccessRefusals,
  m011CalendarFacts,
  m012Documents,
  m013Inbox,
  m014PartyNameSearch,
  m015OrganisationAdministration,
  m016Filings,
  m017Registrations,
  m018CasePapers,
  m019RegistrationUploads,
  m020PrepaymentAccounts,
  m021ApprovedDraftUses,
  m022WorkClaims,
  m023NotificationChannels,
  m024AuditLogFilters,
  m025WorkItems,
  m026PartyNameCharacters,
  m027ConsoleLanguage,
];
