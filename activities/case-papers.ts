/**
 * Issuing a small claim's papers: the PDF is rendered from the case's facts,
 * kept in the document store (addressed by its SHA-256) and recorded with its
 * document reference number, then sent to the inbox of every account acting
 * in the case. Each step is idempotent, so a retried activity issues nothing twice.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Pool } from 'pg';
import type { CasePaper } from '../domain/sct/case/papers';
import { accountsActingInCase, recordCasePaper } from '../db/case-papers';
import type { DocumentStore } from '../db/document-store/store';
import { noticeOfHearingFileName, renderNoticeOfHearing, renderWrittenAward, writtenAwardFileName } from '../papers/case-papers';
import { deliver } from './inbox-delivery';

const SENDER = { actor: { id: 'system:sct-papers', role: 'system' as const, name: 'Small Claims Tribunal registry' } };

/** `SCTC-2026-000001-NOH-20270121`: the paper's document reference number, from its case, kind and date. */
export function paperReferenceNo(paper: CasePaper): string {
  const date = paper.kind === 'notice-of-hearing' ? paper.facts.hearing.date : paper.facts.writtenOn;
  return `${paper.facts.caseNo}-${paper.kind === 'notice-of-hearing' ? 'NOH' : 'AWD'}-${date.replaceAll('-', '')}`;
}

const SUBJECTS = {
  'notice-of-hearing': { en: 'Notice of hearing', 'zh-Hant': '聆訊通知書' },
  'written-award': { en: 'Written award', 'zh-Hant': '書面裁斷' },
} as const;

export function createCasePaperActivities({ pool, documents }: { pool: Pool; documents?: DocumentStore }) {
  return {
    async issueCasePaper(paper: CasePaper): Promise<string> {
      const bytes = paper.kind === 'notice-of-hearing' ? await renderNoticeOfHearing(paper.facts) : await renderWrittenAward(paper.facts);
      const fileName = paper.kind === 'notice-of-hearing' ? noticeOfHearingFileName(paper.facts.caseNo, paper.facts.hearing.date) : writtenAwardFileName(paper.facts.caseNo, paper.facts.writtenOn);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const referenceNo = paperReferenceNo(paper);
      if (!documents) throw new Error('no document store is configured for the worker');
      await documents.put(sha256, Readable.from(bytes), bytes.length);
      await recordCasePaper(pool, {
        paperKey: paper.key,
        caseNo: paper.facts.caseNo,
        kind: paper.kind,
        documentReferenceNo: referenceNo,
        fileName,
        sha256,
        bytes: bytes.length,
        store: documents.kind,
        storeKey: sha256,
        issuedAt: paper.facts.issuedAt,
      });
      const subject = SUBJECTS[paper.kind];
      const when = paper.kind === 'notice-of-hearing' ? `${paper.facts.hearing.date} ${paper.facts.hearing.time}` : paper.facts.writtenOn;
      for (const accountId of await accountsActingInCase(pool, paper.facts.caseNo)) {
        await deliver({ pool }, SENDER, {
          accountId,
          dedupeKey: paper.key,
          message: {
            kind: 'notice',
            facts: {
              noticeId: paper.key,
              caseNo: paper.facts.caseNo,
              subject: { en: `${subject.en}: ${paper.facts.caseNo}`, 'zh-Hant': `${subject['zh-Hant']}：${paper.facts.caseNo}` },
              body: {
                en: `The ${subject.en.toLowerCase()} in ${paper.facts.caseNo} (${when}) is attached. Its document reference number is ${referenceNo}; it is also listed with the case's documents.`,
                'zh-Hant': `附上 ${paper.facts.caseNo} 的${subject['zh-Hant']}（${when}）。文件參考編號為 ${referenceNo}；亦載於本案的文件清單。`,
              },
            },
          },
          attachments: [{ name: fileName, contentType: 'application/pdf', bytes }],
        });
      }
      return referenceNo;
    },
  };
}
