import { ConfigError, loadConfig, WORKER_CACHE_DEFAULT } from '../../config';

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
