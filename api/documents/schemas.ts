/** Request and response schemas for documents: the API's types and their OpenAPI description. */
import { z } from 'zod';
import { DOCUMENT_ID_PATTERN, DOCUMENT_STATUSES } from '../../domain/documents/upload-rules';

export const documentIdParams = z.object({
  documentId: z
    .string()
    .regex(DOCUMENT_ID_PATTERN, 'must look like DOC-7K4Q-M2XA-9RTB')
    .describe('A document id, as the upload answered it: DOC- and three groups of four characters'),
});

export const documentResponse = z
  .object({
    id: z.string().describe('Quote it in a filing to use the document there'),
    filename: z.string().describe('The name given on upload, made safe to show (path, control characters removed; ends in .pdf)'),
    contentType: z.literal('application/pdf'),
    bytes: z.number().int().positive(),
    pages: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the content, lowercase hex: compare it with your own copy to know the court holds what you sent'),
    status: z.enum(DOCUMENT_STATUSES).describe('uploaded: not yet used in a filing; used: picked in a filing'),
    uploadedAt: z.string().describe('When it was uploaded (ISO 8601, UTC)'),
    links: z.object({ self: z.string(), content: z.string() }),
  })
  .meta({ id: 'Document' });

export type DocumentResponse = z.output<typeof documentResponse>;

/** The content of a document: the PDF itself. */
export const pdfContent = z.string().meta({ format: 'binary' });
