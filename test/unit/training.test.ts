/**
 * Training mode's pure parts: which event the court clock moves to, the
 * environment a training stack starts with, and the data dir it empties.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TRAINING_MARKER, resetTrainingDataDir, trainingEnv } from '../../cli/training';
import { ConfigError } from '../../config';
import { nextCourtEvent } from '../../domain/training/next-event';
import { hkInstant } from '../../domain/time/hong-kong-time';

describe('the next court event', () => {
  const now = hkInstant('2026-11-23', 10);
  const period = (caseNo: string, due: string) => ({ caseNo, key: `k-${due}`, rule: 'sct.written-award', basis: 'Cap. 338 s.28', due });

  it('when a period ends before any hearing, then it is the first moment after its last day (Hong Kong)', () => {
    const event = nextCourtEvent(now, [{ caseNo: 'B', startsAt: hkInstant('2026-12-10', 9, 30) }], [period('A', '2026-12-01')]);
    expect(event).toMatchObject({ kind: 'period-ends', caseNo: 'A', due: '2026-12-01', at: hkInstant('2026-12-02') });
  });

  it('when a hearing begins first, then it is the hearing; past hearings and periods ended are not events', () => {
    const event = nextCourtEvent(
      now,
      [{ caseNo: 'OLD', startsAt: hkInstant('2026-11-23', 9, 30) }, { caseNo: 'B', startsAt: hkInstant('2026-11-30', 9, 30) }],
      [period('ENDED', '2026-11-22'), period('A', '2026-12-01')],
    );
    expect(event).toEqual({ kind: 'hearing', caseNo: 'B', at: hkInstant('2026-11-30', 9, 30) });
  });

  it('when a period ends today, then its end is tonight at midnight, still ahead', () => {
    expect(nextCourtEvent(now, [], [period('A', '2026-11-23')])?.at).toBe(hkInstant('2026-11-24'));
  });

  it('when nothing waits on the clock, then there is no event', () => {
    expect(nextCourtEvent(now, [], [])).toBeNull();
  });
});

describe('the training environment', () => {
  it('when nothing is set, then it is training, in .data-training, on ports 100 above the real defaults', () => {
    const env = trainingEnv({});
    expect(env).toMatchObject({ COURTFLOW_TRAINING: 'true', COURTFLOW_DATA_DIR: '.data-training', PORT: '3100', TEMPORAL_PORT: '7333', POSTGRES_PORT: '5533', PSP_SANDBOX_PORT: '7580', MAIL_SINK_PORT: '7525' });
  });

  it('when a port or the training data dir is set, then that is used; the real data dir never is', () => {
    const env = trainingEnv({ PORT: '4000', COURTFLOW_DATA_DIR: '/srv/courtflow', COURTFLOW_TRAINING_DATA_DIR: '/srv/training' });
    expect([env.PORT, env.COURTFLOW_DATA_DIR]).toEqual(['4000', '/srv/training']);
  });

  it.each(['TEMPORAL_ADDRESS', 'DATABASE_URL', 'MIGRATION_DATABASE_URL', 'PSP_URL', 'SMTP_URL'])('when %s names a real server, then training refuses to start, naming it', (name) => {
    expect(() => trainingEnv({ [name]: 'x://somewhere' })).toThrow(new ConfigError(`a training stack runs its own servers and never touches real data: unset ${name} to start it (they name a server of a real stack)`));
  });
});

describe('the training data dir', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'courtflow-training-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('when it is new, then it is made and marked', () => {
    const dir = path.join(root, 'training');
    resetTrainingDataDir(dir);
    expect(readdirSync(dir)).toEqual([TRAINING_MARKER]);
  });

  it('when it is marked, then an earlier session is emptied', () => {
    const dir = path.join(root, 'training');
    resetTrainingDataDir(dir);
    mkdirSync(path.join(dir, 'postgres'));
    resetTrainingDataDir(dir);
    expect(readdirSync(dir)).toEqual([TRAINING_MARKER]);
  });

  it('when it holds something but no marker (a real data dir), then it is refused and left as it was', () => {
    writeFileSync(path.join(root, 'courtflow.pids.json'), '{}');
    expect(() => resetTrainingDataDir(root)).toThrow(/is not a training data dir/);
    expect(existsSync(path.join(root, 'courtflow.pids.json'))).toBe(true);
  });
});
