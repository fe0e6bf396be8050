import {
  Alert,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd';
import { Loading } from '../../../web/components/Loading';
import { dayjs, ZONE } from '../../../web/format';
import { ATTENDANCE_LABELS, type AttendanceStatus, type MeetingKind, type RosterPerson } from './model';
import type { RollCallState } from './recordForm';

/** The roll call of the record form: who is expected, present, on leave or absent, and the guests. */

function PersonTags({ p, rc }: { p: RosterPerson; rc: RollCallState }) {
  const signedIn = rc.signedIn.get(p.personId);
  const leave = rc.leaveAsked.get(p.personId);
  return (
    <>
      {p.partyStatus === 'probationary' && (
        <Tag color="cyan" style={{ marginInlineStart: 6 }}>
          预备
        </Tag>
      )}
      {p.suspended && (
        <Tag color="volcano" style={{ marginInlineStart: 6 }}>
          停止党籍
        </Tag>
      )}
      {p.exempt && <Tag style={{ marginInlineStart: 6 }}>免参加</Tag>}
      {rc.committeeMeeting && p.posts.length > 0 && (
        <Tag style={{ marginInlineStart: 6 }}>{p.posts.join('、')}</Tag>
      )}
      {signedIn && (
        <Tag color="green" style={{ marginInlineStart: 6 }}>
          {dayjs(signedIn).tz(ZONE).format('HH:mm')} 本人签到
        </Tag>
      )}
      {leave && (
        <Tag color="gold" style={{ marginInlineStart: 6 }}>
          本人请假
        </Tag>
      )}
    </>
  );
}

function PersonLine({ p, rc, mobile }: { p: RosterPerson; rc: RollCallState; mobile: boolean }) {
  const l = rc.lineOf(p.personId);
  if (rc.future)
    return (
      <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
        {p.name}
        <PersonTags p={p} rc={rc} />
        {l.status === 'leave' && l.reason && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 13 }}>
            {l.reason}
          </Typography.Text>
        )}
      </div>
    );
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span>
          {p.name}
          <PersonTags p={p} rc={rc} />
        </span>
        <Segmented<AttendanceStatus>
          value={l.status}
          onChange={(v) => rc.setLine(p.personId, { status: v })}
          options={(['present', 'leave', 'absent'] as const).map((s) => ({
            value: s,
            label: ATTENDANCE_LABELS[s],
          }))}
        />
      </Flex>
      {l.status !== 'present' && (
        <Flex gap={8} wrap style={{ marginTop: 6 }}>
          {l.status === 'leave' && (
            <Input
              size="middle"
              placeholder="请假原因（如：倒班）"
              value={l.reason ?? ''}
              onChange={(e) => rc.setLine(p.personId, { reason: e.target.value })}
              style={{ flex: '1 1 140px' }}
            />
          )}
          <DatePicker
            size="middle"
            placeholder="补学日期"
            value={l.makeUpOn ? dayjs(l.makeUpOn) : null}
            onChange={(d) => rc.setLine(p.personId, { makeUpOn: d ? d.format('YYYY-MM-DD') : null })}
            inputReadOnly={mobile}
            style={{ flex: '1 1 120px' }}
          />
          <Input
            size="middle"
            placeholder="补学方式"
            value={l.makeUpHow ?? ''}
            onChange={(e) => rc.setLine(p.personId, { makeUpHow: e.target.value })}
            style={{ flex: '1 1 140px' }}
          />
          {l.makeUpOn && (
            <Checkbox
              checked={!!l.makeUpConfirmed}
              onChange={(e) => rc.setLine(p.personId, { makeUpConfirmed: e.target.checked })}
            >
              确认补学{rc.makeUpReported.has(p.personId) ? '（本人已登记）' : ''}
            </Checkbox>
          )}
        </Flex>
      )}
    </div>
  );
}

/** Warnings about who came: a committee without majority, a general meeting that cannot vote. */
function QuorumWarnings({ rc, kind, loaded }: { rc: RollCallState; kind?: MeetingKind; loaded: boolean }) {
  const { expected, counts, committeeMeeting, lineOf } = rc;
  const voters = expected.filter(
    (p) => p.partyStatus === 'full' && !p.suspended && (!p.exempt || lineOf(p.personId).status === 'present'),
  );
  const votersPresent = voters.filter((p) => lineOf(p.personId).status === 'present').length;
  return (
    <>
      {committeeMeeting && loaded && expected.length === 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message="会议当日本支部没有支部委员会"
          description="支委会的应到名单按支部委员会的职务（书记、副书记、组织委员、宣传委员、纪检委员等，含任职起止日期）确定，由上级组织在“组织”页面登记。"
        />
      )}
      {committeeMeeting && expected.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
          应到：支部委员会 {expected.length}{' '}
          人（会议当日在任的委员）。其他党员可作为列席人员登记，不计入应到和到会人数。
        </Typography.Paragraph>
      )}
      {committeeMeeting && expected.length > 0 && counts.present * 2 <= expected.length && (
        <Alert
          type="warning"
          showIcon
          message="到会委员未超过半数，按规定支部委员会不能召开"
          style={{ marginBottom: 8 }}
        />
      )}
      {kind === 'branch_general_meeting' && voters.length > 0 && votersPresent * 2 <= voters.length && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={`到会有表决权的正式党员 ${votersPresent} 人，未超过应到 ${voters.length} 人的半数，不能进行表决`}
        />
      )}
    </>
  );
}

export function RollCallCard({
  rc,
  kind,
  loading,
  loaded,
  mobile,
}: {
  rc: RollCallState;
  kind?: MeetingKind;
  loading: boolean;
  loaded: boolean;
  mobile: boolean;
}) {
  const { expected, counts, committeeMeeting, people, future } = rc;
  const personOptions = people.map((p) => ({ value: p.personId, label: p.name }));
  const guestOptions = people.filter((p) => !p.committee).map((p) => ({ value: p.personId, label: p.name }));
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        future
          ? `参会人员（${expected.length} 人${counts.leave ? `，已请假 ${counts.leave}` : ''}）`
          : `出勤（应到 ${expected.length} 人：出席 ${counts.present}，请假 ${counts.leave}，缺席 ${counts.absent}）`
      }
    >
      {future && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
          会议尚未召开：党员可在通知中本人请假，会议当天签到；召开后打开记录，出勤按签到和请假预填，可再修改。
        </Typography.Paragraph>
      )}
      {kind === 'other' && (
        <Form.Item label="参加人员">
          <Select
            mode="multiple"
            value={rc.chosen}
            onChange={rc.setChosen}
            options={personOptions}
            optionFilterProp="label"
            placeholder="选择参会人员"
          />
        </Form.Item>
      )}
      {loading && <Loading />}
      <QuorumWarnings rc={rc} kind={kind} loaded={loaded} />
      {expected.map((p) => (
        <PersonLine key={p.personId} p={p} rc={rc} mobile={mobile} />
      ))}
      {committeeMeeting && expected.length > 0 && (
        <Form.Item label="列席人员（不计入应到）" style={{ marginTop: 12, marginBottom: 0 }}>
          <Select
            mode="multiple"
            value={rc.guests}
            onChange={rc.setGuests}
            options={guestOptions}
            optionFilterProp="label"
            placeholder="非支委的党员列席时选择"
          />
        </Form.Item>
      )}
    </Card>
  );
}
