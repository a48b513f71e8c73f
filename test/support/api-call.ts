/** Calling the API over HTTP as a client does, and what it answered. */
import type { SignedIn } from './stack';

/** What an API call answered: its status, its body (parsed when JSON), its content type and headers. */
export interface Answer<T> {
  status: number;
  body: T;
  type: string;
  headers: Headers;
}

/** Calls the API as `who` (or anonymously), with a body if given: bytes as they are (say their type in `headers`), anything else as JSON. */
export async function requestJson<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  who: SignedIn | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const raw = body instanceof Uint8Array;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(who?.headers ?? {}), ...(body === undefined || raw ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  return { status: res.status, type, headers: res.headers, body: (type.includes('json') && text !== '' ? JSON.parse(text) : text) as T };
}
