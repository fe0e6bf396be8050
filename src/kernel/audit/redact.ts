/**
 * What the audit administrator sees of an event's details (三员分立): who did what to which record,
 * never member data values. Decided here, centrally, by the module that declares the action:
 * - the actions of accounts, the audit kernel and organizations, and every `*.settings` action, are about
 *   accounts, the organization tree and local practice: their details are shown whole;
 * - every other action touches member data (people, talks, meetings, safety, training…): its details keep
 *   their field names and record ids, and every value is hidden except ids, yes/no, short codes
 *   (`wrong_password`, `phone`) and counts; a change shows which fields changed, not from what to what.
 */
export const HIDDEN = '（已隐藏）';

const WHOLE_MODULES = new Set(['accounts', 'audit', 'orgs']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[a-z][a-z0-9_.-]{0,39}$/;
const COUNT_KEYS =
  /^(count|clear|rows|total|size|left|created|updated|skipped|violations|branches|records|people)$/i;

/** Whether the details of an action are shown whole (not member data). */
export const showsWhole = (action: string, module: string | undefined): boolean =>
  (module !== undefined && WHOLE_MODULES.has(module)) || action.endsWith('.settings');

function redactValue(value: unknown, key: string): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'number') return COUNT_KEYS.test(key) ? value : HIDDEN;
  if (typeof value === 'string') return UUID.test(value) || CODE.test(value) ? value : HIDDEN;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, key));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactValue(v, k)]),
    );
  }
  return HIDDEN;
}

/** The details as the audit log shows them, and whether anything was hidden. */
export function detailsForAuditor(
  action: string,
  module: string | undefined,
  details: unknown,
): { details: unknown; redacted: boolean } {
  if (details === null || details === undefined || showsWhole(action, module))
    return { details, redacted: false };
  const shown = redactValue(details, '');
  return { details: shown, redacted: JSON.stringify(shown) !== JSON.stringify(details) };
}
