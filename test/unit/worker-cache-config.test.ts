import { ConfigError, loadConfig, WORKER_ACTIVITY_SLOTS_DEFAULT, WORKER_CACHE_DEFAULT } from '../../config';

describe('WORKER_MAX_CACHED_WORKFLOWS', () => {
  it('when unset, then the measured default bounds the cache', () => {
    expect(loadConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBe(WORKER_CACHE_DEFAULT);
  });

  it('when set to a whole number, then that is the bound, 0 included (no cache: every task replays)', () => {
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '400' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(400);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(0);
  });

  it.each(['-1', '2.5', 'lots', '100001'])('when set to %s, then the configuration is refused, naming the setting', (value) => {
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });
});

describe('WORKER_MAX_CONCURRENT_ACTIVITIES', () => {
  it('when unset, then a worker runs as many activities at once as its database pool had connections', () => {
    expect(loadConfig({}).WORKER_MAX_CONCURRENT_ACTIVITIES).toBe(WORKER_ACTIVITY_SLOTS_DEFAULT);
  });

  it('when set to a whole number, then that is the bound', () => {
    expect(loadConfig({ WORKER_MAX_CONCURRENT_ACTIVITIES: '25' }).WORKER_MAX_CONCURRENT_ACTIVITIES).toBe(25);
  });

  it.each(['0', '-1', '2.5', 'many', '1001'])('when set to %s, then the configuration is refused, naming the setting', (value) => {
    expect(() => loadConfig({ WORKER_MAX_CONCURRENT_ACTIVITIES: value })).toThrow(/WORKER_MAX_CONCURRENT_ACTIVITIES/);
  });
});
