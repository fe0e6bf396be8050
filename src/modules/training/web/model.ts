import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { TrainingSettingsAnswer } from '../contract';
import type { LedgerStatus } from '../rules';

/** The abilities `GET /me` answers for training; the pages show only what they allow. */
export const ABILITY = {
  study: 'training.study',
  mine: 'training.mine',
  stats: 'training.stats',
  ledger: 'training.ledger',
  organize: 'training.organize',
  bank: 'training.bank',
  import: 'training.import',
  surveys: 'training.surveys',
  issueSurvey: 'training.issueSurvey',
  settings: 'training.settings',
} as const;

export const STATUS_COLORS: Record<LedgerStatus, string> = {
  done: 'green',
  on_track: 'blue',
  behind: 'red',
  exempt: 'default',
};

export const SOURCE_COLORS: Record<string, string> = {
  class: '#c8102e',
  meeting: '#f5a623',
  content: '#1677ff',
  import: '#52c41a',
};

/** One decimal, no trailing zero: 12, 12.5. */
export const hoursText = (h: number) => (Math.round(h * 10) / 10).toString();
export const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** The tenant's training settings (targets, topics); every page reads the same answer. */
export function useTrainingSettings() {
  return useQuery({
    queryKey: ['training', 'settings'],
    queryFn: () => api<TrainingSettingsAnswer>('/training/settings'),
    staleTime: 60_000,
  });
}
