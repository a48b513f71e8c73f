/**
 * Today's workflow code must replay yesterday's cases. Each recorded history
 * under test/fixtures/histories is replayed against the current bundle; a
 * history altered to disagree with the code is the negative control, proving
 * the replay would notice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { workflowBundle } from '../support/temporal';

const dir = path.join(__dirname, '../fixtures/histories');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

const load = (file: string) => temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));

describe('replay of recorded case histories', () => {
  it('when the fixtures are listed, then there are some to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(2);
  });

  it.each(fixtures)('when %s is replayed against today\'s code, then it replays without nondeterminism', async (file) => {
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, load(file), file)).resolves.toBeUndefined();
  });

  it('when a history disagrees with the code (an activity renamed), then the replay fails with a determinism violation', async () => {
    const history = load(fixtures[0]!);
    const scheduled = history.events?.find((e) => e.activityTaskScheduledEventAttributes);
    scheduled!.activityTaskScheduledEventAttributes!.activityType = { name: 'someOtherActivity' };
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, 'tampered')).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
