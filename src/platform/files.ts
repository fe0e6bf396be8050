import { createHash } from 'node:crypto';
import { AppError, invalid } from './errors';

/** What every module's uploads share: the type judged by the content, and the hash `audit verify` checks. */

const starts = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** A type an upload may have: its extensions and how its content begins. */
export interface FileKind {
  mime: string;
  extensions: string[];
  magic: (b: Buffer) => boolean;
}

/** Every type some module takes; each module names the ones it accepts. */
export const FILE_KINDS = {
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  png: { mime: 'image/png', extensions: ['png'], magic: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47]) },
  webp: {
    mime: 'image/webp',
    extensions: ['webp'],
    magic: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  pdf: {
    mime: 'application/pdf',
    extensions: ['pdf'],
    magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: (b) => starts(b, ZIP),
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: (b) => starts(b, ZIP),
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    magic: (b) => starts(b, ZIP),
  },
  doc: { mime: 'application/msword', extensions: ['doc'], magic: (b) => starts(b, OLE) },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'], magic: (b) => starts(b, OLE) },
  ppt: { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt'], magic: (b) => starts(b, OLE) },
  mp4: {
    mime: 'video/mp4',
    extensions: ['mp4', 'm4v'],
    magic: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  },
} satisfies Record<string, FileKind>;

const K = FILE_KINDS;
/** Attachments (tasks, inspection, meetings): photos, scans and office documents. */
export const ATTACHMENT_KINDS: readonly FileKind[] = [
  K.jpeg,
  K.png,
  K.webp,
  K.pdf,
  K.docx,
  K.xlsx,
  K.doc,
  K.xls,
];

/** The type is judged by the content, never by what the client says: the extension must agree with it. */
export function detectKind(
  fileName: string,
  data: Buffer,
  kinds: readonly FileKind[] = ATTACHMENT_KINDS,
): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return kinds.find((k) => k.extensions.includes(ext) && k.magic(data))?.mime ?? null;
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

/** What one kind of upload accepts and how its refusals read (they always name the field `file`). */
export interface UploadRules {
  kinds: readonly FileKind[];
  /** The name kept when the client sends none. */
  fallbackName: string;
  empty: string;
  /** Over the module's limit, judged after reading. */
  tooLarge: (mb: number) => string;
  /** Over the server's multipart limit, while reading. */
  partTooLarge: (mb: number) => string;
  wrongKind: string;
  notMultipart: string;
  noFile: string;
  incomplete: string;
}

const attachmentTooLarge = (mb: number) => `附件：单个文件不能超过 ${mb} MB`;
/** The attachments of tasks, inspection and meetings. */
export const ATTACHMENTS: UploadRules = {
  kinds: ATTACHMENT_KINDS,
  fallbackName: '附件',
  empty: '附件：文件是空的',
  tooLarge: attachmentTooLarge,
  partTooLarge: attachmentTooLarge,
  wrongKind: '附件：只接受照片（jpg、png、webp）、PDF 和 Word/Excel 文档，且内容须与扩展名相符',
  notMultipart: '附件：请以 multipart/form-data 上传文件（字段名 file）',
  noFile: '附件：没有收到文件（字段名 file）',
  incomplete: '附件：上传内容不完整或不是有效的 multipart/form-data',
};

/** An upload's name, size and type, checked before anything is stored. */
export function acceptUpload(
  upload: Upload,
  maxBytes = MAX_UPLOAD_BYTES,
  rules: UploadRules = ATTACHMENTS,
): AcceptedUpload {
  const fileName = upload.fileName.trim().slice(0, 200) || rules.fallbackName;
  if (upload.data.length === 0) throw invalid({ file: rules.empty });
  if (upload.data.length > maxBytes)
    throw new AppError(413, 'too_large', rules.tooLarge(maxBytes / 1024 / 1024));
  const mimeType = detectKind(fileName, upload.data, rules.kinds);
  if (!mimeType) throw invalid({ file: rules.wrongKind });
  return { fileName, data: upload.data, mimeType };
}
