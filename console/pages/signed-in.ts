/**
 * Requests a signed-in page makes: with the session's token; with none, or
 * once the API no longer honours it (401: expired, revoked, password
 * changed), the reader is taken to sign in and brought back here after.
 */
import { api, ApiProblem, type RequestOptions } from '../api';
import { href, navigate } from '../router';
import { useSession } from '../session';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const toSignIn = (ended: boolean) =>
  navigate(href('/sign-in', { next: window.location.pathname + window.location.search, ...(ended ? { ended: '1' } : {}) }), { replace: true });

/** `request(method, path, options)`: the answer, or null when the reader was sent to sign in. */
export function useSignedInRequest(): <T>(method: Method, path: string, options?: Omit<RequestOptions, 'token'>) => Promise<T | null> {
  const { session, signOut } = useSession();
  return async <T,>(method: Method, path: string, options: Omit<RequestOptions, 'token'> = {}) => {
    if (session === null) {
      toSignIn(false);
      return null;
    }
    try {
      return await api<T>(method, path, { ...options, token: session.token });
    } catch (err) {
      if (err instanceof ApiProblem && err.status === 401) {
        signOut('ended');
        toSignIn(true);
        return null;
      }
      throw err;
    }
  };
}
