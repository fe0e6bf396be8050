import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { Me } from '../../../web/registry';
import {
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
} from '../rules';

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

export interface MeetingItem {
  id: string;
  orgId: string;
  orgName: string;
  orgType: string;
  branchId: string;
  branchName: string;
  kind: MeetingKind;
  kindLabel: string;
  topic: string;
  heldAt: string;
  heldOn: string;
  place: string;
  status: MeetingStatus;
  statusLabel: string;
  /** A draft of a meeting not yet held. */
  planned: boolean;
  late: boolean;
  recordedAt: string;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  reviewerName: string | null;
  attendanceCounts: { expected: number; present: number; leave: number; absent: number; guests: number };
  attendanceRate: number | null;
  /** Enough present for the meeting to be valid (committee and general meetings); null where no rule applies. */
  quorum: boolean | null;
  /** The caller's own line of the roll call, if they are on it. */
  me: { status: AttendanceStatus; guest: boolean; signedInAt: string | null } | null;
  version: number;
  actions: ('update' | 'submit' | 'review' | 'cancel' | 'sign_in')[];
}

export interface VoteView extends VoteInput {
  typeLabel: string;
  tally: {
    eligible: number;
    presentVoters: number;
    quorum: boolean;
    yesTotal: number;
    noTotal: number;
    abstainTotal: number;
    threshold: number;
    passed: boolean;
  };
  resolution: string;
}

export interface AttachmentItem {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string | null;
}

export interface MeetingDetail extends MeetingItem {
  attachments: AttachmentItem[];
  cancellation: { at: string; actorName: string | null; reason: string } | null;
  hostPersonId: string | null;
  hostName: string | null;
  recorderPersonId: string | null;
  recorderName: string | null;
  lecturer: string | null;
  agenda: string[];
  minutes: string | null;
  resolutions: string | null;
  attendance: AttendanceEntry[];
  votes: VoteView[];
  createdByName: string | null;
  updatedAt: string | null;
}

export interface RevisionItem {
  id: string;
  seq: number;
  kind: 'revision' | 'submit' | 'resubmit' | 'approve' | 'return' | 'cancel';
  at: string;
  actorName: string | null;
  reason: string | null;
  statusAfter: string;
  diff: { field: string; label: string; from: unknown; to: unknown }[];
}

export interface RosterPerson {
  personId: string;
  name: string;
  partyStatus: string;
  exempt: boolean;
  partyGroupId: string | null;
  partyPosts: string | null;
  /** Holds a branch-committee post: on the 应到 list of a committee meeting. */
  committee: boolean;
}

export interface TodoItem {
  kind: MeetingKind;
  kindLabel: string;
  orgId: string;
  orgName: string;
  deadline: string;
  overdue: boolean;
}

export interface Todo {
  today: string;
  branches: { orgId: string; name: string; hasCommittee: boolean; due: TodoItem[] }[];
  notices: MeetingItem[];
  drafts: MeetingItem[];
  returned: MeetingItem[];
  reviewQueueCount: number;
}

export interface MatrixCell {
  month: string;
  expected: number;
  held: number;
  late: number;
  meetings: number;
  status: 'green' | 'yellow' | 'red' | 'pending';
}

export interface Matrix {
  year: number;
  months: string[];
  rows: {
    orgId: string;
    name: string;
    parentId: string | null;
    parentName: string | null;
    cells: MatrixCell[];
  }[];
  trend: { month: string; completion: number | null; attendanceRate: number | null }[];
}

export interface ComplianceItem {
  orgId: string;
  kind: MeetingKind;
  kindLabel: string;
  expected: number;
  due: number;
  held: number;
  late: number;
  missing: number;
  meetings: number;
  status: 'green' | 'yellow' | 'red';
}

export interface Compliance {
  rulesets: { name: string; version: string }[];
  settings: {
    lateAfterDays: number;
    lectureFrequency: string;
    silentAfterDays: number;
    rankingEnabled: boolean;
  };
  period: { from: string; to: string };
  items: ComplianceItem[];
  branches: {
    orgId: string;
    name: string;
    parentId: string | null;
    parentName: string | null;
    status: 'green' | 'yellow' | 'red';
    lastHeldOn: string | null;
    silent: boolean;
    attendanceRate: number | null;
    expected: number;
    held: number;
    late: number;
  }[];
}

export const pct = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 100)}%`);

export const recordsFor = (me: Me) => me.roles.some((r) => r.role === 'branch_secretary');
export const reviewsFor = (me: Me) =>
  me.roles.some((r) => r.role === 'general_branch_admin' || r.role === 'committee_admin');

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: ['meetings', 'detail', id],
    queryFn: () => api<MeetingDetail>(`/meetings/${id}`),
    enabled: !!id,
  });
}

export interface MemberAttendance {
  personId: string;
  name: string;
  branchId: string;
  branchName: string;
  expected: number;
  present: number;
  leave: number;
  absent: number;
  madeUp: number;
  rate: number | null;
}
