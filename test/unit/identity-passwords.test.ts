/** Password hashing (argon2id) and API key secrets. */
import { apiKeySecretMatches, generateApiKey, parseApiKey } from '../../services/identity/api-keys';
import { hashPassword, passwordNeedsRehash, randomPassword, verifyPassword } from '../../db/passwords';

describe('passwords', () => {
  it('when a password is hashed, then the PHC string is argon2id, salted, and verifies only that password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(hash).not.toContain('correct horse');
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it('when there is no hash, or it is not one, then nothing verifies', async () => {
    expect(await verifyPassword(undefined, 'anything at all')).toBe(false);
    expect(await verifyPassword(null, '')).toBe(false);
    expect(await verifyPassword('not-a-phc-string', 'anything at all')).toBe(false);
    expect(passwordNeedsRehash('$2b$10$bcrypt-looking')).toBe(true);
  });

  it('when a password is too short or too long, then it is not hashed', async () => {
    await expect(hashPassword('short')).rejects.toThrow(/12 to 256/);
    await expect(hashPassword('x'.repeat(257))).rejects.toThrow(/12 to 256/);
  });

  it('when a random password is made, then it is 24 URL-safe characters and new each time', () => {
    const a = randomPassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(randomPassword()).not.toBe(a);
  });
});

describe('API keys', () => {
  it('when a key is generated, then it parses back to its prefix, and only its own secret matches the stored hash', () => {
    const { key, prefix, secretHash } = generateApiKey();
    expect(key).toMatch(/^cf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(key);
    expect(parsed?.prefix).toBe(prefix);
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).not.toContain(parsed?.secret ?? '');
    expect(apiKeySecretMatches(parsed?.secret ?? '', secretHash)).toBe(true);
    const other = parseApiKey(generateApiKey().key);
    expect(apiKeySecretMatches(other?.secret ?? '', secretHash)).toBe(false);
  });

  it('when a key is malformed, then it does not parse', () => {
    expect(parseApiKey('cf_short_secret')).toBeUndefined();
    expect(parseApiKey(`xx_${'a'.repeat(12)}_${'b'.repeat(43)}`)).toBeUndefined();
    expect(parseApiKey(`cf_${'a'.repeat(12)}_${'b'.repeat(43)}`)).toEqual({ prefix: 'a'.repeat(12), secret: 'b'.repeat(43) });
  });
});
