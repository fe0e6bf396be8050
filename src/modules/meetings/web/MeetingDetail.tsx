import {
  CheckOutlined,
  CloseCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  PaperClipOutlined,
  PrinterOutlined,
  RollbackOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  Modal,
  Result,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, showError, upload } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { dayjs, fmtDateCn, fmtDateTime, ZONE } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import { SignInButton } from './MeetingNotices';
import {
  ATTENDANCE_LABELS,
  type AttendanceEntry,
  type MeetingDetail as Meeting,
  pct,
  type RevisionItem,
  useMeeting,
} from './model';
import { heldAtText, LateTag, StatusTag } from './parts';
import './print.css';

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

function Revisions({ m }: { m: Meeting }) {
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

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

function Attachments({ m }: { m: Meeting }) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const canAdd = m.actions.includes('update');
  const pick = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.jpg,.jpeg,.png,.webp,.pdf,.doc,.docx,.xls,.xlsx';
    input.onchange = async () => {
      const file = input.files?.[0];
      if (!file) return;
      setProgress(0);
      try {
        await upload(`/meetings/${m.id}/attachments`, file, undefined, setProgress);
        await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      } catch (e) {
        showError(e);
      } finally {
        setProgress(null);
      }
    };
    input.click();
  };
  const remove = async (attachmentId: string) => {
    try {
      await api(`/meetings/${m.id}/attachments/${attachmentId}`, { method: 'DELETE' });
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
    } catch (e) {
      showError(e);
    }
  };
  if (!canAdd && m.attachments.length === 0) return null;
  return (
    <Card
      size="small"
      title={`附件（${m.attachments.length}）`}
      style={{ marginBottom: 12 }}
      extra={
        canAdd && (
          <Button size="small" icon={<UploadOutlined />} loading={progress !== null} onClick={pick}>
            {progress !== null ? `${progress}%` : '上传照片或文件'}
          </Button>
        )
      }
    >
      {m.attachments.length === 0 && (
        <Typography.Text type="secondary">可上传会议照片、签到表扫描件或文件（每个 ≤ 10 MB）</Typography.Text>
      )}
      {m.attachments.map((a) => (
        <Flex key={a.id} justify="space-between" align="center" gap={8} style={{ padding: '4px 0' }}>
          <a
            href={`/api/v1/meetings/${m.id}/attachments/${a.id}`}
            download={a.fileName}
            style={{ minWidth: 0 }}
          >
            <PaperClipOutlined /> {a.fileName}
          </a>
          <Flex gap={8} align="center">
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, whiteSpace: 'nowrap' }}
              title={`SHA-256 ${a.sha256}`}
            >
              {sizeText(a.size)}
            </Typography.Text>
            {canAdd && m.status === 'draft' && (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(a.id)}
              />
            )}
          </Flex>
        </Flex>
      ))}
    </Card>
  );
}

function ReviewButtons({ m }: { m: Meeting }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: (body: { decision: 'approve' | 'return'; comment?: string }) =>
      api<Meeting>(`/meetings/${m.id}/review`, { method: 'POST', body }),
    onSuccess: (saved) => {
      message.success(saved.status === 'approved' ? '已审核通过' : '已退回支部更正');
      setReturning(false);
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  return (
    <>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        loading={review.isPending}
        onClick={() => review.mutate({ decision: 'approve' })}
      >
        审核通过
      </Button>
      <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
        退回
      </Button>
      <Modal
        title="退回更正"
        open={returning}
        okText="退回"
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: review.isPending }}
        onOk={() => review.mutate({ decision: 'return', comment })}
        onCancel={() => setReturning(false)}
      >
        <Input.TextArea
          autoFocus
          rows={4}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="写明需要更正的内容，支部书记会在待办中看到"
        />
      </Modal>
    </>
  );
}

