/**
 * The step kit: how any process that waits on people (a small claim, a
 * filing, a registration) declares its human steps, and how a step is
 * checked and taken. A process is a table of step rules plus a `Procedure`
 * that tells the kit how to read its state; the workflow layer registers
 * each rule as a named update, the API layer as one operation, both from
 * the same table.
 *
 * A rule says who may act, in which stages, within which window, what must
 * hold and what changes, and the section it rests on. A refusal is data
 * (`StepRefusal`), never an exception, so a validator can return it and the
 * API can word it.
 */
import { CalendarCoverageError } from '../calendar';
import type { Moment } from '../time/moment';
import { FILER_ROLES, type Actor, type Role } from '../identity/actor';

export interface StepContext extends Moment {
  actor: Actor;
}

/**
 * Who may take a step: roles, and `'parties'` for a filer acting for a party
 * of the process (the API sets `actor.partyId` from the party links; it is
 * never taken from the request).
 */
export type Who = readonly (Role | 'parties')[];

export interface StepRule<S, P, Stage extends string> {
  /** What the step rests on, e.g. `Cap. 338 s.17`. */
  section: string;
  who: Who;
  stages: readonly Stage[];
  /** The period the step must be taken within, by its key in the process's tracked deadlines. */
  window?: { label: string; key: (state: S, payload: P, ctx: StepContext) => string };
  /** A refusal naming the rule and the dates, or null when the step may be taken. */
  check?: (state: S, payload: P, ctx: StepContext) => string | null;
  apply: (state: S, payload: P, ctx: StepContext) => void;
}

export type StepTable<S, Payloads, Stage extends string> = { [K in keyof Payloads]: StepRule<S, Payloads[K], Stage> };

/** How the kit reads a process's state. */
export interface Procedure<S, Payloads, Stage extends string> {
  /** For messages: `small claim`, `filing`… */
  noun: string;
  steps: StepTable<S, Payloads, Stage>;
  reference(state: S): string;
  stage(state: S): Stage;
  version(state: S): number;
  hasParty(state: S, partyId: string): boolean;
  /** Why an act within the period `key` cannot be done today, or null. */
  windowRefusal(state: S, key: string, label: string, today: string): string | null;
  /** What follows by itself after every step (a case closing, an award becoming enforceable…). */
  consequences?(state: S, at: Moment): void;
}

export type RefusalCode =
  | 'wrong-role'
  | 'not-a-party'
  | 'wrong-stage'
  | 'stale'
  | 'refused'
  /** A date of the step, or one it would compute, is beyond the court calendar's coverage. */
  | 'outside-calendar';

export interface StepRefusal<Name extends string = string> {
  code: RefusalCode;
  step: Name;
  section: string;
  message: string;
  /** For `outside-calendar`: the dates the calendar covers. */
  coverage?: { from: string; to: string };
}

/** A step whose rule or rehearsal threw: a date beyond the calendar, or data the rules cannot carry. */
function refusalOf<Name extends string>(err: unknown, step: Name, section: string): StepRefusal<Name> {
  if (err instanceof CalendarCoverageError) return { code: 'outside-calendar', step, section, message: err.message, coverage: { ...err.coverage } };
  return { code: 'refused', step, section, message: err instanceof Error ? err.message : String(err) };
}

export interface StepEnvelope<P> {
  actor: Actor;
  /** Optimistic concurrency: the version the actor last saw. */
  expectedVersion?: number;
  payload: P;
}

/** The roles a rule's `who` admits. */
export function rolesOf(who: Who): readonly Role[] {
  const roles = who.flatMap((w) => (w === 'parties' ? FILER_ROLES : [w]));
  return [...new Set(roles)];
}

/** `recordService` → `record-service`: a step as routes and people name it. */
export const stepSlug = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Would this step be accepted now? The reason if not; the state is never changed. */
export function checkStep<S, Payloads, Stage extends string, K extends keyof Payloads & string>(
  procedure: Procedure<S, Payloads, Stage>,
  state: S,
  name: K,
  envelope: StepEnvelope<Payloads[K]>,
  at: Moment,
): StepRefusal<K> | null {
  const rule = procedure.steps[name];
  const { actor } = envelope;
  const refuse = (code: RefusalCode, message: string): StepRefusal<K> => ({ code, step: name, section: rule.section, message });
  const roles = rolesOf(rule.who);
  if (!roles.includes(actor.role)) {
    return refuse('wrong-role', `${name} (${rule.section}) is for ${roles.join(' or ')}; ${actor.name} acts as ${actor.role}`);
  }
  if (FILER_ROLES.includes(actor.role) && !(actor.partyId && procedure.hasParty(state, actor.partyId))) {
    return refuse('not-a-party', `${actor.name} does not act for a party of ${procedure.reference(state)}`);
  }
  const version = procedure.version(state);
  if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== version) {
    return refuse('stale', `the ${procedure.noun} changed since version ${envelope.expectedVersion} (now ${version}); reload it and try again`);
  }
  const stage = procedure.stage(state);
  if (!rule.stages.includes(stage)) {
    return refuse('wrong-stage', `${name} (${rule.section}) is not possible while the ${procedure.noun} is ${stage}; it needs it to be ${rule.stages.join(' or ')}`);
  }
  const ctx: StepContext = { ...at, actor };
  try {
    const reason = rule.check?.(state, envelope.payload, ctx) ?? windowOf(procedure, rule, state, envelope.payload, ctx);
    return reason ? refuse('refused', reason) : null;
  } catch (err) {
    return refusalOf(err, name, rule.section);
  }
}

function windowOf<S, P, Stage extends string>(
  procedure: Procedure<S, unknown, Stage>,
  rule: StepRule<S, P, Stage>,
  state: S,
  payload: P,
  ctx: StepContext,
): string | null {
  if (!rule.window) return null;
  return procedure.windowRefusal(state, rule.window.key(state, payload, ctx), rule.window.label, ctx.today);
}

/** Applies an accepted step, then what follows from it by itself. */
export function applyStep<S, Payloads, Stage extends string, K extends keyof Payloads & string>(
  procedure: Procedure<S, Payloads, Stage>,
  state: S,
  name: K,
  envelope: StepEnvelope<Payloads[K]>,
  at: Moment,
): void {
  procedure.steps[name].apply(state, envelope.payload, { ...at, actor: envelope.actor });
  procedure.consequences?.(state, at);
}

/**
 * Takes the step on a copy first. A step the rules accept but the data
 * cannot carry (a date beyond the calendar's coverage, say) is refused here,
 * instead of failing inside a workflow's update handler. The state must be
 * plain JSON (every process's state is), so a JSON round trip is a faithful copy.
 */
export function rehearseStep<S, Payloads, Stage extends string, K extends keyof Payloads & string>(
  procedure: Procedure<S, Payloads, Stage>,
  state: S,
  name: K,
  envelope: StepEnvelope<Payloads[K]>,
  at: Moment,
): StepRefusal<K> | null {
  try {
    applyStep(procedure, JSON.parse(JSON.stringify(state)) as S, name, envelope, at);
    return null;
  } catch (err) {
    return refusalOf(err, name, procedure.steps[name].section);
  }
}

export const stepNames = <Payloads>(table: StepTable<never, Payloads, string>) => Object.keys(table) as (keyof Payloads & string)[];
