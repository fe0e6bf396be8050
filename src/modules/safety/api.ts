import type { SQL } from 'drizzle-orm';
import { defineSlot } from '../../platform/hooks';

/**
 * The safety module's public surface: what modules building on safety (talks) may use. They import
 * nothing else of safety, and read its tables only through these functions.
 */

/**
 * A source of dates that count as a mentoring follow-up of a weak worker, besides the follow-ups safety
 * records itself: SQL `select <date>` rows for the case whose person and start date are given (talks
 * provides its `mentoring` talks). The last follow-up, and so the next one due, is the latest of all.
 */
export type FollowupDateSource = (weak: { personId: SQL; startedOn: SQL }) => SQL;
export const followupDateSources = defineSlot<FollowupDateSource>('safety.followupDates');

/** Members' violations, overdue talks and the board's flag per branch, with their records (assessment, overview). */
export {
  type BranchSafetyFlag,
  branchSafetyFlags,
  type MemberViolation,
  memberViolationsForAssessment,
  type OverdueTalk,
  overdueTalksForAssessment,
} from './for-assessment';
/** Counts and briefs of violations for tasks (prefilled figures) and inspection (records read in place). */
export { branchViolations, memberViolationCounts, type ViolationBrief } from './for-supervision';
/** The violation's talk obligation: read it, and close it with the talk that follows the violation. */
export {
  closeObligationsAsSystem,
  closeTalkObligation,
  findObligations,
  type ObligationClose,
  type ObligationFilter,
  type ObligationRow,
  openObligationsForDemo,
  owedTalkCounts,
  violationForTalk,
} from './obligations';
export {
  OBLIGATION_STATUS_LABELS,
  OBLIGATION_STATUSES,
  type ObligationStatus,
  obligationStatus,
} from './rules';
/** The tenant's safety settings (talks reads `talkLateDays`). */
export { loadSafetySettings } from './settings';
