import type {
  AttachmentItem,
  MeetingDetail,
  MeetingItem,
  MeetingList,
  RevisionItem,
  Todo,
  TodoDue,
} from '../contract';
import type { Compliance, ComplianceItemView, Matrix, MemberAttendance } from '../contract-compliance';
import type { FollowUpItem, GradeView, MemberRecord } from '../contract-grades';
import type { RecordableOrg, RosterPerson, RosterResponse, VoteView } from '../contract-roll';
import type { SettingsResponse } from '../contract-settings';
import {
  ATTENDANCE_LABELS,
  type AttendanceEntry,
  type AttendanceStatus,
  VOTE_TYPE_LABELS,
  type VoteInput,
  type VoteType,
} from '../rules';
import {
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  MEETING_STATUS_LABELS,
  type MeetingKind,
  type MeetingStatus,
} from '../rules-kinds';

/** The meetings pages' vocabulary: the API's types (inferred from the contract) and the rules' labels. */
export type {
  AttachmentItem,
  Compliance,
  FollowUpItem,
  GradeView,
  Matrix,
  MeetingDetail,
  MeetingItem,
  MeetingList,
  MemberAttendance,
  MemberRecord,
  RecordableOrg,
  RevisionItem,
  RosterPerson,
  RosterResponse,
  SettingsResponse,
  Todo,
  VoteView,
};
export type ComplianceItem = ComplianceItemView;
export type TodoItem = TodoDue;

export {
  ATTENDANCE_LABELS,
  type AttendanceEntry,
  type AttendanceStatus,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  MEETING_STATUS_LABELS,
  type MeetingKind,
  type MeetingStatus,
  VOTE_TYPE_LABELS,
  type VoteInput,
  type VoteType,
};

/** The collection abilities the server grants (`GET /me`), by the name the pages use. */
export const ABILITY = {
  read: 'meetings.read',
  record: 'meetings.record',
  review: 'meetings.review',
  compliance: 'meetings.compliance',
  export: 'meetings.export',
  settings: 'meetings.settings',
} as const;

export const STATUS_COLORS: Record<MeetingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
  cancelled: 'default',
};

export const COMPLIANCE_COLORS: Record<string, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#ff4d4f',
  pending: '#d9d9d9',
};

export const pct = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 100)}%`);
