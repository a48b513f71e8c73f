/**
 * Inbox messages: every kind renders in English and in Traditional Chinese,
 * states its facts in both, and has a dedupe key built from its business key.
 */
import {
  dedupeKeyOf,
  isLanguage,
  LANGUAGES,
  MESSAGE_KINDS,
  renderMessage,
  type InboxMessage,
  type MessageKind,
} from '../../domain/inbox/messages';
import { DEFECT_REASONS, hongKongIso, timeInWords, type DefectReason } from '../../domain/inbox/terms';

const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

/** One message of each kind, with the facts each must state. */
const EXAMPLES: Record<MessageKind, { message: InboxMessage; facts: string[]; en: string[]; zh: string[] }> = {
  'filing-acknowledged': {
    message: {
      kind: 'filing-acknowledged',
      facts: {
        filingReference: 'EF-2026-000123',
        caseNo: 'HCA 1234/2026',
        courtLevel: 'high-court',
        receivingOffice: 'high-court-registry',
        submittedAt: '2026-12-14T07:05:00.000Z',
        treatedAsReceivedAt: '2026-12-15T01:00:00.000Z',
        filer: { name: 'Chan Tai Man', organisation: 'Wong & Partners' },
        documents: [
          { type: 'writ-of-possession', purpose: 'for-approval-of-draft', language: 'en', fileName: 'writ.pdf', pages: 3, sha256: HASH },
          { type: 'praecipe', purpose: 'for-approval-of-draft', language: 'zh', fileName: 'praecipe.pdf', pages: 1, sha256: HASH.replace('a3', 'b4') },
        ],
      },
    },
    facts: ['EF-2026-000123', 'HCA 1234/2026', 'Chan Tai Man', 'Wong & Partners', 'writ.pdf', 'praecipe.pdf', HASH, HASH.replace('a3', 'b4')],
    en: ['Acknowledgement', 'High Court Registry', 'Writ of Possession', 'Praecipe', 'for approval of draft', '3 pages', 'Monday 14 December 2026, 15:05', 'Tuesday 15 December 2026, 09:00', 'does not mean'],
    zh: ['認收通知', '高等法院登記處', '綜合法院案件管理系統', '管有令狀', '便箋', '以供審批草擬本', '英文', '3頁', '2026年12月14日（星期一）15時05分', '視作於2026年12月15日', '並不表示文件已獲接納存檔', '訊息匣'],
  },
  'filing-confirmed': {
    message: {
      kind: 'filing-confirmed',
      facts: {
        filingReference: 'EF-2026-000123',
        caseNo: 'HCA 1234/2026',
        courtLevel: 'high-court',
        receivingOffice: 'high-court-registry',
        confirmedAt: '2026-12-16T02:30:00.000Z',
        documents: [{ type: 'writ-of-possession', fileName: 'writ.pdf', documentReferenceNo: 'DOC-2026-000777' }],
      },
    },
    facts: ['EF-2026-000123', 'HCA 1234/2026', 'writ.pdf', 'DOC-2026-000777'],
    en: ['Confirmation', 'accepted', 'document reference number', 'Wednesday 16 December 2026, 10:30'],
    zh: ['確認訊息', '已獲接納', '文件參考編號', '經司法機構內部程序後', '2026年12月16日（星期三）10時30分'],
  },
  'draft-approved': {
    message: {
      kind: 'draft-approved',
      facts: {
        filingReference: 'EF-2026-000123',
        caseNo: 'HCA 1234/2026',
        courtLevel: 'high-court',
        approvedAt: '2026-12-18T06:00:00.000Z',
        courtAction: 'direction',
        draft: { type: 'writ-of-possession', documentReferenceNo: 'DR-2026-004411' },
      },
    },
    facts: ['EF-2026-000123', 'HCA 1234/2026', 'DR-2026-004411'],
    en: ['Direction given and draft approved', 'Writ of Possession', 'for sealing', 'document reference number of the approved draft'],
    zh: ['作出指示及草擬本已獲批准', '管有令狀', '以供蓋章', '「獲批准草擬本的文件參考編號」', '附件'],
  },
  'order-made': {
    message: {
      kind: 'order-made',
      facts: {
        caseNo: 'DCCJ 567/2026',
        courtLevel: 'district-court',
        madeAt: '2026-12-18T06:00:00.000Z',
        courtAction: 'order',
        documentReferenceNo: 'ORD-2026-000042',
        filingReference: 'EF-2026-000200',
        about: { en: 'leave to issue execution', 'zh-Hant': '批予許可發出執行令狀' },
      },
    },
    facts: ['DCCJ 567/2026', 'ORD-2026-000042', 'EF-2026-000200'],
    en: ['Order made', 'District Court', 'leave to issue execution', 'A copy of the order is attached'],
    zh: ['法庭已作出命令', '區域法院', '批予許可發出執行令狀', '命令的文本載於附件'],
  },
  'document-rejected': {
    message: {
      kind: 'document-rejected',
      facts: {
        filingReference: 'EF-2026-000300',
        caseNo: 'HCA 1234/2026',
        courtLevel: 'high-court',
        receivingOffice: 'high-court-registry',
        rejectedAt: '2026-12-17T03:00:00.000Z',
        documents: [
          { type: 'writ-of-possession', fileName: 'writ.pdf', defects: [{ reason: 'not-signed' }, { reason: 'differs-from-approved-draft', note: 'Para 2 / 第2段' }] },
          { type: 'letter', fileName: 'letter.pdf', defects: [{ reason: 'enclosure-missing' }, { reason: 'other', note: 'Wrong date 日期錯誤' }] },
        ],
      },
    },
    facts: ['EF-2026-000300', 'HCA 1234/2026', 'writ.pdf', 'letter.pdf', 'Para 2 / 第2段', 'Wrong date 日期錯誤'],
    en: ['Documents not accepted', 'The document is not signed.', 'differs from the approved draft', 'enclosure is missing', 'Other:', 'file them again'],
    zh: ['文件有不妥之處', '文件未經簽署。', '文件與獲批准的草擬本不符。', '欠缺須夾附的文件', '其他：Wrong date', '請更正有關文件後重新送交', '高等法院登記處'],
  },
  'document-sealed': {
    message: {
      kind: 'document-sealed',
      facts: {
        filingReference: 'EF-2026-000400',
        caseNo: 'HCA 1234/2026',
        courtLevel: 'high-court',
        sealedAt: '2026-12-21T08:00:00.000Z',
        documents: [{ type: 'writ-of-possession', documentReferenceNo: 'SW-2026-000009' }],
      },
    },
    facts: ['EF-2026-000400', 'HCA 1234/2026', 'SW-2026-000009'],
    en: ['Sealed document issued: Writ of Possession', 'sealed and issued', 'attached'],
    zh: ['已發出蓋章文件：管有令狀', '蓋章發出', '蓋章文件載於附件'],
  },
  'payment-received': {
    message: {
      kind: 'payment-received',
      facts: {
        receiptNo: 'R-EF-2026-000401',
        paymentId: 'EF-2026-000401-P2',
        filingReference: 'EF-2026-000401',
        caseNo: 'DCCJ 88/2026',
        courtLevel: 'district-court',
        paidAt: '2026-12-21T03:15:00.000Z',
        method: 'provider',
        providerRef: 'pay_0001',
        payer: { name: 'Chan Tai Man', organisation: 'Chan & Co' },
        lines: [{ document: { type: 'writ-of-fieri-facias', purpose: 'for-sealing' }, amountCents: 63000, reductionCents: 12600, netCents: 50400, rule: 'Cap. 336C' }],
        totalCents: 50400,
      },
    },
    facts: ['R-EF-2026-000401', 'EF-2026-000401', 'DCCJ 88/2026', 'pay_0001', 'HK$504.00'],
    en: ['Payment receipt R-EF-2026-000401', 'payment service provider', 'Writ of Fieri Facias (For sealing)', 'is attached'],
    zh: ['付款收據 R-EF-2026-000401', '電子付款服務提供者', '扣押債務人財產令狀（以供蓋章）', '載於附件'],
  },
  'deadline-alert': {
    message: {
      kind: 'deadline-alert',
      facts: {
        alertId: 'SCTC 000123/2026/written-award@2026-12-09#missed',
        caseNo: 'SCTC 000123/2026',
        rule: 'sct.written-award',
        basis: 'Cap. 338 s.18(3)',
        lead: { kind: 'missed' },
        due: '2026-12-09',
        addressee: 'adjudicator',
        moved: { from: '2026-12-08', because: '2026-12-08 closed (black rainstorm warning)' },
      },
    },
    facts: ['SCTC 000123/2026', 'Cap. 338 s.18(3)', '2026-12-09', '2026-12-08'],
    en: ['[Missed]', 'the written award', 'nothing was recorded as done', 'The last day moved from 2026-12-08 to 2026-12-09', 'the adjudicator'],
    zh: ['【已逾期】', '以書面作出裁斷', '審裁官', '最後一日已由 2026-12-08 改為 2026-12-09'],
  },
  'daily-digest': {
    message: {
      kind: 'daily-digest',
      facts: {
        date: '2026-12-07',
        role: 'registry-officer',
        horizonEnd: '2026-12-10',
        horizonWorkingDays: 3,
        mine: {
          overdue: { count: 0, items: [] },
          dueToday: { count: 1, items: [{ itemId: 'filing~EF-2026-000007~review', reference: 'EF-2026-000007', title: 'Review the filing', due: '2026-12-07', heldBy: 'Lee Ka Yan' }] },
          dueSoon: { count: 0, items: [] },
        },
        courts: [
          {
            court: 'small-claims-tribunal',
            sections: {
              overdue: { count: 1, items: [{ itemId: 'sct~SCTC-2026-000003~record-service~D1', reference: 'SCTC-2026-000003', title: 'Record service on D1', due: '2026-12-04', heldBy: null }] },
              dueToday: { count: 1, items: [{ itemId: 'filing~EF-2026-000007~review', reference: 'EF-2026-000007', title: 'Review the filing', due: '2026-12-07', heldBy: 'Lee Ka Yan' }] },
              dueSoon: { count: 0, items: [] },
            },
          },
        ],
      },
    },
    facts: ['2026-12-07', '2026-12-10', 'SCTC-2026-000003', 'EF-2026-000007', '2026-12-04'],
    en: ['Daily digest 2026-12-07: 1 overdue, 1 due today, 0 due soon', 'Held by you', 'Overdue (1)', '[held by Lee Ka Yan]'],
    zh: ['每日摘要 2026-12-07', '由閣下處理', '已逾期 (1)', '小額錢債審裁處'],
  },
  notice: {
    message: {
      kind: 'notice',
      facts: {
        noticeId: 'closure-2026-12-24',
        subject: { en: 'Registry closed on 24 December', 'zh-Hant': '登記處於12月24日關閉' },
        body: { en: 'The registry is closed on 24 December 2026.', 'zh-Hant': '登記處於2026年12月24日關閉。' },
      },
    },
    facts: [],
    en: ['Registry closed on 24 December', 'The registry is closed on 24 December 2026.'],
    zh: ['登記處於12月24日關閉', '登記處於2026年12月24日關閉。'],
  },
};

