/** Audit entries as use-cases write them: who, on whose behalf, for which request. */
import type { Actor } from '../domain/identity/actor';
import type { AuditEntry } from '../db/audit-log';

/** Who asked, and under which request: every use-case takes this. */
export interface Caller {
  actor: Actor;
  requestId?: string;
}

/** `party:<id>` when acting for a party, else `organisation:<id>` for organisation accounts, unless the entry names one. */
export function auditEntryOf(caller: Caller, entry: Omit<AuditEntry, 'actor' | 'requestId'>): AuditEntry {
  const { actor, requestId } = caller;
  const onBehalfOf = entry.onBehalfOf ?? (actor.partyId ? `party:${actor.partyId}` : actor.organisationId ? `organisation:${actor.organisationId}` : undefined);
  return {
    ...entry,
    actor: { id: actor.id, role: actor.role },
    ...(onBehalfOf ? { onBehalfOf } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
