/**
 * Sign-in throttling that cannot be turned against the account's owner:
 * per (username, address) with exponential backoff, per address across
 * usernames, never per username alone; and which proxies may name the
 * client address (COURTFLOW_TRUSTED_PROXIES).
 */
import { clientNetwork, LoginThrottle, TokenBuckets } from '../../api/middleware/rate-limit';
import { ConfigError, loadConfig } from '../../config';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (seconds: number) => (t += seconds * 1000) };
}

const ATTACKER = '203.0.113.7';
const OWNER = '198.51.100.20';

/** Fails `times` attempts (each must be let through). */
function fail(throttle: LoginThrottle, username: string, address: string, times: number) {
  for (let i = 0; i < times; i += 1) expect(throttle.attempt(username, address)).toEqual({ allowed: true });
}

describe('LoginThrottle: per username and address, with backoff', () => {
  it('when a pair fails past the free attempts, then each further failure doubles the wait, up to the longest', () => {
    const c = clock();
    const throttle = new LoginThrottle({ freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 60, now: c.now });
    fail(throttle, 'chan.tai.man', ATTACKER, 5);
    const waits: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const refused = throttle.attempt('chan.tai.man', ATTACKER);
      if (refused.allowed) throw new Error('expected a refusal');
      waits.push(refused.retryAfterSeconds);
      c.advance(refused.retryAfterSeconds);
      expect(throttle.attempt('chan.tai.man', ATTACKER)).toEqual({ allowed: true }); // another wrong guess, once the wait is over
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('when the attacker is throttled at one address, then the owner signs in from another at once, every time', () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now });
    fail(throttle, 'chan.tai.man', ATTACKER, 5);
    for (let i = 0; i < 300; i += 1) {
      expect(throttle.attempt('chan.tai.man', ATTACKER).allowed).toBe(false);
      expect(throttle.attempt('chan.tai.man', OWNER)).toEqual({ allowed: true });
      throttle.succeeded('chan.tai.man', OWNER);
    }
    expect(throttle.waitFor('chan.tai.man', OWNER)).toBe(0);
    expect(throttle.waitFor('chan.tai.man', ATTACKER)).toBeGreaterThan(0);
  });

  it('when the username differs only in case, then it is the same pair', () => {
    const throttle = new LoginThrottle({ freeFailures: 1, now: clock().now });
    fail(throttle, 'Chan.Tai.Man', ATTACKER, 1);
    expect(throttle.attempt('chan.tai.man', ATTACKER).allowed).toBe(false);
  });

  it('when a sign-in succeeds, then the pair starts again from nothing', () => {
    const c = clock();
    const throttle = new LoginThrottle({ freeFailures: 3, now: c.now });
    fail(throttle, 'chan.tai.man', OWNER, 3);
    expect(throttle.attempt('chan.tai.man', OWNER).allowed).toBe(false);
    c.advance(1);
    expect(throttle.attempt('chan.tai.man', OWNER)).toEqual({ allowed: true });
    throttle.succeeded('chan.tai.man', OWNER);
    fail(throttle, 'chan.tai.man', OWNER, 3); // three free failures again, not a doubled wait
    expect(throttle.attempt('chan.tai.man', OWNER)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('when attempts arrive all at once, then each is counted as it is let through, before any is answered', () => {
    const throttle = new LoginThrottle({ freeFailures: 5, now: clock().now });
    const decisions = Array.from({ length: 50 }, () => throttle.attempt('chan.tai.man', ATTACKER).allowed);
    expect(decisions.filter(Boolean)).toHaveLength(5);
  });

  it('when a pair has failed nothing for the forget period, then it is forgotten', () => {
    const c = clock();
    const throttle = new LoginThrottle({ freeFailures: 2, forgetAfterSeconds: 3600, now: c.now });
    fail(throttle, 'chan.tai.man', ATTACKER, 2);
    c.advance(3599);
    fail(throttle, 'chan.tai.man', ATTACKER, 1); // still remembered: the third failure waits 2 s
    expect(throttle.attempt('chan.tai.man', ATTACKER)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    c.advance(3600);
    fail(throttle, 'chan.tai.man', ATTACKER, 2);
    expect(throttle.size).toBe(1);
  });

  it('when many pairs fail, then at most maxPairs are remembered', () => {
    const throttle = new LoginThrottle({ maxPairs: 10, perAddress: { capacity: 1000, refillPerSecond: 1 }, now: clock().now });
    for (let i = 0; i < 25; i += 1) throttle.attempt(`user-${i}`, ATTACKER);
    expect(throttle.size).toBeLessThanOrEqual(10);
  });

  it('when given a hard per-pair budget, then it applies beside the backoff and a success clears it', () => {
    const throttle = new LoginThrottle({ freeFailures: 100, perPair: new TokenBuckets({ capacity: 2, refillPerSecond: 0.01 }), now: clock().now });
    fail(throttle, 'chan.tai.man', ATTACKER, 2);
    expect(throttle.attempt('chan.tai.man', ATTACKER).allowed).toBe(false);
    expect(throttle.attempt('chan.tai.man', OWNER).allowed).toBe(true);
    throttle.succeeded('chan.tai.man', ATTACKER);
    expect(throttle.attempt('chan.tai.man', ATTACKER).allowed).toBe(true);
  });
});

describe('LoginThrottle: per address, across usernames (spraying)', () => {
  it('when one address tries many usernames, then it is slowed after its budget, and other addresses are not', () => {
    const c = clock();
    const throttle = new LoginThrottle({ perAddress: { capacity: 20, refillPerSecond: 0.1 }, now: c.now });
    for (let i = 0; i < 20; i += 1) expect(throttle.attempt(`user-${i}`, ATTACKER)).toEqual({ allowed: true });
    expect(throttle.attempt('user-20', ATTACKER)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(throttle.attempt('user-20', OWNER)).toEqual({ allowed: true });
    c.advance(10);
    expect(throttle.attempt('user-20', ATTACKER)).toEqual({ allowed: true });
  });

  it('when people at one address (an office) sign in successfully, then their successes do not use up its budget', () => {
    const throttle = new LoginThrottle({ perAddress: { capacity: 5, refillPerSecond: 0.001 }, now: clock().now });
    for (let i = 0; i < 50; i += 1) {
      expect(throttle.attempt(`clerk-${i}`, OWNER)).toEqual({ allowed: true });
      throttle.succeeded(`clerk-${i}`, OWNER);
    }
    expect(throttle.waitFor('clerk-50', OWNER)).toBe(0);
  });
});

describe('LoginThrottle: what counts as one address', () => {
  it('when an IPv6 attacker rotates addresses within its /64, then it is still one address; another /64 is another', () => {
    const throttle = new LoginThrottle({ freeFailures: 2, now: clock().now });
    fail(throttle, 'chan.tai.man', '2001:db8:1:2::1', 1);
    fail(throttle, 'chan.tai.man', '2001:db8:1:2:ffff:ffff:ffff:fffe', 1);
    expect(throttle.attempt('chan.tai.man', '2001:0db8:0001:0002:abcd::9').allowed).toBe(false);
    expect(throttle.attempt('chan.tai.man', '2001:db8:1:3::1')).toEqual({ allowed: true });
  });

  it('when an IPv4 client is seen IPv4-mapped, then it is the same address', () => {
    const throttle = new LoginThrottle({ freeFailures: 1, now: clock().now });
    fail(throttle, 'chan.tai.man', '::ffff:203.0.113.7', 1);
    expect(throttle.attempt('chan.tai.man', '203.0.113.7').allowed).toBe(false);
  });

  it('when addresses are written in different ways, then clientNetwork gives one network', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('2001:0DB8:0000:0000:1:2:3:4')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});

describe('TokenBuckets peek and refund', () => {
  it('when peeked, then nothing is taken; when refunded, then a taken token comes back, never above capacity', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 0.001, now: clock().now });
    expect(buckets.peek('a')).toEqual({ allowed: true, remaining: 1 });
    buckets.take('a');
    buckets.take('a');
    expect(buckets.peek('a').allowed).toBe(false);
    buckets.refund('a');
    expect(buckets.take('a').allowed).toBe(true);
    buckets.refund('a', 10);
    expect(buckets.peek('a', 3).allowed).toBe(false);
  });
});

describe('COURTFLOW_TRUSTED_PROXIES', () => {
  it('when unset or empty, then no proxy is trusted', () => {
    expect(loadConfig({}).COURTFLOW_TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ COURTFLOW_TRUSTED_PROXIES: ' ' }).COURTFLOW_TRUSTED_PROXIES).toEqual([]);
  });

  it('when it lists addresses, ranges and range names, then those are the proxies', () => {
    expect(loadConfig({ COURTFLOW_TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16 ,fd00::/8,::1, loopback' }).COURTFLOW_TRUSTED_PROXIES).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
  });

  it('when an entry is neither, then the error names the variable and the entry', () => {
    expect(() => loadConfig({ COURTFLOW_TRUSTED_PROXIES: '10.0.0.5,proxy.internal' })).toThrow(ConfigError);
    expect(() => loadConfig({ COURTFLOW_TRUSTED_PROXIES: '10.0.0.5,proxy.internal' })).toThrow(/COURTFLOW_TRUSTED_PROXIES: "proxy.internal"/);
  });
});
