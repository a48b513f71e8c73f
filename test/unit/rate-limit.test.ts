/** The token-bucket rate limiter and its middleware. */
import type { NextFunction, Request, Response } from 'express';
import { actorOrIpKey, rateLimit, TokenBuckets } from '../../api/middleware/rate-limit';
import { Problem } from '../../api/problem';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBuckets', () => {
  it('when a key spends its burst, then the next request waits for a refill and is told how long', () => {
    const c = clock();
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5, now: c.now });
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    c.advance(1_000);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(1_000);
    expect(buckets.take('a')).toEqual({ allowed: true, remaining: 0 });
  });

  it('when one key is exhausted, then other keys are not affected', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 1, now: clock().now });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('when idle, then a bucket refills only up to its capacity; reset forgets a key', () => {
    const c = clock();
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 10, now: c.now });
    buckets.take('a');
    c.advance(60_000);
    expect(buckets.take('a')).toEqual({ allowed: true, remaining: 1 });
    expect(buckets.take('a')).toEqual({ allowed: true, remaining: 0 });
    buckets.reset('a');
    expect(buckets.take('a')).toEqual({ allowed: true, remaining: 1 });
  });

  it('when more keys arrive than it keeps, then idle buckets go first and the map stays bounded', () => {
    const c = clock();
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 1, maxKeys: 3, now: c.now });
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    c.advance(5_000); // all refilled: idle
    buckets.take('d');
    expect(buckets.size).toBe(1);
    for (const key of ['e', 'f', 'g', 'h']) buckets.take(key);
    expect(buckets.size).toBeLessThanOrEqual(3);
  });

  it('when the options make no sense, then it refuses to start', () => {
    expect(() => new TokenBuckets({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBuckets({ capacity: 1, refillPerSecond: 0 })).toThrow(RangeError);
  });
});

describe('rateLimit middleware', () => {
  const fakeRes = (actor?: unknown) => {
    const headers: Record<string, string> = {};
    const res = { locals: { actor }, set: (name: string, value: string) => ((headers[name] = value), res) };
    return { res: res as unknown as Response, headers };
  };
  const req = (ip: string) => ({ ip, socket: {} }) as unknown as Request;

  it('when a client exceeds the limit, then it gets a 429 problem with Retry-After', () => {
    const middleware = rateLimit({ capacity: 2, refillPerSecond: 0.1, now: clock().now });
    const next = jest.fn() as NextFunction;
    middleware(req('10.0.0.1'), fakeRes().res, next);
    middleware(req('10.0.0.1'), fakeRes().res, next);
    expect(next).toHaveBeenCalledTimes(2);
    const { res, headers } = fakeRes();
    let thrown: unknown;
    try {
      middleware(req('10.0.0.1'), res, next);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).status).toBe(429);
    expect(headers['Retry-After']).toBe('10');
    // Another client is not affected.
    middleware(req('10.0.0.2'), fakeRes().res, next);
    expect(next).toHaveBeenCalledTimes(3);
  });

  it('when a request is signed in, then it is counted per actor; the public per IP', () => {
    expect(actorOrIpKey(req('10.0.0.1'), fakeRes({ id: 'acc-1', role: 'org-user', name: 'A' }).res)).toBe('actor:acc-1');
    expect(actorOrIpKey(req('10.0.0.1'), fakeRes({ id: 'public', role: 'public', name: 'Public' }).res)).toBe('ip:10.0.0.1');
    expect(actorOrIpKey(req('10.0.0.1'), fakeRes().res)).toBe('ip:10.0.0.1');
  });
});
