import type { ReactNode } from 'react';
import { fmtDateTime } from '../../../web/format';
import type { MeetingDetail as Meeting } from './model';
import { heldAtText } from './parts';

/** The record as the paper record book has it (shown only when printing). */

/** A row of the record book: one label over the whole width, or two label–value pairs. */
function Row({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <tr>
      <th>{label}</th>
      <td colSpan={3} className={className}>
        {children}
      </td>
    </tr>
  );
}

function Pair({ a, b }: { a: [string, ReactNode]; b: [string, ReactNode] }) {
  return (
    <tr>
      <th>{a[0]}</th>
      <td>{a[1]}</td>
      <th>{b[0]}</th>
      <td>{b[1]}</td>
    </tr>
  );
}

/** Who came, who was excused or absent, who made up: the roll call in words. */
function RollCallRows({ m }: { m: Meeting }) {
  const names = (keep: (a: Meeting['attendance'][number]) => boolean) =>
    m.attendance.filter(keep).map((a) => a.name);
  const guests = names((a) => !!a.guest);
  const leave = m.attendance
    .filter((a) => a.status === 'leave')
    .map((a) => `${a.name}${a.reason ? `（${a.reason}）` : ''}`);
  const makeUp = m.attendance
    .filter((a) => a.makeUpOn)
    .map((a) => `${a.name} ${a.makeUpOn} ${a.makeUpHow ?? ''}`);
  return (
    <>
      <Pair
        a={['应到', `${m.attendanceCounts.expected} 人`]}
        b={['实到', `${m.attendanceCounts.present} 人`]}
      />
      <Row label="出席人员">{names((a) => a.status === 'present' && !a.guest).join('、')}</Row>
      {guests.length > 0 && <Row label="列席人员">{guests.join('、')}</Row>}
      <Row label="请假人员">{leave.join('、') || '无'}</Row>
      <Row label="缺席人员">{names((a) => a.status === 'absent').join('、') || '无'}</Row>
      {makeUp.length > 0 && <Row label="补学情况">{makeUp.join('；')}</Row>}
    </>
  );
}

export function PrintRecord({ m }: { m: Meeting }) {
  return (
    <div className="bl-record-print">
      <h1>{m.kindLabel}记录</h1>
      <table>
        <tbody>
          <Row label="组织">{m.orgName}</Row>
          <Pair a={['时间', heldAtText(m.heldAt)]} b={['地点', m.place]} />
          <Pair a={['主持人', m.hostName ?? '']} b={['记录人', m.recorderName ?? '']} />
          {m.lecturer && <Row label="授课人">{m.lecturer}</Row>}
          <RollCallRows m={m} />
          <Row label="会议主题">{m.topic}</Row>
          <Row label="议程">{m.agenda.map((a, i) => `${i + 1}. ${a}`).join('　')}</Row>
          <Row label="会议记录" className="bl-minutes">
            {m.minutes}
          </Row>
          {m.votes.map((v) => (
            <Row key={v.subject} label="表决">
              {v.resolution}
            </Row>
          ))}
          <Row label="决议">{m.resolutions}</Row>
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
