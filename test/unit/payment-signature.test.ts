/**
 * The callback signature scheme (db/payment-provider/signature.ts):
 * what the provider signs, the receiver accepts; anything else (a changed
 * byte, another secret, an old or future timestamp, a missing or malformed
 * header) is refused with a reason.
 */
import { signCallback, verifySignature } from '../../db/payment-provider/signature';

const SECRET = 'whsec-test-0123456789abcdef';
const body = Buffer.from('{"eventId":"evt_1","merchantRef":"EF-2026-000001-P1","status":"succeeded"}');
const at = new Date('2026-11-20T03:00:00.000Z');
const atSeconds = at.getTime() / 1000;

describe('signCallback and verifySignature', () => {
  it('when a body is signed now, then it verifies, as a Buffer or a string', () => {
    const header = signCallback(body, SECRET, atSeconds);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(signCallback(body.toString('utf8'), SECRET, atSeconds)).toBe(header);
    expect(verifySignature(body, header, SECRET, at)).toEqual({ ok: true });
  });

  it('when one byte of the body changes, then it is refused', () => {
    const header = signCallback(body, SECRET, atSeconds);
    const tampered = Buffer.from(body.toString('utf8').replace('succeeded', 'succeedee'));
    expect(verifySignature(tampered, header, SECRET, at)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('when signed with another secret, then it is refused', () => {
    expect(verifySignature(body, signCallback(body, 'another-secret-0123456789', atSeconds), SECRET, at)).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('when the timestamp is older than the tolerance, then it is refused as a possible replay; within it, accepted', () => {
    const header = signCallback(body, SECRET, atSeconds);
    expect(verifySignature(body, header, SECRET, new Date(at.getTime() + 300_000))).toEqual({ ok: true });
    const late = verifySignature(body, header, SECRET, new Date(at.getTime() + 301_000));
    expect(late).toEqual({ ok: false, reason: expect.stringMatching(/301 s old.*replay/) });
    expect(verifySignature(body, header, SECRET, new Date(at.getTime() + 30_000), 10).ok).toBe(false);
  });

  it('when the timestamp is too far in the future, then it is refused', () => {
    const header = signCallback(body, SECRET, atSeconds + 600);
    expect(verifySignature(body, header, SECRET, at)).toEqual({ ok: false, reason: expect.stringMatching(/in the future/) });
  });

  it('when the timestamp in the header is changed, then the signature no longer matches', () => {
    const header = signCallback(body, SECRET, atSeconds).replace(/^t=\d+/, `t=${atSeconds + 1}`);
    expect(verifySignature(body, header, SECRET, at)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it.each([
    ['missing', undefined, /no Sandbox-Signature header/],
    ['empty', '  ', /no Sandbox-Signature header/],
    ['without a timestamp', `v1=${'a'.repeat(64)}`, /malformed/],
    ['without a signature', 't=1700000000', /malformed/],
    ['with a short signature', 't=1700000000,v1=abcd', /malformed/],
    ['with a non-numeric timestamp', `t=soon,v1=${'a'.repeat(64)}`, /malformed/],
    ['with two timestamps', `t=1,t=2,v1=${'a'.repeat(64)}`, /malformed/],
    ['not key=value', 'garbage', /malformed/],
  ])('when the header is %s, then it is refused', (_what, header, reason) => {
    const verdict = verifySignature(body, header, SECRET, at);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.reason).toMatch(reason);
  });

  it('when the header carries the signatures of an old and a new secret (rotation), then either secret verifies it', () => {
    const oldHeader = signCallback(body, 'old-secret-0123456789abcdef', atSeconds);
    const newHeader = signCallback(body, SECRET, atSeconds);
    const both = `${oldHeader},${newHeader.split(',')[1]}`;
    expect(verifySignature(body, both, SECRET, at)).toEqual({ ok: true });
    expect(verifySignature(body, both, 'old-secret-0123456789abcdef', at)).toEqual({ ok: true });
  });
});