const CJK = /[\u4e00-\u9fff]/;

describe('every kind of inbox message', () => {
  it('when the kinds are listed, then each has an example here (a new kind needs one)', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...MESSAGE_KINDS].sort());
  });

  describe.each(MESSAGE_KINDS)('%s', (kind) => {
    const { message, facts, en, zh } = EXAMPLES[kind];

    it('when rendered in English, then subject and body are English and state the facts', () => {
      const { subject, body } = renderMessage(message, 'en');
      const text = `${subject}\n${body}`;
      expect(subject.trim()).not.toBe('');
      expect(body.trim()).not.toBe('');
      for (const expected of [...facts, ...en]) expect([expected, text.includes(expected)]).toEqual([expected, true]);
      // No Chinese in the English wording but what the facts themselves carry.
      const withoutFacts = facts.reduce((t, f) => t.split(f).join(''), text).replace(/第2段|日期錯誤/g, '');
      expect(CJK.test(withoutFacts)).toBe(false);
    });

    it('when rendered in Traditional Chinese, then subject and body are Chinese and state the same facts', () => {
      const { subject, body } = renderMessage(message, 'zh-Hant');
      const text = `${subject}\n${body}`;
      expect(CJK.test(subject)).toBe(true);
      for (const expected of [...facts, ...zh]) expect([expected, text.includes(expected)]).toEqual([expected, true]);
      // Traditional, not Simplified: none of the simplified forms the guide's text was converted to.
      expect(text).not.toMatch(/[认档讯编号审这发书确经统请须处内]/);
    });

    it('when rendered twice, then the words are the same (pure)', () => {
      expect(renderMessage(message, 'zh-Hant')).toEqual(renderMessage(message, 'zh-Hant'));
      expect(renderMessage(message, 'en')).toEqual(renderMessage(message, 'en'));
    });

    it('when its dedupe key is asked for, then it is the kind and its business key', () => {
      expect(dedupeKeyOf(message).startsWith(`${kind}:`)).toBe(true);
    });
  });
});

