/**
 * Who is signed in on this tab: the access token the API gave at sign-in and
 * the account it belongs to. Kept in sessionStorage, so it ends with the tab
 * and is never sent anywhere but the API's Authorization header (no cookie,
 * so no cross-site request can carry it).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Role = 'officer' | 'adjudicator' | 'auditor' | 'filer' | 'org-admin' | 'system';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: string;
  organisationId: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  account: Account;
}

const STORAGE_KEY = 'courtflow.session';

export function storedSession(now: number): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || !(Date.parse(session.expiresAt) > now)) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function keepSession(session: Session | null): void {
  try {
    if (session === null) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage refused: the session lasts until the page is left.
  }
}

export interface SessionContext {
  session: Session | null;
  signIn(session: Session): void;
  /** Forgets the session on this tab; `ended` when the API no longer honours it. */
  signOut(reason: 'chosen' | 'ended'): void;
}

export const SessionContext = createContext<SessionContext>({ session: null, signIn: () => undefined, signOut: () => undefined });

export const useSession = () => useContext(SessionContext);