function CancelButton({ m }: { m: Meeting }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => api<Meeting>(`/meetings/${m.id}/cancel`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      message.success('已取消该计划，参会人员不再收到通知');
      setOpen(false);
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  return (
    <>
      <Button danger icon={<CloseCircleOutlined />} onClick={() => setOpen(true)}>
        取消计划
      </Button>
      <Modal
        title="取消计划中的会议"
        open={open}
        okText="确认取消"
        cancelText="返回"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: cancel.isPending }}
        onOk={() => cancel.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">
          取消后记录仍保留（标记为“已取消”），不再作为会议通知，也不计入落实情况。
        </Typography.Paragraph>
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="取消原因（必填），如：抢修施工，党员值守现场，改期举行"
        />
      </Modal>
    </>
  );
}

const timeOf = (at: string) => dayjs(at).tz(ZONE).format('HH:mm');

function PrintRecord({ m }: { m: Meeting }) {
  const present = m.attendance.filter((a) => a.status === 'present' && !a.guest).map((a) => a.name);
  const guests = m.attendance.filter((a) => a.guest).map((a) => a.name);
  const leave = m.attendance
    .filter((a) => a.status === 'leave')
    .map((a) => `${a.name}${a.reason ? `（${a.reason}）` : ''}`);
  const absent = m.attendance.filter((a) => a.status === 'absent').map((a) => a.name);
  const makeUp = m.attendance
    .filter((a) => a.makeUpOn)
    .map((a) => `${a.name} ${a.makeUpOn} ${a.makeUpHow ?? ''}`);
  return (
    <div className="bl-record-print">
      <h1>{m.kindLabel}记录</h1>
      <table>
        <tbody>
          <tr>
            <th>组织</th>
            <td colSpan={3}>{m.orgName}</td>
          </tr>
          <tr>
            <th>时间</th>
            <td>{heldAtText(m.heldAt)}</td>
            <th>地点</th>
            <td>{m.place}</td>
          </tr>
          <tr>
            <th>主持人</th>
            <td>{m.hostName ?? ''}</td>
            <th>记录人</th>
            <td>{m.recorderName ?? ''}</td>
          </tr>
          {m.lecturer && (
            <tr>
              <th>授课人</th>
              <td colSpan={3}>{m.lecturer}</td>
            </tr>
          )}
          <tr>
            <th>应到</th>
            <td>{m.attendanceCounts.expected} 人</td>
            <th>实到</th>
            <td>{m.attendanceCounts.present} 人</td>
          </tr>
          <tr>
            <th>出席人员</th>
            <td colSpan={3}>{present.join('、')}</td>
          </tr>
          {guests.length > 0 && (
            <tr>
              <th>列席人员</th>
              <td colSpan={3}>{guests.join('、')}</td>
            </tr>
          )}
          <tr>
            <th>请假人员</th>
            <td colSpan={3}>{leave.join('、') || '无'}</td>
          </tr>
          <tr>
            <th>缺席人员</th>
            <td colSpan={3}>{absent.join('、') || '无'}</td>
          </tr>
          {makeUp.length > 0 && (
            <tr>
              <th>补学情况</th>
              <td colSpan={3}>{makeUp.join('；')}</td>
            </tr>
          )}
          <tr>
            <th>会议主题</th>
            <td colSpan={3}>{m.topic}</td>
          </tr>
          <tr>
            <th>议程</th>
            <td colSpan={3}>{m.agenda.map((a, i) => `${i + 1}. ${a}`).join('　')}</td>
          </tr>
          <tr>
            <th>会议记录</th>
            <td colSpan={3} className="bl-minutes">
              {m.minutes}
            </td>
          </tr>
          {m.votes.map((v) => (
            <tr key={v.subject}>
              <th>表决</th>
              <td colSpan={3}>{v.resolution}</td>
            </tr>
          ))}
          <tr>
            <th>决议</th>
            <td colSpan={3}>{m.resolutions}</td>
          </tr>
        </tbody>
      </table>
      <div className="bl-sign">
        <span>主持人签字：</span>
        <span>记录人签字：</span>
      </div>
      <div className="bl-foot">
        记录于 {fmtDateTime(m.recordedAt)}
        {m.late ? '（补录）' : ''}；状态：{m.statusLabel}
        {m.reviewedAt ? `，${m.reviewerName ?? ''} 审核于 ${fmtDateTime(m.reviewedAt)}` : ''}。
      </div>
    </div>
  );
}

