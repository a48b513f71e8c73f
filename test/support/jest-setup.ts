/**
 * Runs before each test file: Temporal's runtime logs warnings and errors
 * only, so test output shows what matters.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
} catch {
  // Already installed by an earlier file in this jest worker: same settings.
}
