/**
 * Requests Node's HTTP parser refuses before Express sees them, answered as
 * every other refusal is: problem+json naming the rule, then the connection
 * closed. Node's own answer is a bare `400 Bad Request` with no body. Such a
 * request is a header holding a character HTTP does not allow (a NUL, a bare
 * line break: a file name with a NUL in it, sent as it is), headers past
 * Node's size limit, or a request line that is not HTTP.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const REFUSALS: Record<string, { status: number; reason: string; rule: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    rule: 'header-size',
    detail: 'The request headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    rule: 'request-time',
    detail: 'The request did not arrive in time',
  },
};

const MALFORMED = {
  status: 400,
  reason: 'Bad Request',
  rule: 'http-syntax',
  detail: 'The request is not valid HTTP: a header holds a character HTTP does not allow (a NUL or a line break, in a file name for example), or the request line is malformed',
};

/** Answers what the parser refuses on `server` with a problem (RFC 9457) rather than Node's bare 400. */
export function answerMalformedRequests<S extends Server>(server: S): S {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // The client went away: nobody to answer.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal = REFUSALS[err.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({
      type: 'urn:courtflow:problem:malformed-request',
      title: refusal.reason,
      status: refusal.status,
      detail: refusal.detail,
      errors: [{ field: '(headers)', rule: refusal.rule, message: refusal.detail }],
    });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
  return server;
}
