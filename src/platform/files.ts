import { createHash } from 'node:crypto';

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
