/**
 * The webhook signature scheme (db/notifications/webhook-signature.ts), as a
 * receiver runs it: what courtflow signs verifies; a changed byte, another
 * secret, an old or future timestamp, a missing or malformed header do not.
 */
import { signWebhook, verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS } from '../../db/notifications/webhook-signature';

const SECRET = 'whsec_test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const raw = '{"id":"4f0c…","type":"deadline.alert","createdAt":"2026-11-23T01:00:00.000Z","data":{"caseNo":"SCTC-2026-000001"},"language":"zh-Hant","subject":"截止日期","body":"…"}';
const now = Date.parse('2026-11-23T01:00:05.000Z') / 1000;

describe('verifyWebhookSignature', () => {
  it('when courtflow signed the exact bytes received, then it verifies, as a string or a Buffer', () => {
    const header = signWebhook(SECRET, raw, now);
    expect(header).toMatch(/^t=[0-9]+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, raw, now)).toEqual({ ok: true });
    expect(verifyWebhookSignature(SECRET, header, Buffer.from(raw, 'utf8'), now)).toEqual({ ok: true });
  });

  it('when one character of the body was changed, then it is refused', () => {
    const header = signWebhook(SECRET, raw, now);
    const tampered = raw.replace('SCTC-2026-000001', 'SCTC-2026-000002');
    expect(verifyWebhookSignature(SECRET, header, tampered, now)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('when the body was re-serialised (same JSON, other bytes), then it is refused: the raw bytes are what is signed', () => {
    const header = signWebhook(SECRET, raw, now);
    expect(verifyWebhookSignature(SECRET, header, JSON.stringify(JSON.parse(raw), null, 1), now).ok).toBe(false);
  });

  it('when signed with another secret, then it is refused', () => {
    const header = signWebhook('whsec_another-secret-0123456789abcdefghijkl', raw, now);
    expect(verifyWebhookSignature(SECRET, header, raw, now)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('when the timestamp is more than 300 s old, then it is refused as a possible replay; at 300 s, accepted', () => {
    const header = signWebhook(SECRET, raw, now);
    expect(verifyWebhookSignature(SECRET, header, raw, now + WEBHOOK_TOLERANCE_SECONDS)).toEqual({ ok: true });
    expect(verifyWebhookSignature(SECRET, header, raw, now + 301)).toEqual({ ok: false, reason: expect.stringMatching(/301 s old.*replay/) });
  });

  it('when the timestamp is more than 300 s ahead of the receiver, then it is refused too', () => {
    expect(verifyWebhookSignature(SECRET, signWebhook(SECRET, raw, now + 600), raw, now)).toEqual({
      ok: false,
      reason: expect.stringMatching(/600 s in the future/),
    });
  });

  it('when a replayed delivery carries a fresh timestamp but the old signature, then it is refused', () => {
    const [, v1] = signWebhook(SECRET, raw, now - 3600).split(',');
    expect(verifyWebhookSignature(SECRET, `t=${Math.floor(now)},${v1}`, raw, now)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('when the header is missing or malformed, then it is refused, saying so', () => {
    expect(verifyWebhookSignature(SECRET, undefined, raw, now)).toEqual({ ok: false, reason: 'no Courtflow-Signature header' });
    expect(verifyWebhookSignature(SECRET, '', raw, now).ok).toBe(false);
    for (const bad of ['v1=abc', 't=abc,v1=' + 'a'.repeat(64), 't=1,v1=zz', 'garbage', 't=1,t=2,v1=' + 'a'.repeat(64)]) {
      expect(verifyWebhookSignature(SECRET, bad, raw, now)).toEqual({ ok: false, reason: 'malformed Courtflow-Signature header' });
    }
  });

  it('when the header carries two v1 signatures (a secret being rotated), then either matching is enough', () => {
    const good = signWebhook(SECRET, raw, now);
    const other = signWebhook('whsec_old-secret-0123456789abcdefghijklmnop', raw, now).split(',')[1];
    expect(verifyWebhookSignature(SECRET, `${good},${other}`, raw, now)).toEqual({ ok: true });
  });
});
