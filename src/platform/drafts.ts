import { z } from 'zod';
import { label } from './labels';

/**
 * A record typed on a phone as a draft and sent later: the server's recording time stays the moment it
 * received the record; the moment the draft was begun on the phone is kept beside it (`drafted_at`).
 * A phone's clock may be wrong: a time after the server's own is taken as the moment of receipt (a
 * draft cannot be begun after it was recorded), never a reason to refuse the record.
 */
export const zDraftedAt = label(
  z.iso
    .datetime({ offset: true, error: '应为带时区的 ISO 时间，如 2026-11-18T09:30:00+08:00' })
    .refine((s) => Date.parse(s) >= Date.parse('2000-01-01T00:00:00Z'), '不能早于 2000 年'),
  '草稿开始时间',
).nullish();

/** The column value for `draftedAt` of a create request: as the phone said, at the latest `now`. */
export const draftedAtValue = (v: string | null | undefined, now = new Date()): Date | null =>
  v ? new Date(Math.min(Date.parse(v), now.getTime())) : null;
