import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../platform/errors';

/** The one uploaded file of a multipart request (field `file`); the size limit is @fastify/multipart's. */
export async function readUpload(req: FastifyRequest): Promise<{ fileName: string; data: Buffer }> {
  if (!req.isMultipart()) throw invalid({ file: '请以 multipart/form-data 上传文件（字段名 file）' });
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') throw invalid({ file: '没有收到文件：请在字段 file 中上传' });
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { statusCode?: number }).statusCode === 413)
      throw new AppError(413, 'too_large', '上传的文件过大，最大 20 MB');
    throw invalid({ file: '上传内容不完整或不是有效的 multipart/form-data' });
  }
}