export default function MeetingDetail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const meeting = useMeeting(id);
  const submit = useMutation({
    mutationFn: () => api<Meeting>(`/meetings/${id}/submit`, { method: 'POST', body: {} }),
    onSuccess: (m) => {
      message.success(m.late ? '已提交（超过规定期限，标记为补录）' : '已提交上级审核');
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  if (meeting.isPending) return <Loading />;
  const m = meeting.data;
  if (!m) return <Result status="404" title="会议记录不存在或不在您的范围内" />;
  const signedIn = m.attendance.filter((a) => a.signedInAt).length;

  const columns = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (n: string, a: AttendanceEntry) => (
        <span>
          {n}
          {a.partyStatus === 'probationary' && (
            <Tag color="cyan" style={{ marginInlineStart: 6 }}>
              预备
            </Tag>
          )}
          {a.exempt && <Tag style={{ marginInlineStart: 6 }}>免参加</Tag>}
          {a.guest && <Tag style={{ marginInlineStart: 6 }}>列席</Tag>}
          {a.signedInAt && (
            <Tag color="green" style={{ marginInlineStart: 6 }}>
              {timeOf(a.signedInAt)} 签到
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '出勤',
      dataIndex: 'status',
      width: 80,
      render: (s: AttendanceEntry['status']) =>
        // Before a planned branch meeting the roll call is the sign-in sheet.
        m.planned && s === 'absent' ? (
          <Tag>未签到</Tag>
        ) : (
          <Tag color={s === 'present' ? 'green' : s === 'leave' ? 'gold' : 'red'}>{ATTENDANCE_LABELS[s]}</Tag>
        ),
    },
    { title: '原因', dataIndex: 'reason', render: (v: string | null) => v ?? '' },
    {
      title: '补学',
      render: (_: unknown, a: AttendanceEntry) => (a.makeUpOn ? `${a.makeUpOn} ${a.makeUpHow ?? ''}` : ''),
    },
  ];

  return (
    <>
      <div className="bl-no-print">
        <Page
          title={
            <Flex gap={8} align="center" wrap>
              {m.kindLabel}
              <StatusTag status={m.status} planned={m.planned} />
              <LateTag m={m} />
              {m.quorum === false && !m.planned && <Tag color="red">到会不足半数</Tag>}
            </Flex>
          }
          extra={
            <>
              {m.actions.includes('update') && (
                <Button icon={<EditOutlined />} onClick={() => navigate(`/meetings/${m.id}/edit`)}>
                  {m.status === 'returned' ? '更正' : '修改'}
                </Button>
              )}
              {m.actions.includes('submit') && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={submit.isPending}
                  onClick={() => submit.mutate()}
                >
                  {m.status === 'returned' ? '重新提交' : '提交审核'}
                </Button>
              )}
              {m.actions.includes('review') && <ReviewButtons m={m} />}
              {m.actions.includes('cancel') && <CancelButton m={m} />}
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                打印
              </Button>
            </>
          }
        >
          {m.cancellation && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`该计划已于 ${fmtDateTime(m.cancellation.at)} 取消${m.cancellation.actorName ? `（${m.cancellation.actorName}）` : ''}`}
              description={`取消原因：${m.cancellation.reason}。已取消的计划不计入落实情况。`}
            />
          )}
          {(m.actions.includes('sign_in') || m.me?.signedInAt) && (
            <Card size="small" style={{ marginBottom: 12 }}>
              <Flex justify="space-between" align="center" gap={12} wrap>
                <Typography.Text>
                  {m.me?.signedInAt
                    ? '您已签到，签到时间以服务器时间为准。'
                    : `今天 ${heldAtText(m.heldAt).slice(11)} 在${m.place}召开，到会后请点“签到”。`}
                </Typography.Text>
                <SignInButton m={m} block={mobile && !m.me?.signedInAt} />
              </Flex>
            </Card>
          )}
          {m.status === 'returned' && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${m.reviewerName ?? '上级'}退回：${m.reviewComment}`}
            />
          )}
          {m.late && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="补录记录"
              description={`会议于 ${fmtDateCn(m.heldOn)} 召开，记录在 ${fmtDateTime(m.firstSubmittedAt ?? m.recordedAt)} 才提交，超过了规定期限。补录记录如实保留并单独统计。`}
            />
          )}
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions column={mobile ? 1 : 2} size="small">
              <Descriptions.Item label="主题">{m.topic}</Descriptions.Item>
              <Descriptions.Item label="组织">{m.orgName}</Descriptions.Item>
              <Descriptions.Item label="召开时间">{heldAtText(m.heldAt)}</Descriptions.Item>
              <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
              <Descriptions.Item label="主持人">{m.hostName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="记录人">{m.recorderName ?? '—'}</Descriptions.Item>
              {m.lecturer && <Descriptions.Item label="授课人">{m.lecturer}</Descriptions.Item>}
              <Descriptions.Item label={m.status === 'cancelled' ? '计划参会' : '出勤'}>
                {m.status === 'cancelled' ? (
                  `${m.attendance.length} 人（会议已取消，未召开）`
                ) : (
                  <>
                    应到 {m.attendanceCounts.expected}，出席 {m.attendanceCounts.present}，请假{' '}
                    {m.attendanceCounts.leave}，缺席 {m.attendanceCounts.absent}（出勤率{' '}
                    {pct(m.attendanceRate)}）
                    {m.attendanceCounts.guests ? `；列席 ${m.attendanceCounts.guests} 人（不计入）` : ''}
                    {signedIn ? `；本人签到 ${signedIn} 人` : ''}
                  </>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="记录时间">
                {fmtDateTime(m.recordedAt)}（服务器时间）{m.createdByName ? ` · ${m.createdByName}` : ''}
              </Descriptions.Item>
              {m.submittedAt && (
                <Descriptions.Item label="提交时间">{fmtDateTime(m.submittedAt)}</Descriptions.Item>
              )}
              {m.reviewedAt && (
                <Descriptions.Item label="审核">
                  {m.reviewerName} · {fmtDateTime(m.reviewedAt)}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title="会议内容" style={{ marginBottom: 12 }}>
            {m.agenda.length > 0 && (
              <ol style={{ paddingInlineStart: 20, marginTop: 0 }}>
                {m.agenda.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ol>
            )}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {m.minutes || '（未填写会议记录）'}
            </Typography.Paragraph>
            {m.resolutions && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text strong>决议：</Typography.Text>
                {m.resolutions}
              </Typography.Paragraph>
            )}
          </Card>
          {m.votes.length > 0 && (
            <Card size="small" title="表决" style={{ marginBottom: 12 }}>
              {m.votes.map((v) => (
                <div key={v.subject} style={{ marginBottom: 12 }}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{v.subject}</Typography.Text>
                    <Tag>{v.typeLabel}</Tag>
                    <Tag color={v.tally.quorum ? 'green' : 'red'}>
                      {v.tally.quorum ? '到会人数符合规定' : '不足半数'}
                    </Tag>
                    <Tag color={v.tally.passed ? 'green' : 'red'}>{v.tally.passed ? '通过' : '未通过'}</Tag>
                  </Flex>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
                    {v.resolution}
                  </Typography.Paragraph>
                </div>
              ))}
            </Card>
          )}
          {m.status === 'cancelled' ? (
            <Card
              size="small"
              title={`计划参会人员（${m.attendance.length} 人）`}
              style={{ marginBottom: 12 }}
            >
              <Typography.Text type="secondary">{m.attendance.map((a) => a.name).join('、')}</Typography.Text>
            </Card>
          ) : (
            <Card size="small" title={`出勤名单（${m.attendance.length} 人）`} style={{ marginBottom: 12 }}>
              <Table<AttendanceEntry>
                rowKey="personId"
                size="small"
                pagination={false}
                columns={columns}
                dataSource={m.attendance}
                scroll={{ x: 420 }}
              />
            </Card>
          )}
          <Attachments m={m} />
          <Card size="small" title="提交、审核与修订记录">
            <Revisions m={m} />
          </Card>
        </Page>
      </div>
      <PrintRecord m={m} />
    </>
  );
}
