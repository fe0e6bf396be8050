import { AppError } from './errors';

/**
 * What a policy answers: allowed, or how to refuse. A caller who may not even know the object exists
 * gets 404 (out of scope); one who sees it but may not act gets 403, each with a Chinese reason.
 */
export type Decision = { ok: true } | { ok: false; status: 403 | 404; message: string };

export const allow: Decision = { ok: true };
export const deny = (message = '没有权限执行此操作'): Decision => ({ ok: false, status: 403, message });
export const hide = (what = '记录'): Decision => ({
  ok: false,
  status: 404,
  message: `${what}不存在或不在您的管理范围内`,
});

/** Allowed when the condition holds, otherwise the given refusal. */
export const when = (condition: boolean, refusal: Decision): Decision => (condition ? allow : refusal);

/** The first refusal among the decisions, or allow. */
export function all(...decisions: Decision[]): Decision {
  return decisions.find((d) => !d.ok) ?? allow;
}

export const allowed = (d: Decision): boolean => d.ok;

/** Throws the refusal as the HTTP error it stands for. */
export function enforce(d: Decision): void {
  if (!d.ok) throw new AppError(d.status, d.status === 404 ? 'not_found' : 'forbidden', d.message);
}

/** The actions of a list whose decisions allow them: what the UI may offer on an object. */
export function permitted<A extends string>(decide: (action: A) => Decision, actions: readonly A[]): A[] {
  return actions.filter((a) => decide(a).ok);
}
