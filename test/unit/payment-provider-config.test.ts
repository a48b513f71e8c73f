/**
 * The payment provider's settings (config/payment-provider.ts): off without
 * PSP_URL; each secret from its variable or from the file its _FILE variant
 * names, never both; a bad setting names the variable and never the secret.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paymentProviderOf } from '../../db/payment-provider/configured';
import { loadPaymentProviderConfig } from '../../config/payment-provider';

const KEY = 'psp-api-key-0123456789';
const SECRET = 'psp-signing-secret-0123456789';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'courtflow-psp-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadPaymentProviderConfig(env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('loadPaymentProviderConfig', () => {
  it('when PSP_URL is unset or empty, then there is no provider', () => {
    expect(loadPaymentProviderConfig({})).toBeNull();
    expect(loadPaymentProviderConfig({ PSP_URL: ' ', PSP_API_KEY: KEY })).toBeNull();
    expect(paymentProviderOf(null)).toBeNull();
  });

  it('when the URL and both secrets are set, then those are the settings, and they build the sandbox adapter', () => {
    const config = loadPaymentProviderConfig({ PSP_URL: 'http://127.0.0.1:7480', PSP_API_KEY: KEY, PSP_SIGNING_SECRET: SECRET });
    expect(config).toEqual({ url: 'http://127.0.0.1:7480', apiKey: KEY, signingSecret: SECRET });
    expect(paymentProviderOf(config)?.name).toBe('sandbox');
  });

  it('when a secret is given as a file, then its content is used, without the trailing line break', () => {
    const keyFile = path.join(dir, 'api-key');
    writeFileSync(keyFile, `${KEY}\n`);
    const secretFile = path.join(dir, 'signing-secret');
    writeFileSync(secretFile, SECRET);
    expect(loadPaymentProviderConfig({ PSP_URL: 'https://psp.example', PSP_API_KEY_FILE: keyFile, PSP_SIGNING_SECRET_FILE: secretFile })).toEqual({
      url: 'https://psp.example',
      apiKey: KEY,
      signingSecret: SECRET,
    });
  });

  it('when a setting is wrong, then the error names the variable and never shows a secret', () => {
    expect(refusal({ PSP_URL: 'ftp://psp.example', PSP_API_KEY: KEY, PSP_SIGNING_SECRET: SECRET })).toMatch(/PSP_URL/);
    expect(refusal({ PSP_URL: 'https://psp.example', PSP_SIGNING_SECRET: SECRET })).toMatch(/PSP_API_KEY: is required/);
    const both = refusal({ PSP_URL: 'https://psp.example', PSP_API_KEY: KEY, PSP_API_KEY_FILE: '/x', PSP_SIGNING_SECRET: SECRET });
    expect(both).toMatch(/PSP_API_KEY or PSP_API_KEY_FILE, not both/);
    expect(refusal({ PSP_URL: 'https://psp.example', PSP_API_KEY: KEY, PSP_SIGNING_SECRET_FILE: path.join(dir, 'missing') })).toMatch(
      /PSP_SIGNING_SECRET_FILE: cannot read .* \(ENOENT\)/,
    );
    const short = refusal({ PSP_URL: 'https://psp.example', PSP_API_KEY: 'short', PSP_SIGNING_SECRET: SECRET });
    expect(short).toMatch(/PSP_API_KEY: must be at least 16 characters/);
    for (const message of [both, short]) {
      expect(message).not.toContain(KEY);
      expect(message).not.toContain(SECRET);
    }
  });
});
