/**
 * A legally aided party pays no court fee through iCMS: there is no payment
 * step for them at all (seeds/003, items 21 and 22, note (i):
 * 「付款功能不适用于有法律援助的诉讼方」, "the payment function does not apply to
 * a legally aided party").
 *
 * The statute behind it: the Legal Aid Ordinance (Cap. 91) s.28 lets
 * regulations "regulate all matters relating to fees, charges and costs in
 * relation to proceedings to which an aided person is a party" and "remit or
 * provide for the remission of any fees or charges in any such proceedings"
 * (s.28(2)(a) and (b) as printed in the 1966 Ordinance and the 1989 revised
 * edition). The provision made under it that takes an aided person's court
 * fees off the filing (a Legal Aid Regulations (Cap. 91A) regulation, or an
 * exemption in the fee rules themselves) has not been confirmed, so the
 * exemption is marked `confirmed: false` and the quote says so.
 *
 * Pure data: safe inside workflows.
 */

export interface FeeExemption {
  /** The rule, named in the quote. */
  readonly rule: string;
  /** Why nothing is payable, in the words the quote uses. */
  readonly reason: string;
  readonly source: string;
  /** False while the statutory provision that remits the fee is unconfirmed; the absence of a payment step is confirmed by seeds/003. */
  readonly confirmed: boolean;
}

export const LEGAL_AID_EXEMPTION: FeeExemption = {
  rule: 'Legal Aid Ordinance (Cap. 91) s.28(2)(a)-(b)',
  reason:
    'the party is legally aided, and iCMS takes no payment from a legally aided party; fees in proceedings to which an aided person is a party ' +
    'are regulated and remitted under the Legal Aid Ordinance (Cap. 91) s.28(2)(a)-(b)',
  source:
    'iCMS guide "Filing a writ of execution" (seeds/003), items 21-22 note (i): the payment function does not apply to a legally aided party; ' +
    'Cap. 91 s.28(2)(a)-(b) (regulations may regulate and remit fees in proceedings to which an aided person is a party). NOT CONFIRMED: the ' +
    'regulation or fee rule made under s.28 that remits the fee, and the current numbering of s.28(2)',
  confirmed: false,
};
