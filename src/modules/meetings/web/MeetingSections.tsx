import { Alert, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { dayjs, fmtDateCn, fmtDateTime, ZONE } from '../../../web/format';
import { NO_QUORUM_LABEL } from '../roll';
import { ATTENDANCE_LABELS, type AttendanceEntry, type MeetingDetail as Meeting, pct } from './model';
import { heldAtText } from './parts';

/** The parts of a meeting's page: what stands out, the facts, the content, the votes, the roll call. */

const timeOf = (at: string) => dayjs(at).tz(ZONE).format('HH:mm');

/** Cancellation, today's sign-in, a reviewer's return and the late flag, above everything else. */
export function MeetingAlerts({ m }: { m: Meeting }) {
  return (
    <>
      {m.cancellation && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`该计划已于 ${fmtDateTime(m.cancellation.at)} 取消${m.cancellation.actorName ? `（${m.cancellation.actorName}）` : ''}`}
          description={`取消原因：${m.cancellation.reason}。已取消的计划不计入落实情况。`}
        />
      )}
      {m.noQuorum && m.quorumRule && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${NO_QUORUM_LABEL}：${m.quorumRule.required}`}
          description={`应到 ${m.quorumRule.expected} 人，实到 ${m.quorumRule.present} 人。按规定会议不能有效召开，本次记录如实保留，但不计入组织生活落实情况。`}
        />
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
    </>
  );
}

function AttendanceSummary({ m }: { m: Meeting }) {
  if (m.status === 'cancelled') return <>{`${m.attendance.length} 人（会议已取消，未召开）`}</>;
  if (m.planned && !m.started) {
    const leave = m.attendance.filter((a) => a.leaveRequestedAt).length;
    return <>{`未开始：计划参会 ${m.attendance.length} 人${leave ? `，已请假 ${leave} 人` : ''}`}</>;
  }
  const c = m.attendanceCounts;
  const signedIn = m.attendance.filter((a) => a.signedInAt).length;
  return (
    <>
      应到 {c.expected}，出席 {c.present}，请假 {c.leave}，缺席 {c.absent}（出勤率 {pct(m.attendanceRate)}）
      {c.guests ? `；列席 ${c.guests} 人（不计入）` : ''}
      {signedIn ? `；本人签到 ${signedIn} 人` : ''}
    </>
  );
}

/** When, where, who, and the record's own history (recorded, submitted, reviewed). */
export function MeetingFacts({ m, mobile }: { m: Meeting; mobile: boolean }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Descriptions column={mobile ? 1 : 2} size="small">
        <Descriptions.Item label="主题">{m.topic}</Descriptions.Item>
        <Descriptions.Item label="组织">{m.orgName}</Descriptions.Item>
        <Descriptions.Item label="召开时间">{heldAtText(m.heldAt)}</Descriptions.Item>
        <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
        <Descriptions.Item label="主持人">{m.hostName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="记录人">{m.recorderName ?? '—'}</Descriptions.Item>
        {m.lecturer && <Descriptions.Item label="授课人">{m.lecturer}</Descriptions.Item>}
        <Descriptions.Item label="学时">
          {m.classHours > 0 ? `${m.classHours} 学时（出席的党员计入学习时长）` : '不计学时'}
        </Descriptions.Item>
        <Descriptions.Item label={m.status === 'cancelled' ? '计划参会' : '出勤'}>
          <AttendanceSummary m={m} />
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
  );
}

/** Agenda, minutes and resolutions. */
export function MeetingContent({ m }: { m: Meeting }) {
  return (
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
  );
}

/** The votes of a 支部党员大会 with the resolution text the server wrote. */
export function MeetingVotes({ m }: { m: Meeting }) {
  if (m.votes.length === 0) return null;
  return (
    <Card size="small" title="表决" style={{ marginBottom: 12 }}>
      {m.votes.map((v) => (
        <div key={v.subject} style={{ marginBottom: 12 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{v.subject}</Typography.Text>
            <Tag>{v.typeLabel}</Tag>
            <Tag color={v.tally.quorum ? 'green' : 'red'}>
              {v.tally.quorum ? '到会人数符合规定' : v.type === 'election' ? '未超过五分之四' : '未超过半数'}
            </Tag>
            <Tag color={v.tally.passed ? 'green' : 'red'}>
              {v.type === 'election'
                ? v.tally.passed
                  ? '全部当选'
                  : '未全部当选'
                : v.tally.passed
                  ? '通过'
                  : '未通过'}
            </Tag>
            {v.newTerm && <Tag color="purple">换届选举</Tag>}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
            {v.resolution}
          </Typography.Paragraph>
        </div>
      ))}
    </Card>
  );
}

function NameCell({ a }: { a: AttendanceEntry }) {
  return (
    <span>
      {a.name}
      {a.partyStatus === 'probationary' && (
        <Tag color="cyan" style={{ marginInlineStart: 6 }}>
          预备
        </Tag>
      )}
      {a.exempt && <Tag style={{ marginInlineStart: 6 }}>免参加</Tag>}
      {a.guest && <Tag style={{ marginInlineStart: 6 }}>列席</Tag>}
      {a.suspended && (
        <Tag color="volcano" style={{ marginInlineStart: 6 }}>
          停止党籍
        </Tag>
      )}
      {a.leaveRequestedAt && (
        <Tag color="gold" style={{ marginInlineStart: 6 }}>
          本人请假
        </Tag>
      )}
      {a.signedInAt && (
        <Tag color="green" style={{ marginInlineStart: 6 }}>
          {timeOf(a.signedInAt)} 签到
        </Tag>
      )}
    </span>
  );
}

/** The roll call; for a cancelled plan only the names that were invited. */
export function RollCall({ m }: { m: Meeting }) {
  if (m.status === 'cancelled')
    return (
      <Card size="small" title={`计划参会人员（${m.attendance.length} 人）`} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{m.attendance.map((a) => a.name).join('、')}</Typography.Text>
      </Card>
    );
  const columns = [
    { title: '姓名', dataIndex: 'name', render: (_: string, a: AttendanceEntry) => <NameCell a={a} /> },
    {
      title: '出勤',
      dataIndex: 'status',
      width: 80,
      render: (s: AttendanceEntry['status'], a: AttendanceEntry) =>
        // Before a planned meeting the roll call is the sign-in sheet: 未开始, then 未签到.
        m.planned && s === 'absent' ? (
          <Tag>{m.started ? '未签到' : '未开始'}</Tag>
        ) : m.planned && s === 'present' && !a.signedInAt ? (
          <Tag>{m.started ? '待确认' : '未开始'}</Tag>
        ) : (
          <Tag color={s === 'present' ? 'green' : s === 'leave' ? 'gold' : 'red'}>{ATTENDANCE_LABELS[s]}</Tag>
        ),
    },
    { title: '原因', dataIndex: 'reason', render: (v: string | null) => v ?? '' },
    {
      title: '补学',
      render: (_: unknown, a: AttendanceEntry) =>
        a.makeUpOn
          ? `${a.makeUpOn} ${a.makeUpHow ?? ''}${a.makeUpSecretaryAt ? '（已确认）' : a.makeUpMemberAt ? '（本人登记，待确认）' : ''}`
          : '',
    },
  ];
  return (
    <Card size="small" title={`出勤名单（${m.attendance.length} 人）`} style={{ marginBottom: 12 }}>
      <Table<AttendanceEntry>
        rowKey="personId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={m.attendance}
        scroll={{ x: 420 }}
      />
      <LeftOutNote m={m} />
    </Card>
  );
}

/** Who the record leaves out of 应到 (of attendance, of the vote) and why. */
function LeftOutNote({ m }: { m: Meeting }) {
  const { attendance, vote } = m.leftOut;
  if (!attendance.length && !vote.length) return null;
  const line = (title: string, list: Meeting['leftOut']['attendance']) =>
    list.length > 0 && (
      <div>
        <Typography.Text type="secondary">{title}：</Typography.Text>
        {list.map((l) => `${l.name}（${l.label}）`).join('；')}
      </div>
    );
  return (
    <div style={{ marginTop: 8, fontSize: 13 }}>
      {line('未计入出勤应到', attendance)}
      {line('未计入表决应到', vote)}
    </div>
  );
}
