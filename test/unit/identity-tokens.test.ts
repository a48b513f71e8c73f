/** Access tokens: signing, expiry, tampering; the token secret's source. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTokenService, loadIdentityConfig, tokenSecretPath } from '../../api/identity/tokens';

const secret = randomBytes(32);
const tokens = createTokenService({ secret, ttlSeconds: 900 });
const t0 = new Date('2026-11-02T09:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => token.split('.') as [string, string, string];

describe('access tokens', () => {
  it('when a token is issued, then it checks out with its account, lives 15 minutes by default and carries an id', () => {
    const issued = createTokenService({ secret }).issue('acc-1', t0);
    expect(issued.expiresIn).toBe(900);
    expect(issued.expiresAt.toISOString()).toBe('2026-11-02T09:15:00.000Z');
    const check = tokens.check(issued.token, at(60));
    expect(check).toEqual({ ok: true, claims: expect.objectContaining({ sub: 'acc-1', iss: 'courtflow', jti: issued.tokenId }) });
  });

  it('when the token has expired, then the check says expired, at the second it expires', () => {
    const { token } = tokens.issue('acc-1', t0);
    expect(tokens.check(token, at(899)).ok).toBe(true);
    expect(tokens.check(token, at(900))).toEqual({ ok: false, reason: 'expired' });
  });

  it('when the payload is changed, then the signature no longer matches', () => {
    const { token } = tokens.issue('acc-1', t0);
    const [header, payload, signature] = partsOf(token);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${b64({ ...claims, sub: 'acc-2' })}.${signature}`;
    expect(tokens.check(forged, at(1))).toEqual({ ok: false, reason: 'bad-signature' });
    const extended = `${header}.${b64({ ...claims, exp: Number(claims.exp) + 86_400 })}.${signature}`;
    expect(tokens.check(extended, at(1))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('when the signature is changed or made with another secret, then it is refused', () => {
    const { token } = tokens.issue('acc-1', t0);
    const [header, payload, signature] = partsOf(token);
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BA' : 'AA');
    expect(tokens.check(`${header}.${payload}.${flipped}`, at(1)).ok).toBe(false);
    const other = createTokenService({ secret: randomBytes(32) }).issue('acc-1', t0).token;
    expect(tokens.check(other, at(1))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('when the header says alg none (or anything but HS256), then it is refused without looking at the signature', () => {
    const { token } = tokens.issue('acc-1', t0);
    const [, payload] = partsOf(token);
    expect(tokens.check(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, at(1))).toEqual({ ok: false, reason: 'malformed' });
    expect(tokens.check(`${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}.x`, at(1))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('when the token is not three parts, or not JSON, then it is malformed', () => {
    expect(tokens.check('abc', t0)).toEqual({ ok: false, reason: 'malformed' });
    expect(tokens.check('a.b.c.d', t0)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('when the secret is shorter than 32 bytes, then no service is made', () => {
    expect(() => createTokenService({ secret: Buffer.alloc(16) })).toThrow(/32 bytes/);
  });
});

describe('token secret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when COURTFLOW_TOKEN_SECRET is set, then it is used and no file is written', () => {
    const config = loadIdentityConfig({ COURTFLOW_TOKEN_SECRET: 'x'.repeat(40) }, dataDir);
    expect(config.tokenSecretSource).toBe('env');
    expect(config.tokenSecret.toString()).toBe('x'.repeat(40));
    expect(config.tokenTtlSeconds).toBe(900);
    expect(() => statSync(tokenSecretPath(dataDir))).toThrow();
  });

  it('when no secret is set, then one is generated once into the data dir (mode 0600) and reused after', () => {
    const first = loadIdentityConfig({}, dataDir);
    expect(first.tokenSecretSource).toBe('file-created');
    expect(first.tokenSecret).toHaveLength(32);
    expect(statSync(tokenSecretPath(dataDir)).mode & 0o777).toBe(0o600);
    const second = loadIdentityConfig({}, dataDir);
    expect(second.tokenSecretSource).toBe('file');
    expect(second.tokenSecret.equals(first.tokenSecret)).toBe(true);
    expect(readFileSync(tokenSecretPath(dataDir), 'utf8').trim()).toBe(first.tokenSecret.toString('hex'));
  });

  it('when a variable is bad, then the error names it', () => {
    expect(() => loadIdentityConfig({ COURTFLOW_TOKEN_SECRET: 'short' }, dataDir)).toThrow(/COURTFLOW_TOKEN_SECRET/);
    expect(() => loadIdentityConfig({ COURTFLOW_TOKEN_SECRET: 'x'.repeat(40), COURTFLOW_TOKEN_TTL_SECONDS: '5' }, dataDir)).toThrow(
      /COURTFLOW_TOKEN_TTL_SECONDS/,
    );
  });
});
