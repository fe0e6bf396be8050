/** The abilities `GET /me` answers for talks; the pages show only what they allow. */
export const ABILITY = {
  view: 'talks.view',
  record: 'talks.record',
} as const;
