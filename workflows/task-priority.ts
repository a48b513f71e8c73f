/**
 * Where a case's work stands in Temporal's task queue when the workers are
 * behind. A key runs from 1 (first) to 5 (last); work that names none takes
 * the middle, 3. Within one key the queue is first come, first served.
 *
 * A key changes no command a workflow makes, only the order in which the
 * server hands queued tasks to the workers, so a running case replays the
 * same under any key: no `patched()` guards a change of key.
 */
import type { Priority } from '@temporalio/common';

/** Someone is waiting on the answer: a registry officer's step is answered once its projection is written. */
export const PERSON_WAITING: Priority = { priorityKey: 1 };

/**
 * Paper that can follow a few seconds later: a notice of hearing is rendered
 * and sent beside the case's loop, and nobody's request waits for it. In a
 * bulk filer's burst, these are most of the queue.
 */
export const PAPERWORK: Priority = { priorityKey: 5 };
