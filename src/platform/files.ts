import { createHash } from 'node:crypto';
import { AppError, invalid } from './errors';

/** What every module's uploads share: the type judged by the content, and the hash `audit verify` checks. */

const starts = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
/** Photos, scans and office documents; the type is judged by the content, never by what the client says. */
const KINDS: { mime: string; extensions: string[]; magic: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { mime: 'image/png', extensions: ['png'], magic: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47]) },
  {
    mime: 'image/webp',
    extensions: ['webp'],
    magic: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    mime: 'application/pdf',
    extensions: ['pdf'],
    magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: (b) => starts(b, ZIP),
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: (b) => starts(b, ZIP),
  },
  { mime: 'application/msword', extensions: ['doc'], magic: (b) => starts(b, OLE) },
  { mime: 'application/vnd.ms-excel', extensions: ['xls'], magic: (b) => starts(b, OLE) },
];

export function detectKind(fileName: string, data: Buffer): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return KINDS.find((k) => k.extensions.includes(ext) && k.magic(data))?.mime ?? null;
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The size limit of one attachment (the multipart limit of the server is higher: this one answers first). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface Upload {
  fileName: string;
  data: Buffer;
}
/** An upload that passed `acceptUpload`: a name to keep and the type judged by its content. */
export interface AcceptedUpload extends Upload {
  mimeType: string;
}

/** An attachment's name, size and type, checked before anything is stored (messages name the field `file`). */
export function acceptUpload(upload: Upload, maxBytes = MAX_UPLOAD_BYTES): AcceptedUpload {
  const fileName = upload.fileName.trim().slice(0, 200) || '附件';
  if (upload.data.length === 0) throw invalid({ file: '附件：文件是空的' });
  if (upload.data.length > maxBytes)
    throw new AppError(413, 'too_large', `附件：单个文件不能超过 ${maxBytes / 1024 / 1024} MB`);
  const mimeType = detectKind(fileName, upload.data);
  if (!mimeType)
    throw invalid({
      file: '附件：只接受照片（jpg、png、webp）、PDF 和 Word/Excel 文档，且内容须与扩展名相符',
    });
  return { fileName, data: upload.data, mimeType };
}
