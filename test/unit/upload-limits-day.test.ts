/**
 * The upload limits in force are those of the court's today: on a training
 * stack that is the simulated clock's day, not the machine's, so a rule that
 * changes on a date takes effect when the court reaches it. A body declared
 * too large is refused before anything is read or written, which is all
 * this needs (no database, no store).
 */
import { Readable } from 'node:stream';
import type { Pool } from 'pg';
import type { IsoDate } from '../../domain/calendar';
import type { Caller } from '../../services/audit';
import type { DocumentSetup } from '../../services/documents/setup';
import { uploadDocument } from '../../services/documents/upload';

const caller = { actor: { id: 'a1', role: 'individual-user', name: 'Chan' } } as unknown as Caller;

function setupAsking(): { setup: DocumentSetup; asked: IsoDate[] } {
  const asked: IsoDate[] = [];
  const setup = {
    store: {} as DocumentSetup['store'],
    incomingDir: '/nonexistent',
    limitsOn: (date: IsoDate) => {
      asked.push(date);
      return { effectiveFrom: '2020-01-01' as IsoDate, maxBytes: 10, maxPages: 1, source: 'test' };
    },
  } satisfies DocumentSetup;
  return { setup, asked };
}

it("reads the limits in force on the court's today when one is given", async () => {
  const { setup, asked } = setupAsking();
  const upload = uploadDocument({ pool: {} as Pool, documents: setup, today: () => '2031-02-03' as IsoDate }, caller, { content: Readable.from([]), declaredBytes: 11, filename: 'writ.pdf' });
  await expect(upload).rejects.toMatchObject({ code: 'document-too-large' });
  expect(asked).toEqual(['2031-02-03']);
});

it("reads the machine's today in Hong Kong when none is given", async () => {
  const { setup, asked } = setupAsking();
  await expect(uploadDocument({ pool: {} as Pool, documents: setup }, caller, { content: Readable.from([]), declaredBytes: 11, filename: 'writ.pdf' })).rejects.toMatchObject({ code: 'document-too-large' });
  expect(asked).toEqual([new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(new Date())]);
});
