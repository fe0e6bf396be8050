import { useQuery } from '@tanstack/react-query';
import { Tag, Tooltip, Typography } from 'antd';
import { api } from '../../../web/api';
import { dayjs, ZONE } from '../../../web/format';
import {
  MEETING_STATUS_LABELS,
  type MeetingDetail,
  type MeetingItem,
  type MeetingStatus,
  STATUS_COLORS,
} from './model';

export function StatusTag({ status, planned }: { status: MeetingStatus; planned?: boolean }) {
  return (
    <Tag color={planned ? 'purple' : STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {planned ? '计划' : MEETING_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 补录: shown wherever a late record appears, never hidden. */
export function LateTag({
  m,
}: {
  m: Pick<MeetingItem, 'late' | 'heldOn' | 'firstSubmittedAt' | 'recordedAt'>;
}) {
  if (!m.late) return null;
  const at = m.firstSubmittedAt ?? m.recordedAt;
  return (
    <Tooltip title={`会议 ${m.heldOn} 召开，${dayjs(at).tz(ZONE).format('YYYY-MM-DD')} 才提交记录`}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        补录
      </Tag>
    </Tooltip>
  );
}

export const heldAtText = (heldAt: string) => dayjs(heldAt).tz(ZONE).format('YYYY-MM-DD HH:mm');

/** The first column of the compliance views: the branch, its general branch (not on a phone), 静默. */
export function BranchCell({
  name,
  parentName,
  silent,
  mobile,
  term,
}: {
  name: string;
  parentName: string | null;
  silent: boolean;
  mobile: boolean;
  /** The committee's term: overdue shows red, due soon orange. */
  term?: { status: string; statusLabel: string; endsOn: string } | null;
}) {
  return (
    <div style={{ lineHeight: 1.3 }}>
      <div>{name}</div>
      {!mobile && parentName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {parentName}
        </Typography.Text>
      )}
      {silent && <Tag color="red">静默</Tag>}
      {term && term.status !== 'current' && (
        <Tooltip title={`任期至 ${term.endsOn}`}>
          <Tag color={term.status === 'overdue' ? 'red' : 'orange'}>{term.statusLabel}</Tag>
        </Tooltip>
      )}
    </div>
  );
}

/** One meeting in full (the detail page and the form that changes it). */
export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: ['meetings', 'detail', id],
    queryFn: () => api<MeetingDetail>(`/meetings/${id}`),
    enabled: !!id,
  });
}
