/**
 * Whether an error from `pg` means the database could not be reached or
 * went away mid-query (refused, reset, timed out, shut down), as opposed
 * to a fault in the query or the data. The API answers the first with 503
 * (retrying the same request is safe), never with 500.
 *
 * `pg` reports a socket that closed under it by message only; the others
 * carry a Node error code or a SQLSTATE. Node may wrap the refusals of a
 * connection tried on several addresses in an AggregateError.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** SQLSTATE class 08 (connection exception); 57P01-57P03 (the server shutting down or starting); 53300 (too many connections). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** What `pg` says when the connection closed under it or could not be made in time. */
const CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

export function isDatabaseUnreachable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const { code, message, errors, cause } = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => isDatabaseUnreachable(e, depth + 1))) return true;
  return isDatabaseUnreachable(cause, depth + 1);
}
