/**
 * Registering for iCMS (seed 000) as a table of steps:
 *
 *   the applicant   attach-document, submit-application, withdraw
 *   the registry    record-verification (in person, only while the Support
 *                   Centre is open), activate, reject (with reasons)
 *
 * The applicant has no account yet: they act through the application's own
 * access token, as `registration:<reference>`.
 */
import { addDays } from '../calendar';
import type { Procedure, StepContext, StepTable } from '../steps/step-kit';
import type { Moment } from '../time/moment';
import { supportCentreClosedReason } from './support-centre';
import type { Registration, RegistrationKind, RegistrationStage, SupportingDocumentKind } from './state';

export const REQUIRED_DOCUMENTS: Readonly<Record<RegistrationKind, readonly SupportingDocumentKind[]>> = {
  individual: ['court-document'],
  organisation: ['authorisation', 'party-evidence', 'registration-certificate'],
};

export interface RegistrationPayloads {
  attachDocument: { kind: SupportingDocumentKind; uploadId: string; file?: { fileName: string; sha256: string; pages: number } };
  submitApplication: Record<string, never>;
  withdraw: { reason: string };
  recordVerification: { identityDocument: string };
  activate: { partyId?: string };
  reject: { reasons: string[] };
}

/** The applicant's identity as a step actor. */
export const applicantId = (reference: string) => `registration:${reference}`;

const iso = (at: Moment) => new Date(at.now).toISOString();

export function record(state: Registration, at: Moment, event: string, detail: string, ctx?: StepContext): void {
  state.history.push({ at: iso(at), event, detail, by: ctx ? { id: ctx.actor.id, role: ctx.actor.role, name: ctx.actor.name } : null });
  state.version += 1;
}

const applicantRefusal = (state: Registration, ctx: StepContext) => (ctx.actor.id === applicantId(state.reference) ? null : `only the applicant acts on ${state.reference} (with its access token)`);

export const missingDocuments = (state: Registration) => REQUIRED_DOCUMENTS[state.kind].filter((k) => !state.documents.some((d) => d.kind === k));

const OPEN: readonly RegistrationStage[] = ['awaiting-documents', 'awaiting-verification', 'verified'];

export const REGISTRATION_STEPS: StepTable<Registration, RegistrationPayloads, RegistrationStage> = {
  attachDocument: {
    section: 'iCMS registration: supporting documents (seed 000)',
    who: ['public'],
    stages: ['awaiting-documents'],
    check: (state, p, ctx) => {
      const who = applicantRefusal(state, ctx);
      if (who) return who;
      if (!REQUIRED_DOCUMENTS[state.kind].includes(p.kind)) return `${state.kind === 'individual' ? 'an individual' : 'an organisation'} application takes ${REQUIRED_DOCUMENTS[state.kind].join(', ')}, not ${p.kind}`;
      return p.file ? null : `no upload ${p.uploadId} made for this application`;
    },
    apply: (state, p, ctx) => {
      if (!p.file) return;
      state.documents = [...state.documents.filter((d) => d.kind !== p.kind), { kind: p.kind, uploadId: p.uploadId, ...p.file, attachedAt: iso(ctx) }];
      record(state, ctx, 'document-attached', `${p.kind}: ${p.file.fileName} (${p.file.pages} pages, SHA-256 ${p.file.sha256}).`, ctx);
    },
  },

  submitApplication: {
    section: 'iCMS registration (seed 000)',
    who: ['public'],
    stages: ['awaiting-documents'],
    check: (state, _p, ctx) => {
      const missing = missingDocuments(state);
      return applicantRefusal(state, ctx) ?? (missing.length ? `attach ${missing.join(', ')} first` : null);
    },
    apply: (state, _p, ctx) => {
      state.stage = 'awaiting-verification';
      state.submittedAt = iso(ctx);
      state.verifyBy = addDays(ctx.today, state.verifyWithinDays);
      record(state, ctx, 'submitted', `Application submitted. Identity must be verified in person at the Support Centre by ${state.verifyBy}.`, ctx);
    },
  },

  withdraw: {
    section: 'iCMS registration (seed 000)',
    who: ['public'],
    stages: OPEN,
    check: (state, _p, ctx) => applicantRefusal(state, ctx),
    apply: (state, { reason }, ctx) => {
      state.stage = 'withdrawn';
      record(state, ctx, 'withdrawn', `Withdrawn by the applicant: ${reason}.`, ctx);
    },
  },

  recordVerification: {
    section: 'iCMS registration: identity verification in person at the Support Centre (seed 000)',
    who: ['registry-officer'],
    stages: ['awaiting-verification'],
    check: (state, _p, ctx) => supportCentreClosedReason(ctx.now, state.calendar),
    apply: (state, p, ctx) => {
      state.stage = 'verified';
      state.verification = { at: iso(ctx), by: ctx.actor.id, identityDocument: p.identityDocument };
      record(state, ctx, 'identity-verified', `Identity verified in person at the Support Centre by ${ctx.actor.name} (${p.identityDocument}).`, ctx);
    },
  },

  activate: {
    section: 'iCMS registration (seed 000)',
    who: ['registry-officer'],
    stages: ['verified'],
    apply: (state, p, ctx) => {
      state.stage = 'activated';
      state.decision = { at: iso(ctx), by: ctx.actor.id, outcome: 'activated', reasons: [], ...(p.partyId ? { partyId: p.partyId } : {}) };
      record(state, ctx, 'activated', `Registration approved${p.partyId ? `; the account acts for ${p.partyId} in ${state.caseNo}` : ''}. The account is being created.`, ctx);
    },
  },

  reject: {
    section: 'iCMS registration (seed 000)',
    who: ['registry-officer'],
    stages: ['awaiting-verification', 'verified'],
    check: (_s, p) => (p.reasons.length === 0 ? 'give at least one reason' : null),
    apply: (state, p, ctx) => {
      state.stage = 'rejected';
      state.decision = { at: iso(ctx), by: ctx.actor.id, outcome: 'rejected', reasons: p.reasons };
      record(state, ctx, 'rejected', `Registration rejected: ${p.reasons.join('; ')}.`, ctx);
    },
  },
};

export const REGISTRATION: Procedure<Registration, RegistrationPayloads, RegistrationStage> = {
  noun: 'registration',
  steps: REGISTRATION_STEPS,
  reference: (s) => s.reference,
  stage: (s) => s.stage,
  version: (s) => s.version,
  hasParty: () => false,
  windowRefusal: () => null,
};
