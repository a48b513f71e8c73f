/** `bench:profile` puts each sampled moment down to who spent it, and leaves idle time out of the busy time. */
import { spenderOf, summarise } from '../../bench/cpu-profile';

const frame = (url: string, functionName = 'f') => ({ functionName, url });

describe('a CPU profile summed up by who spent the time', () => {
  it('when a frame is in a package, a courtflow layer, Node, or nowhere, then it is put down to that', () => {
    expect(spenderOf(frame('file:///work/main/node_modules/pdfkit/js/pdfkit.js'))).toBe('pdfkit');
    expect(spenderOf(frame('file:///work/main/node_modules/@temporalio/worker/lib/worker.js'))).toBe('@temporalio/worker');
    expect(spenderOf(frame('file:///work/main/node_modules/a/node_modules/fontkit/dist/main.cjs'))).toBe('fontkit');
    expect(spenderOf(frame('file:///work/main/dist/papers/render.js'))).toBe('courtflow papers/');
    expect(spenderOf(frame('node:internal/streams/readable'))).toBe('Node.js itself');
    expect(spenderOf(frame('', '(garbage collector)'))).toBe('(garbage collector)');
    expect(spenderOf(frame('', 'compile'))).toBe('(V8 and native code)');
    expect(spenderOf(frame('/tmp/workflow-bundle-1a2b.js'))).toBe('(workflow-bundle-1a2b.js)');
  });

  it('when summed, then busy time leaves idle out and the spenders come largest first', () => {
    const s = summarise('x.cpuprofile', {
      nodes: [
        { id: 1, callFrame: frame('', '(idle)') },
        { id: 2, callFrame: frame('file:///p/node_modules/pdfkit/x.js') },
        { id: 3, callFrame: frame('file:///p/node_modules/pg/x.js') },
      ],
      samples: [1, 2, 2, 3, 1],
      timeDeltas: [1000, 2000, 3000, 1000, 3000],
      startTime: 0,
      endTime: 10_000,
    });
    expect(s.wallMs).toBe(10);
    expect(s.busyMs).toBe(6);
    expect(s.bySpender).toEqual([
      { spender: 'pdfkit', ms: 5 },
      { spender: 'pg', ms: 1 },
    ]);
  });
});
