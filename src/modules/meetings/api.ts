/**
 * The meetings module's public surface: what modules building on organization life (training,
 * assessment, tasks, inspection) may use. They import nothing else of meetings, and read its tables only
 * through these functions.
 */

/** What each branch owed in a period and what covered it, and members' attendance (assessment, overview). */
export {
  attendanceOfPeople,
  type BranchOrgLife,
  type CountedMeeting,
  type OwedUnitBrief,
  orgLifeForAssessment,
  type PersonAttendance,
} from './for-assessment';
/** Counts and briefs of meetings for tasks (prefilled figures) and inspection (records read in place). */
export { branchMeetings, type MeetingBrief, meetingCounts } from './for-supervision';
/** 学时 of organization life per member present (training's study-hours ledger). */
export {
  meetingStudyHours,
  meetingStudyHoursTotals,
  type StudyHoursFilter,
  type StudyHoursRow,
  type StudyHoursTotal,
} from './hours';
