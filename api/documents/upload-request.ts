/**
 * What an upload request must say before a byte of its body is read, and how
 * a refused upload leaves: one way for both routes that take a PDF
 * (POST /api/v1/documents and POST /api/v1/registrations/{reference}/documents).
 */
import type { Request, Response } from 'express';
import { UseCaseError } from '../../services/errors';
import { Problem } from '../problem';
import { filenameFromContentDisposition } from './content-disposition';

export interface PdfUpload {
  /** The name as the filer gave it (uploadDocument sanitises it); '' when none was given. */
  filename: string;
  /** Where the request carried the name, for the error that names it. */
  filenameField: 'Content-Disposition';
  /** Content-Length, when sent as a plain number: a body declared too large is refused before it is read. */
  declaredBytes?: number;
}

/**
 * The body's type (application/pdf, whatever the file is called: the
 * content is checked later) and the name in Content-Disposition; a problem
 * naming the header and the rule otherwise.
 */
export function pdfUploadOf(req: Request): PdfUpload {
  if (!req.is('application/pdf')) {
    throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the document as application/pdf, the file itself as the body', {
      errors: [{ field: 'Content-Type', rule: 'media-type', message: 'must be application/pdf' }],
    });
  }
  const name = filenameFromContentDisposition(req.get('Content-Disposition'));
  if (!name.ok) {
    throw new Problem(400, 'validation', 'The request is not valid', 'Invalid header: Content-Disposition', {
      errors: [{ field: 'Content-Disposition', rule: 'rfc8187', message: name.message }],
    });
  }
  const length = req.get('Content-Length');
  return {
    filename: name.filename ?? '',
    filenameField: 'Content-Disposition',
    ...(length !== undefined && /^[0-9]{1,15}$/.test(length.trim()) ? { declaredBytes: Number(length) } : {}),
  };
}

/**
 * Runs an upload route's work. A file too large is 413 (the use-case calls
 * it refused, as any other refusal of the file); and whatever went wrong,
 * a body not read to its end is not worth reading: the answer closes the
 * connection.
 */
export async function refusingUploads<T>(req: Request, res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!req.complete) res.set('Connection', 'close');
    if (err instanceof UseCaseError && err.code === 'document-too-large') throw new Problem(413, err.code, err.title, err.detail, err.extensions);
    throw err;
  }
}
