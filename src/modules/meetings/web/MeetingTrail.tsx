import { useQuery } from '@tanstack/react-query';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { fmtDateTime } from '../../../web/format';
import {
  ATTENDANCE_LABELS,
  type AttendanceEntry,
  type MeetingDetail as Meeting,
  type RevisionItem,
} from './model';
import { heldAtText } from './parts';

/** The trail of a record: submission, review, revisions (with what changed) and cancellation. */

const STEP_LABELS: Record<RevisionItem['kind'], string> = {
  submit: '提交审核',
  resubmit: '更正后重新提交',
  approve: '审核通过',
  return: '退回更正',
  revision: '修订',
  cancel: '取消计划',
};
const STEP_COLORS: Record<RevisionItem['kind'], string> = {
  submit: 'blue',
  resubmit: 'blue',
  approve: 'green',
  return: 'red',
  revision: 'orange',
  cancel: 'gray',
};

function show(v: unknown): string {
  if (v == null || v === '') return '（空）';
  if (Array.isArray(v)) {
    if (v.length && typeof v[0] === 'object' && v[0] && 'personId' in v[0])
      return (v as AttendanceEntry[]).map((a) => `${a.name}:${ATTENDANCE_LABELS[a.status]}`).join('，');
    return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('；');
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return heldAtText(v);
  return String(v);
}

/** Records entered before the review trail existed (imports, the demo) carry the steps in the record itself. */
function stepsFromRecord(m: Meeting): RevisionItem[] {
  const steps: RevisionItem[] = [];
  if (m.firstSubmittedAt)
    steps.push({
      id: 'submit',
      seq: 1,
      kind: 'submit',
      at: m.firstSubmittedAt,
      actorName: m.createdByName,
      reason: null,
      statusAfter: 'submitted',
      diff: [],
    });
  if (m.reviewedAt && (m.status === 'approved' || m.status === 'returned'))
    steps.push({
      id: 'review',
      seq: 2,
      kind: m.status === 'approved' ? 'approve' : 'return',
      at: m.reviewedAt,
      actorName: m.reviewerName,
      reason: m.reviewComment,
      statusAfter: m.status,
      diff: [],
    });
  return steps;
}

export function Revisions({ m }: { m: Meeting }) {
  const id = m.id;
  const revisions = useQuery({
    queryKey: ['meetings', 'revisions', id, m.version, m.status],
    queryFn: () => api<{ items: RevisionItem[] }>(`/meetings/${id}/revisions`),
  });
  if (revisions.isPending) return <Loading />;
  const trail = revisions.data?.items ?? [];
  const items = trail.length ? trail : stepsFromRecord(m);
  if (!items.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未提交，没有修订记录" />;
  return (
    <Timeline
      items={items.map((r) => ({
        color: STEP_COLORS[r.kind],
        children: (
          <div>
            <Typography.Text strong>{STEP_LABELS[r.kind]}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 13 }}>
              {r.actorName ?? '—'} · {fmtDateTime(r.at)}
            </Typography.Text>
            {r.reason && (
              <div>
                {r.kind === 'revision' || r.kind === 'cancel' ? '原因' : '意见'}：{r.reason}
              </div>
            )}
            {r.diff.map((d) => (
              <div key={d.field} style={{ fontSize: 13, marginTop: 4 }}>
                <Tag>{d.label}</Tag>
                <Typography.Text delete type="secondary">
                  {show(d.from)}
                </Typography.Text>{' '}
                → <Typography.Text>{show(d.to)}</Typography.Text>
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
