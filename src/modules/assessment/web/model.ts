/** The abilities `GET /me` answers for assessment; the pages show only what they allow. */
export const ABILITY = {
  view: 'assessment.view',
  run: 'assessment.run',
  assessBranches: 'assessment.assessBranches',
  zones: 'assessment.zones',
  overview: 'assessment.overview',
  settings: 'assessment.settings',
} as const;

/** 85.5% or —. */
export const pctText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

/** Signed points: +3, −4.5, 28. */
export const pointsText = (v: number | null, kind?: string) =>
  v === null ? '—' : kind === 'bonus' && v > 0 ? `+${v}` : v < 0 ? `−${-v}` : String(v);

export const starText = (n: number | null) => (n === null ? '' : '★'.repeat(n));

export const ORG_LIFE_STATUS: Record<string, { label: string; color: string }> = {
  green: { label: '正常', color: 'green' },
  yellow: { label: '有缺项或补录', color: 'gold' },
  red: { label: '缺项较多', color: 'red' },
};
