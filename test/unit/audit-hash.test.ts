/** The audit chain's hash: canonical JSON, and what changes it. */
import { auditHash, canonicalJson, GENESIS_HASH } from '../../db/audit-log';

const row = {
  seq: 1,
  at: new Date('2026-11-02T01:02:03.456Z'),
  actorId: 'acc-1',
  actorRole: 'registry-officer',
  onBehalfOf: null,
  action: 'account.create',
  target: 'account:acc-2',
  before: null,
  after: { b: 1, a: [2, { d: null, c: 'x' }] },
  requestId: 'req-1',
};

describe('audit hash', () => {
  it('when keys come in another order, then the canonical JSON and the hash are the same', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
    const reordered = { ...row, after: { a: [2, { c: 'x', d: null }], b: 1 } };
    expect(auditHash(GENESIS_HASH, reordered)).toBe(auditHash(GENESIS_HASH, row));
  });

  it('when any field or the previous hash changes, then the hash changes', () => {
    const base = auditHash(GENESIS_HASH, row);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash('1'.repeat(64), row)).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...row, seq: 2 })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...row, after: { b: 2, a: [2, { d: null, c: 'x' }] } })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...row, at: new Date('2026-11-02T01:02:03.457Z') })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...row, onBehalfOf: 'party:C1' })).not.toBe(base);
  });
});
