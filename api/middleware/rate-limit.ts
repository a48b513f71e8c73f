/**
 * Rate limiting: an in-memory token bucket per key (the signed-in actor, or
 * the client's IP for the public). Each bucket holds up to `capacity`
 * requests and refills at `refillPerSecond`; a request finding it empty gets
 * 429 problem+json with Retry-After. Per process: behind several API
 * processes each enforces its own budget. Sign-in has its own throttle,
 * `LoginThrottle`, per (username, client address) with exponential backoff.
 *
 * The client's address is `req.ip`: the socket's peer, unless the app trusts
 * a proxy (`COURTFLOW_TRUSTED_PROXIES`), when it is the address that proxy
 * forwarded in X-Forwarded-For.
 */
import { isIPv6 } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import { isRole } from '../../domain/identity/actor';
import type { SignInThrottle, ThrottleDecision } from '../../services/identity/sign-in';
import { Problem } from '../problem';

export interface TokenBucketOptions {
  /** Burst size: the most requests allowed at once. */
  capacity: number;
  /** Sustained rate. */
  refillPerSecond: number;
  /** Buckets kept at most; idle (full) ones are dropped first. Default 100 000. */
  maxKeys?: number;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

export type Take = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) {
      throw new RangeError('a rate limit needs capacity >= 1 and refillPerSecond > 0');
    }
    this.capacity = options.capacity;
    this.refillPerMs = options.refillPerSecond / 1000;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes `cost` tokens from `key`'s bucket if it has them. */
  take(key: string, cost = 1): Take {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / this.refillPerMs / 1000)) };
  }

  /** Whether `take(key, cost)` would be allowed now, without taking anything. */
  peek(key: string, cost = 1): Take {
    const now = this.now();
    const existing = this.buckets.get(key);
    const tokens = existing ? Math.min(this.capacity, existing.tokens + Math.max(0, now - existing.at) * this.refillPerMs) : this.capacity;
    if (tokens >= cost) return { allowed: true, remaining: Math.floor(tokens - cost) };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / this.refillPerMs / 1000)) };
  }

  /** Gives back `cost` tokens taken for a request that turned out not to count (a sign-in that succeeded). */
  refund(key: string, cost = 1): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    bucket.tokens = Math.min(this.capacity, bucket.tokens + cost);
  }

  /** Forgets a key (a successful sign-in clears its failures). */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing) {
      existing.tokens = Math.min(this.capacity, existing.tokens + Math.max(0, now - existing.at) * this.refillPerMs);
      existing.at = now;
      return existing;
    }
    if (this.buckets.size >= this.maxKeys) this.evict(now);
    const bucket = { tokens: this.capacity, at: now };
    this.buckets.set(key, bucket);
    return bucket;
  }

  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.capacity) this.buckets.delete(key);
    }
    // Still full of busy clients: drop the least recently created.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

export interface RateLimitOptions extends TokenBucketOptions {
  /** Which bucket a request takes from; defaults to `actor:<id>`, or `ip:<address>` for the public. */
  key?: (req: Request, res: Response) => string;
}

/** The default key: the actor set by `authenticate`, else the client IP. */
export function actorOrIpKey(req: Request, res: Response): string {
  const actor: unknown = res.locals.actor;
  if (actor && typeof actor === 'object' && 'id' in actor && 'role' in actor && isRole(actor.role) && actor.role !== 'public') {
    return `actor:${String(actor.id)}`;
  }
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** Express middleware; mount after `authenticate` so signed-in actors get their own buckets. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const buckets = new TokenBuckets(options);
  const keyOf = options.key ?? actorOrIpKey;
  return (req, res, next) => {
    const taken = buckets.take(keyOf(req, res));
    if (!taken.allowed) {
      res.set('Retry-After', String(taken.retryAfterSeconds));
      throw new Problem(429, 'rate-limited', 'Too many requests', `Try again in ${taken.retryAfterSeconds} s`, {
        retryAfterSeconds: taken.retryAfterSeconds,
      });
    }
    next();
  };
}

