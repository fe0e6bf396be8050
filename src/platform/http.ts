import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { zPage, zPageSize } from './i18n';

/**
 * Shared HTTP pieces of every module: page parameters, list answers, downloads. Routes stay thin:
 * authenticate → validate → authorize → one use case → respond.
 */
export const pageQuery = z.object({ page: zPage, pageSize: zPageSize });
export type PageQuery = z.infer<typeof pageQuery>;

/** SQL offset of a page. */
export const pageOffset = (q: PageQuery): number => (q.page - 1) * q.pageSize;

/** The answer of a paginated list: the page's items, the total, and the page asked for. */
export const pagedList = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** A download's answer in the API's documentation (the bytes themselves bypass serialization). */
export const fileResponse = z.unknown().meta({ title: '文件', description: 'Excel 工作簿（.xlsx）或附件' });

/** The answer of an action with nothing else to say. */
export const okResponse = z.object({ ok: z.literal(true) });

/** A file download: the name survives in every browser (ASCII fallback plus RFC 5987), never cached. */
export function sendDownload(reply: FastifyReply, data: Buffer, fileName: string, contentType: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
  return reply
    .header('content-type', contentType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(data);
}
