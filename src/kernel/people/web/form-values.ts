import type { Dayjs } from 'dayjs';
import { fromDateString, toDateString } from '../../../web/format';
import type { PersonDetail } from '../contract';
import { PERSON_FIELD_LABELS, SENSITIVE_FIELDS } from './model';

/**
 * The person form's values and the request they become. The form asks for one 岗位: the national
 * 工作岗位 (`jobPost`), which it also writes to the unit's `post` (see the people README).
 */
export type Values = Record<string, unknown>;

export const DATE_FIELDS = [
  'birthDate',
  'joinedPartyOn',
  'fullMemberOn',
  'lostContactOn',
  'startedWorkOn',
] as const;

/** Form values as a request body: dates as YYYY-MM-DD, blank text as null. */
export function toBody(values: Values): Values {
  const body: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if ((DATE_FIELDS as readonly string[]).includes(k)) body[k] = toDateString(v as Dayjs | null);
    else if (typeof v === 'string') body[k] = v.trim() === '' ? null : v.trim();
    else body[k] = v ?? null;
  }
  return body;
}

/** Clears what the chosen status makes meaningless, so the server's cross-field rules hold. */
export function consistent(v: Values): Values {
  const out = { ...v };
  const member = out.partyStatus === 'full' || out.partyStatus === 'probationary';
  if (!member) {
    out.joinedPartyOn = null;
    out.lostContact = false;
    out.floating = false;
  }
  if (out.partyStatus !== 'full') out.fullMemberOn = null;
  if (!out.lostContact) out.lostContactOn = null;
  if (!out.floating) out.floatingTo = null;
  return out;
}

/** The form's values for a stored person: sensitive fields empty (typing replaces them), the one 岗位. */
export function initialOf(p: PersonDetail): Values {
  const v: Values = {};
  for (const key of Object.keys(PERSON_FIELD_LABELS)) {
    if (key in p) v[key] = (p as unknown as Values)[key];
  }
  for (const f of DATE_FIELDS) v[f] = fromDateString(p[f]);
  for (const f of SENSITIVE_FIELDS) v[f] = undefined;
  v.jobPost = p.jobPost ?? p.post;
  delete v.post;
  delete v.orgName;
  delete v.partyGroupName;
  delete v.endedOn;
  delete v.endReason;
  return v;
}

/** The new person's defaults. */
export const NEW_PERSON: Values = {
  gender: 'male',
  partyStatus: 'masses',
  standing: 'normal',
  lostContact: false,
  floating: false,
  exempt: false,
};

/** The create body: everything filled, the one 岗位 written to both fields. */
export function createBody(values: Values): Values {
  const body = toBody(consistent(values));
  return { ...body, post: body.jobPost ?? null };
}

/**
 * The edit's patch: only what changed (a sensitive field only when typed); a changed 岗位 is written to
 * both fields.
 */
export function patchOf(values: Values, initial: Values): Values {
  const body = toBody(consistent(values));
  const before = toBody(initial);
  const patch: Values = {};
  for (const [k, v] of Object.entries(body)) {
    if ((SENSITIVE_FIELDS as readonly string[]).includes(k)) {
      if (v !== null) patch[k] = v;
    } else if (JSON.stringify(v) !== JSON.stringify(before[k] ?? null)) patch[k] = v;
  }
  if ('jobPost' in patch) patch.post = patch.jobPost;
  return patch;
}