export interface LoginThrottleOptions {
  /** Failed sign-ins per (username, address) before any delay. Default 5. */
  freeFailures?: number;
  /** The delay after the first failure past the free ones; it doubles with each further failure. Default 1 s. */
  baseDelaySeconds?: number;
  /** The longest delay. Default 15 minutes. */
  maxDelaySeconds?: number;
  /** A pair with no failure for this long starts again from nothing. Default a day. */
  forgetAfterSeconds?: number;
  /**
   * Failed sign-ins per client address, whatever the username (password
   * spraying). Default bursts of 100, then one every 10 s; a success is not
   * counted.
   */
  perAddress?: Omit<TokenBucketOptions, 'now'>;
  /**
   * An extra hard budget per (username, address) pair, beside the delays
   * (the per-username limiter of earlier versions, now per pair). None by default.
   */
  perPair?: TokenBuckets;
  /** (Username, address) pairs remembered at most; the least recently failed are dropped first. Default 100 000. */
  maxPairs?: number;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

interface PairState {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/**
 * Sign-in throttling that cannot be turned against the account's owner
 * (OWASP Authentication Cheat Sheet): attempts are throttled per (username,
 * client address) pair with exponential backoff (after `freeFailures`
 * failures, each further one makes the next attempt wait `baseDelaySeconds`,
 * doubled each time up to `maxDelaySeconds`), and per client address across
 * usernames with a looser token bucket. Nothing is keyed on the username
 * alone, so failures from an attacker's address never refuse the owner at
 * another. An attempt counts as a failure as soon as it is let through
 * (attempts sent at once cannot all slip in before the first is answered);
 * `succeeded` forgets the pair and gives the address its token back.
 * An IPv6 client counts by its /64 (`clientNetwork`). In memory, per API
 * process, like `TokenBuckets`.
 */
export class LoginThrottle implements SignInThrottle {
  private readonly pairs = new Map<string, PairState>();
  private readonly addresses: TokenBuckets;
  private readonly perPair: TokenBuckets | undefined;
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetAfterMs: number;
  private readonly maxPairs: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5;
    this.baseDelayMs = (options.baseDelaySeconds ?? 1) * 1000;
    this.maxDelayMs = (options.maxDelaySeconds ?? 15 * 60) * 1000;
    this.forgetAfterMs = (options.forgetAfterSeconds ?? 24 * 3600) * 1000;
    this.maxPairs = options.maxPairs ?? 100_000;
    this.now = options.now ?? Date.now;
    if (!(this.freeFailures >= 0) || !(this.baseDelayMs > 0) || !(this.maxDelayMs >= this.baseDelayMs) || !(this.forgetAfterMs > 0)) {
      throw new RangeError('a login throttle needs freeFailures >= 0, baseDelaySeconds > 0, maxDelaySeconds >= baseDelaySeconds and forgetAfterSeconds > 0');
    }
    this.addresses = new TokenBuckets({ capacity: 100, refillPerSecond: 1 / 10, ...options.perAddress, now: this.now });
    this.perPair = options.perPair;
  }

  attempt(username: string, address: string): ThrottleDecision {
    const now = this.now();
    const key = pairKey(username, address);
    const pair = this.current(key, now);
    if (pair && now < pair.blockedUntil) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((pair.blockedUntil - now) / 1000)) };
    const fromAddress = this.addresses.peek(addressKey(address));
    if (!fromAddress.allowed) return fromAddress;
    const fromPair = this.perPair?.peek(key);
    if (fromPair && !fromPair.allowed) return fromPair;

    this.addresses.take(addressKey(address));
    this.perPair?.take(key);
    const state = pair ?? this.remember(key, now);
    state.failures += 1;
    state.lastFailureAt = now;
    // Re-inserted so the map stays ordered by last failure (the oldest are dropped first).
    this.pairs.delete(key);
    this.pairs.set(key, state);
    const past = state.failures - this.freeFailures;
    if (past >= 0) state.blockedUntil = now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(past, 40));
    return { allowed: true };
  }

  succeeded(username: string, address: string): void {
    const key = pairKey(username, address);
    this.pairs.delete(key);
    this.perPair?.reset(key);
    this.addresses.refund(addressKey(address));
  }

  /** Seconds until `username` may be tried again from `address` (0: now). */
  waitFor(username: string, address: string): number {
    const now = this.now();
    const pair = this.current(pairKey(username, address), now);
    const pairWait = pair && now < pair.blockedUntil ? Math.ceil((pair.blockedUntil - now) / 1000) : 0;
    const fromAddress = this.addresses.peek(addressKey(address));
    return Math.max(pairWait, fromAddress.allowed ? 0 : fromAddress.retryAfterSeconds);
  }

  /** Pairs remembered. */
  get size(): number {
    return this.pairs.size;
  }

  private current(key: string, now: number): PairState | undefined {
    const pair = this.pairs.get(key);
    if (pair && this.forgotten(pair, now)) {
      this.pairs.delete(key);
      return undefined;
    }
    return pair;
  }

  private forgotten(pair: PairState, now: number): boolean {
    return now >= pair.blockedUntil && now - pair.lastFailureAt >= this.forgetAfterMs;
  }

  private remember(key: string, now: number): PairState {
    if (this.pairs.size >= this.maxPairs) {
      for (const [k, pair] of this.pairs) if (this.forgotten(pair, now)) this.pairs.delete(k);
      for (const k of this.pairs.keys()) {
        if (this.pairs.size < this.maxPairs) break;
        this.pairs.delete(k);
      }
    }
    const state: PairState = { failures: 0, lastFailureAt: now, blockedUntil: 0 };
    this.pairs.set(key, state);
    return state;
  }
}

/**
 * The network a client address stands for, as throttling counts it: an IPv4
 * address itself (also when written IPv4-mapped, `::ffff:192.0.2.1`), and an
 * IPv6 address's /64, since one subscriber is usually given a whole /64 and
 * could otherwise try from a fresh address every time.
 */
export function clientNetwork(address: string): string {
  const bare = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.toLowerCase().split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${all.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** Usernames are compared lower-case; NUL cannot occur in either part. */
const pairKey = (username: string, address: string) => `${username.trim().toLowerCase()}\u0000${clientNetwork(address)}`;
const addressKey = (address: string) => `address:${clientNetwork(address)}`;
