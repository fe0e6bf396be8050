import type { Overview } from '../contract';
import { ORG_LIFE_STATUS, pctText } from './model';

/** The overview as printed on A4 (shown only when printing). */
export function OverviewPrint({ o }: { o: Overview }) {
  return (
    <div className="bl-overview-print">
      <h1>{o.org.name}党建工作总览</h1>
      <div className="bl-sub">
        {o.period.label}　数据截至 {o.today}　党支部 {o.totals.branches} 个，需关注 {o.totals.needFollowUp} 个
      </div>
      <table>
        <thead>
          <tr>
            <th>党支部</th>
            <th>党员</th>
            <th>督办待回复（逾期）</th>
            <th>整改未完成（逾期）</th>
            <th>组织生活 已开/应开</th>
            <th>安全</th>
            <th>最近考核</th>
            <th>需关注</th>
          </tr>
        </thead>
        <tbody>
          {o.rows.map((r) => (
            <tr key={r.orgId}>
              <td>
                {r.orgName}
                {r.parentName && o.org.type === 'committee' ? `（${r.parentName}）` : ''}
              </td>
              <td className="num">{r.members}</td>
              <td className="num">
                {r.tasks.available ? `${r.tasks.owed}（${r.tasks.overdue}）` : '未启用'}
              </td>
              <td className="num">
                {r.rectifications.available
                  ? `${r.rectifications.open}（${r.rectifications.overdue}）`
                  : '未启用'}
              </td>
              <td className="num">
                {r.orgLife.held}/{r.orgLife.due}
                {r.orgLife.status ? ` ${ORG_LIFE_STATUS[r.orgLife.status].label}` : ''}
              </td>
              <td>
                {r.safety.flagged ? '超预警线；' : ''}违章 {r.safety.memberViolations}
                {r.safety.overdueTalks ? `；谈话逾期 ${r.safety.overdueTalks}` : ''}
              </td>
              <td>
                {r.assessment ? `${pctText(r.assessment.percent)}（${r.assessment.periodLabel}）` : '—'}
              </td>
              <td>{r.concerns.join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="bl-foot">{o.orderNote}</div>
    </div>
  );
}
