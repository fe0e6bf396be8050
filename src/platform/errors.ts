/** An error a client can act on: it becomes `{code, message, fields?}` with its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const unauthenticated = () => new AppError(401, 'unauthenticated', '请先登录');
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (what = '记录') =>
  new AppError(404, 'not_found', `${what}不存在或不在您的管理范围内`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const invalid = (fields: Record<string, string>, message?: string) =>
  new AppError(400, 'validation', message ?? Object.values(fields)[0] ?? '输入有误', fields);
