import { RECT_STATUS_LABELS, type RectStatus } from '../rules';

/** The abilities `GET /me` answers for 网上检查; the pages show only what they allow. */
export const ABILITY = {
  view: 'inspection.view',
  inspect: 'inspection.inspect',
  rectify: 'inspection.rectify',
  settings: 'inspection.settings',
} as const;

export const RECT_COLORS: Record<RectStatus, string> = {
  open: 'blue',
  answered: 'gold',
  closed: 'green',
  overdue: 'red',
};
export const rectLabel = (s: RectStatus) => RECT_STATUS_LABELS[s];
export const EVENT_LABELS = { answer: '填报整改情况', close: '验收销号', reopen: '退回重新整改' } as const;
