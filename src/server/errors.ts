import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { AppError } from '../platform/errors';
import { labelAt } from '../platform/labels';

/** One error shape for every failure: `{code, message, fields?}`, in Chinese, never a stack trace. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof AppError) {
      req.refusalCode = error.code;
      return reply
        .status(error.status)
        .send({ code: error.code, message: error.message, fields: error.fields });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      const part = error.validationContext as 'body' | 'querystring' | 'params' | 'headers' | undefined;
      const schema = part ? (req.routeOptions.schema?.[part] as ZodType | undefined) : undefined;
      for (const issue of error.validation) {
        const path = (issue.instancePath || '').replace(/^\//, '').replaceAll('/', '.');
        const key = path || '(请求)';
        const label = path ? (labelAt(schema, path) ?? path) : undefined;
        if (!fields[key]) fields[key] = `${label ? `${label}：` : ''}${issue.message}`;
      }
      return reply
        .status(400)
        .send({ code: 'validation', message: Object.values(fields)[0] ?? '输入有误', fields });
    }
    const status = error.statusCode ?? 500;
    if (status === 429)
      return reply.status(429).send({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ code: 'too_large', message: '上传的文件过大' });
    }
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? '不支持的请求内容类型'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? '请求体不能为空'
            : error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError
              ? '请求体不是有效的 JSON'
              : '请求无效';
      return reply.status(status).send({ code: 'bad_request', message });
    }
    // Always written, whatever BRANCHLINE_LOG says: a server error must leave a trace the operator can find by id.
    console.error(`[${new Date().toISOString()}] 500 request ${req.id} ${req.method} ${req.url}:`, error);
    return reply.status(500).send({
      code: 'internal',
      message: `服务器内部错误，请稍后重试（错误编号 ${req.id}）`,
      requestId: req.id,
    });
  });
}
