/**
 * Rate limiting: an in-memory token bucket per key (the signed-in actor, or
 * the client's IP for the public). Each bucket holds up to `capacity`
 * requests and refills at `refillPerSecond`; a request finding it empty gets
 * 429 problem+json with Retry-After. Per process: behind several API
 * processes each enforces its own budget.
 */
import type { Request, RequestHandler, Response } from 'express';
import { isRole } from '../../domain/identity/actor';
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
