import { OBLIGATION_STATUS_LABELS as L, type ObligationStatus } from '../rules';

/** The abilities `GET /me` answers for safety work; the pages show only what they allow. */
export const ABILITY = {
  board: 'safety.board',
  violations: 'safety.violations',
  notices: 'safety.notices',
  analyses: 'safety.analyses',
  mentoring: 'safety.mentoring',
  projects: 'safety.projects',
  recordViolation: 'safety.recordViolation',
  issueNotice: 'safety.issueNotice',
  writeAnalysis: 'safety.writeAnalysis',
  mentor: 'safety.mentor',
  startProject: 'safety.startProject',
  settings: 'safety.settings',
} as const;

export const TALK_STATUS: Record<ObligationStatus, { label: string; color: string }> = {
  open: { label: L.open, color: 'blue' },
  overdue: { label: L.overdue, color: 'red' },
  done: { label: L.done, color: 'green' },
};

export const rateText = (v: number | null) => (v === null ? '—' : v.toFixed(1));
