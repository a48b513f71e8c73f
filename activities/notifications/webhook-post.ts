/**
 * One POST of a webhook to a subscriber's URL: the JSON body as stored,
 * signed afresh for this attempt. No redirect is followed (a 3xx is an
 * answer, not a place to go), the whole exchange has a time limit, and of the
 * receiver's answer only a short excerpt is kept.
 *
 * Unless told otherwise (tests, a trial on one machine), a webhook never goes
 * to a loopback, private, link-local or otherwise internal address: a URL
 * anyone can register must not reach the court's own network. The check is
 * made on the addresses the name resolves to at connection time (the
 * connection uses the address checked), so a name that resolves to an
 * internal address, at registration or later, is refused too.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/** How much of a receiver's answer is kept (characters). */
export const RESPONSE_EXCERPT_LENGTH = 300;

export interface WebhookPost {
  url: string;
  /** The exact bytes to send. */
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

/** The receiver's answer (any status), or why there was none. */
export type PostResult = { answered: true; status: number; excerpt: string } | { answered: false; error: string; retryable: boolean };

const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6');
}

/** Whether an address is one a webhook must not reach (IPv4-mapped IPv6 judged as the IPv4 it maps). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup, refusing names that resolve to any internal address. */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => isInternalAddress(a.address));
    if (bad) {
      const refusal: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad.address}, an internal address: webhooks go only to public addresses`);
      refusal.code = 'EINTERNALADDRESS';
      return callback(refusal, '');
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
    callback(null, first.address, first.family);
  });
}

export function postWebhook(post: WebhookPost): Promise<PostResult> {
  const url = new URL(post.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!post.allowPrivateAddresses && isIP(host) !== 0 && isInternalAddress(host)) {
    return Promise.resolve({ answered: false, error: `${host} is an internal address: webhooks go only to public addresses`, retryable: false });
  }
  const client = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(post.body, 'utf8');
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const settle = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-type': 'application/json', 'content-length': String(body.byteLength), 'user-agent': 'courtflow-webhooks' },
        agent: false,
        ...(post.allowPrivateAddresses ? {} : { lookup: guardedLookup as unknown as typeof dnsLookup }),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          excerpt += chunk;
          // Enough read: the rest of the answer is not kept, so it is not read either.
          if (excerpt.length >= RESPONSE_EXCERPT_LENGTH) {
            settle({ answered: true, status, excerpt: excerpt.slice(0, RESPONSE_EXCERPT_LENGTH) });
            response.destroy();
          }
        });
        response.on('end', () => settle({ answered: true, status, excerpt }));
        response.on('error', () => settle({ answered: true, status, excerpt }));
      },
    );
    const timer = setTimeout(() => {
      settle({ answered: false, error: `no answer within ${post.timeoutMs / 1000} s`, retryable: true });
      request.destroy();
    }, post.timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => {
      settle({ answered: false, error: err.message, retryable: err.code !== 'EINTERNALADDRESS' });
    });
    request.end(body);
  });
}
