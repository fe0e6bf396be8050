import { TARGET_STATUS_LABELS, type TargetStatus } from '../rules';

/** The abilities `GET /me` answers for 督办; the pages show only what they allow. */
export const ABILITY = {
  view: 'tasks.view',
  send: 'tasks.send',
  answer: 'tasks.answer',
  settings: 'tasks.settings',
} as const;

export const STATUS_COLORS: Record<TargetStatus, string> = {
  pending: 'blue',
  submitted: 'gold',
  accepted: 'green',
  returned: 'orange',
  overdue: 'red',
};
export const statusLabel = (s: TargetStatus) => TARGET_STATUS_LABELS[s];

export const EVENT_LABELS = {
  submit: '提交回复',
  accept: '审核通过',
  return: '退回',
  remind: '催办',
} as const;

export const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(n / 1024))} KB`;
