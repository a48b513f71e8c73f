/**
 * `npm run bench:reads -- [--cases 100000]`: the reads people make of a
 * tribunal's whole list, over N small claims, against the bare indexed SQL
 * of the same question, side by side in one run on one PostgreSQL:
 *
 *   the work queue     GET /api/v1/work-queue, a registry officer's and an adjudicator's
 *   the daily digest   GET /api/v1/digest/today, the same two people's
 *   the cause book     GET /api/v1/cause-book: the first page, a day's list, a page deep
 *                      in, a party's name romanised and in Chinese, a case number
 *
 *   seed      N cases made by the procedure (reads-at-scale/cases.ts), their
 *             read models written in bulk, the court's staff, claims on a few items
 *   prepare   VACUUM ANALYZE, as autovacuum would after a load (the bare SQL
 *             needs no index the product lacks)
 *   measure   for each question: the two answers compared row by row, then
 *             timed in alternating pairs, then a burst of each (reads-at-scale/measure.ts)
 *
 * Exits 1 if any two answers differ.
 */
import path from 'node:path';
import { projectRoot } from '../config/project-root';
import { currentCalendar } from '../db/court-calendar';
import { loadNow, machine, versions } from './machine';
import { table, writeResult } from './report';
import { startBenchDatabase } from './reads-at-scale/database';
import { measure, type Measured } from './reads-at-scale/measure';
import { parseOptions, USAGE } from './reads-at-scale/options';
import { questions } from './reads-at-scale/questions';
import { rows } from './reads-at-scale/rows';
import { seed } from './reads-at-scale/seed';

const log = (line: string) => console.log(`bench: ${line}`);

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const onMachine = machine();
  log(`load average ${onMachine.loadAtStart.join(', ')} on ${onMachine.cores} cores`);
  const db = await startBenchDatabase({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), keep: options.keep, log });
  try {
    // Read first: the commit is the code that runs, whatever is committed while it does.
    const ran = await versions(db.ownerPool);
    const now = Date.now();
    const calendar = await currentCalendar(db.ownerPool);
    log(`seeding ${options.cases} small claims filed over ${options.spanDays} days`);
    const seeded = await seed(db.ownerPool, {
      cases: options.cases,
      spanDays: options.spanDays,
      seed: options.seed,
      now,
      calendar,
      officers: options.officers,
      adjudicators: options.adjudicators,
      batch: 500,
      log,
    });
    log(`seeded in ${seeded.seconds} s: ${JSON.stringify(seeded.byStage)}; ${seeded.workItems} staff work items; snapshots ${seeded.meanSnapshotBytes} bytes on average`);
    await db.ownerPool.query('VACUUM ANALYZE');

    const asked = await questions({ courtflowPool: db.courtflowPool, rawPool: db.rawPool, ownerPool: db.ownerPool, now, staff: seeded.staff });
    const measured: Measured[] = [];
    const loadDuring: { question: string; load: number[] }[] = [];
    for (const question of asked) {
      loadDuring.push({ question: question.name, load: loadNow() });
      measured.push(await measure(question, options, log));
    }
    onMachine.loadAtEnd = loadNow();
    const figures = rows(seeded, measured, options.concurrency);
    const result = {
      date: new Date(now).toISOString(),
      options,
      machine: onMachine,
      versions: ran,
      seeded: { ...seeded, staff: seeded.staff.map(({ role, name }) => ({ role, name })) },
      bareSql: { created: [], note: "the bare SQL uses the product's own indexes only" },
      loadDuring,
      rows: figures,
      questions: measured,
    };
    const file = writeResult(path.join(projectRoot(), 'bench', 'results'), `reads-at-scale-${result.date.slice(0, 10)}-n${options.cases}.json`, result);
    console.log(`\n${table(figures)}\n\nload average ${onMachine.loadAtStart.join(', ')} at the start, ${onMachine.loadAtEnd.join(', ')} at the end\nkept in ${path.relative(projectRoot(), file)}`);
    const differ = measured.filter((m) => !m.same);
    if (differ.length > 0) {
      log(`the answers differ for: ${differ.map((m) => m.name).join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
