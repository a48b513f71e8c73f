/**
 * The console's only way to the court: the public API under /api/v1, the
 * same requests the API documentation describes, with the signed-in
 * account's Bearer token. Every refusal arrives as RFC 9457 problem+json and
 * leaves here as an `ApiProblem`, its field errors kept for the form that
 * sent them.
 */

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldError[],
    /** The problem's type URI, e.g. `urn:courtflow:problem:validation`. */
    readonly type: string,
    /** The detail in English and Traditional Chinese, where the API words it in both (a refused upload). */
    readonly localisedDetail: { en: string; 'zh-Hant': string } | null = null,
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }

  /** The error of one field of the request, if the API named it. */
  errorOf(field: string): FieldError | undefined {
    return this.errors.find((e) => e.field === field);
  }
}

/** The request never got an answer: the network, or the server down. */
export class Unreachable extends Error {
  constructor() {
    super('unreachable');
    this.name = 'Unreachable';
  }
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** Further request headers: If-Match, Idempotency-Key. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `GET /api/v1/…?…` and friends: the parsed JSON answer, or throws `ApiProblem` / `Unreachable`. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, value);
  }
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json, application/problem+json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'omit',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new Unreachable();
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text === '' ? undefined : safeParse(text);
  if (!response.ok) throw problemOf(response.status, json);
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemOf(status: number, json: unknown): ApiProblem {
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const errors = Array.isArray(body.errors)
    ? body.errors.flatMap((e: unknown): FieldError[] => {
        if (typeof e !== 'object' || e === null) return [];
        const { field, rule, message } = e as Record<string, unknown>;
        return typeof field === 'string' && typeof message === 'string' ? [{ field, rule: text(rule) ?? '', message }] : [];
      })
    : [];
  const localised = typeof body.localisedDetail === 'object' && body.localisedDetail !== null ? (body.localisedDetail as Record<string, unknown>) : {};
  const both = text(localised.en) !== undefined && text(localised['zh-Hant']) !== undefined ? { en: text(localised.en) ?? '', 'zh-Hant': text(localised['zh-Hant']) ?? '' } : null;
  return new ApiProblem(status, text(body.title) ?? `HTTP ${status}`, text(body.detail), errors, text(body.type) ?? 'about:blank', both);
}

/**
 * Uploads a PDF the reader chose (POST /api/v1/documents: the file itself as
 * the body, its name in Content-Disposition as RFC 8187 allows for any
 * script); answers the upload's id, to quote in a filing's step (or, on
 * another upload route, what that route answers).
 */
export async function uploadPdf<T = { id: string; sha256: string }>(
  file: File,
  /** The signed-in account's token, or the headers that stand for it (an applicant's Registration-Token). */
  credentials: string | Record<string, string>,
  /** Another route that takes a PDF the same way (an application's supporting document, with its `?kind=`). */
  path = '/api/v1/documents',
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin), {
      method: 'POST',
      headers: {
        ...(typeof credentials === 'string' ? { authorization: `Bearer ${credentials}` } : credentials),
        accept: 'application/json, application/problem+json',
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename*=UTF-8''${encodeRfc8187(file.name)}`,
      },
      credentials: 'omit',
      body: file,
    });
  } catch {
    throw new Unreachable();
  }
  const json = safeParse(await response.text());
  if (!response.ok) throw problemOf(response.status, json);
  return json as T;
}

/** RFC 8187's percent-encoding of a value (UTF-8; only attr-char left as it is). */
const encodeRfc8187 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Downloads a file the API serves only to the signed-in (an attachment, a
 * document): fetched with the token, then handed to the browser as a file
 * of `filename`. A link cannot carry the Authorization header, so this is
 * how the console saves such a file. With `request`, the file is what a POST
 * answers (a case bundle, made on request). Returns its `Repr-Digest`.
 */
export async function download(path: string, token: string, filename: string, request: { method: 'POST'; body: unknown } | null = null): Promise<{ digest: string | null }> {
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin), {
      headers: { authorization: `Bearer ${token}`, ...(request ? { 'content-type': 'application/json' } : {}) },
      credentials: 'omit',
      ...(request ? { method: request.method, body: JSON.stringify(request.body) } : {}),
    });
  } catch {
    throw new Unreachable();
  }
  if (!response.ok) throw problemOf(response.status, safeParse(await response.text()));
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Give the browser the moment it needs to start saving before the bytes are let go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { digest: response.headers.get('repr-digest') };
}