describe('dedupe keys', () => {
  it('when two messages report the same thing, then their keys are the same; another filing, another key', () => {
    const ack = EXAMPLES['filing-acknowledged'].message;
    expect(dedupeKeyOf(ack)).toBe('filing-acknowledged:EF-2026-000123');
    expect(dedupeKeyOf(EXAMPLES['draft-approved'].message)).toBe('draft-approved:DR-2026-004411');
    expect(dedupeKeyOf(EXAMPLES['order-made'].message)).toBe('order-made:DCCJ 567/2026:ORD-2026-000042');
    expect(dedupeKeyOf(EXAMPLES.notice.message)).toBe('notice:closure-2026-12-24');
    if (ack.kind !== 'filing-acknowledged') throw new Error('not an acknowledgement');
    expect(dedupeKeyOf({ ...ack, facts: { ...ack.facts, filingReference: 'EF-2026-000124' } })).not.toBe(dedupeKeyOf(ack));
  });
});

describe('the words the messages are made of', () => {
  it('when a defect reason is named, then it has both languages, and the Chinese ends as a sentence (or introduces the note)', () => {
    for (const [reason, text] of Object.entries(DEFECT_REASONS) as [DefectReason, { en: string; 'zh-Hant': string }][]) {
      expect([reason, CJK.test(text['zh-Hant']), CJK.test(text.en)]).toEqual([reason, true, false]);
      expect([reason, /[。：]$/.test(text['zh-Hant'])]).toEqual([reason, true]);
    }
  });

  it('when a time is written, then it is Hong Kong time (UTC+8), in words and as ISO with the offset', () => {
    expect(timeInWords('2026-12-31T16:30:00Z', 'en')).toBe('Friday 1 January 2027, 00:30 (Hong Kong time)');
    expect(timeInWords('2026-12-31T16:30:00Z', 'zh-Hant')).toBe('2027年1月1日（星期五）00時30分（香港時間）');
    expect(hongKongIso('2026-12-31T16:30:05.250Z')).toBe('2027-01-01T00:30:05+08:00');
    expect(() => timeInWords('yesterday', 'en')).toThrow(RangeError);
  });

  it('when a language is checked, then only en and zh-Hant are languages', () => {
    expect(LANGUAGES).toEqual(['en', 'zh-Hant']);
    expect(isLanguage('zh-Hant')).toBe(true);
    expect(isLanguage('zh')).toBe(false);
  });
});
