/**
 * The audit signing key: Ed25519, never in the database; from
 * COURTFLOW_AUDIT_SIGNING_KEY (a PEM or a file path) or created once under
 * `<dataDir>/secrets/audit-signing-key` (0600) with its public key beside it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { anchorSignatureValid, keyIdOf, signAnchor } from '../../db/audit-anchor';
import { auditPublicKey, auditPublicKeyPath, auditSigningKeyPath, loadAuditSigningKey } from '../../services/audit-anchor';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-key-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const settings = (extra: { COURTFLOW_AUDIT_SIGNING_KEY?: string; COURTFLOW_AUDIT_PUBLIC_KEY?: string } = {}) => ({
  dataDir,
  COURTFLOW_AUDIT_SIGNING_KEY: extra.COURTFLOW_AUDIT_SIGNING_KEY,
  COURTFLOW_AUDIT_PUBLIC_KEY: extra.COURTFLOW_AUDIT_PUBLIC_KEY,
});

describe('the audit signing key', () => {
  it('when none exists and none may be created, then there is none and nothing is written', () => {
    expect(loadAuditSigningKey(settings(), { create: false })).toBeUndefined();
    expect(auditPublicKey(settings())).toBeUndefined();
    expect(existsSync(path.join(dataDir, 'secrets'))).toBe(false);
  });

  it('when created, then the private key is 0600 in a 0700 folder, the public key beside it, and later loads find the same key', () => {
    const created = loadAuditSigningKey(settings(), { create: true })!;
    expect(created.source).toBe('file-created');
    expect(created.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(statSync(auditSigningKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(readFileSync(auditPublicKeyPath(dataDir), 'utf8')).toContain('BEGIN PUBLIC KEY');
    const again = loadAuditSigningKey(settings(), { create: true })!;
    expect(again).toMatchObject({ source: 'file', keyId: created.keyId });
    expect(keyIdOf(auditPublicKey(settings())!)).toBe(created.keyId);
    // An anchor it signs verifies with the public key others are given, and not once altered.
    const anchor = signAnchor(created.privateKey, { seq: 7, hash: 'a'.repeat(64) });
    expect(anchorSignatureValid(auditPublicKey(settings())!, anchor)).toBe(true);
    expect(anchorSignatureValid(auditPublicKey(settings())!, { ...anchor, seq: 8 })).toBe(false);
    expect(anchorSignatureValid(auditPublicKey(settings())!, { ...anchor, hash: 'b'.repeat(64) })).toBe(false);
  });

  it('when the key file was left readable by others, then loading makes it 0600 again', () => {
    loadAuditSigningKey(settings(), { create: true });
    chmodSync(auditSigningKeyPath(dataDir), 0o644);
    loadAuditSigningKey(settings(), { create: false });
    expect(statSync(auditSigningKeyPath(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('when COURTFLOW_AUDIT_SIGNING_KEY is a PEM or a file path, then that key is used and nothing is created', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadAuditSigningKey(settings({ COURTFLOW_AUDIT_SIGNING_KEY: pem }), { create: true })).toMatchObject({ source: 'env', keyId: keyIdOf(publicKey) });
    const file = path.join(dataDir, 'elsewhere.pem');
    writeFileSync(file, pem, { mode: 0o600 });
    expect(loadAuditSigningKey(settings({ COURTFLOW_AUDIT_SIGNING_KEY: file }), { create: true })?.keyId).toBe(keyIdOf(publicKey));
    expect(existsSync(auditSigningKeyPath(dataDir))).toBe(false);
    // A verifier given only the public key.
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(keyIdOf(auditPublicKey(settings({ COURTFLOW_AUDIT_PUBLIC_KEY: pub }))!)).toBe(keyIdOf(publicKey));
  });

  it('when the key is not Ed25519 or not a key at all, then the error names the variable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadAuditSigningKey(settings({ COURTFLOW_AUDIT_SIGNING_KEY: rsa }), { create: true })).toThrow(/COURTFLOW_AUDIT_SIGNING_KEY: must be an Ed25519 key/);
    expect(() => loadAuditSigningKey(settings({ COURTFLOW_AUDIT_SIGNING_KEY: '/nonexistent/key.pem' }), { create: true })).toThrow(/COURTFLOW_AUDIT_SIGNING_KEY: neither a PEM key nor a readable file/);
    expect(() => auditPublicKey(settings({ COURTFLOW_AUDIT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----' }))).toThrow(/COURTFLOW_AUDIT_PUBLIC_KEY/);
  });
});
