import { today } from '../../../web/format';
import type { Compliance, Matrix } from './model';
import './print.css';

/**
 * The whole compliance view on A4 (landscape): every branch in scope, never clipped — the kinds of the
 * period, the month grid of the year and the legend with the rules and their articles. Hidden on screen;
 * the page's 打印 prints it.
 */

const MARK: Record<string, string> = { green: '●', yellow: '◐', red: '○', pending: '·', none: '' };
const WORDS: Record<string, string> = {
  green: '落实',
  yellow: '有缺项或补录',
  red: '未落实',
  pending: '未到期',
};

export function CompliancePrint({
  compliance,
  matrix,
  scopeName,
}: {
  compliance: Compliance | undefined;
  matrix: Matrix | undefined;
  scopeName: string;
}) {
  if (!compliance) return null;
  const kinds = compliance.requirements;
  const byBranch = new Map<string, Map<string, Compliance['items'][number]>>();
  for (const i of compliance.items) {
    const m = byBranch.get(i.orgId) ?? new Map();
    m.set(i.kind, i);
    byBranch.set(i.orgId, m);
  }
  const { from, to } = compliance.period;
  return (
    <div className="bl-compliance-print">
      <h1>组织生活落实情况</h1>
      <p className="bl-print-meta">
        范围：{scopeName}　期间：{from} 至 {to}　统计日：{today().format('YYYY-MM-DD')}　党支部{' '}
        {compliance.branches.length} 个
      </p>
      <p className="bl-print-meta">
        图例：
        {Object.entries(WORDS)
          .map(([k, v]) => `${MARK[k]} ${v}`)
          .join('　')}
        　“3/4”为已开/应开；补＝补录，缺＝缺项， 未达＝未达到规定人数（不计为已开）。
      </p>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>党支部</th>
            {kinds.map((k) => (
              <th key={k.kind}>{k.kindLabel}</th>
            ))}
            <th>完成率</th>
            <th>换届</th>
          </tr>
        </thead>
        <tbody>
          {compliance.branches.map((b, i) => (
            <tr key={b.orgId}>
              <td>{i + 1}</td>
              <td>
                {b.name}
                {b.silent ? '（静默）' : ''}
                {b.dissolvedOn ? `（${b.dissolvedOn}撤销）` : ''}
              </td>
              {kinds.map((k) => {
                const item = byBranch.get(b.orgId)?.get(k.kind);
                if (!item || item.expected === 0) return <td key={k.kind}>—</td>;
                const notes = [
                  item.late ? `补${item.late}` : '',
                  item.missing ? `缺${item.missing}` : '',
                  item.invalid ? `未达${item.invalid}` : '',
                ].filter(Boolean);
                return (
                  <td key={k.kind}>
                    {MARK[item.status]} {item.held}/{item.expected}
                    {notes.length ? ` ${notes.join(' ')}` : ''}
                  </td>
                );
              })}
              <td>{b.completion == null ? '—' : `${Math.round(b.completion * 100)}%`}</td>
              <td>{b.term ? `${b.term.statusLabel}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {matrix && (
        <>
          <h2>按月开展的组织生活（支委会、党小组会、主题党日）{matrix.year}年</h2>
          <table>
            <thead>
              <tr>
                <th>党支部</th>
                {matrix.months.map((m) => (
                  <th key={m}>{Number(m.slice(5))}月</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((r) => (
                <tr key={r.orgId}>
                  <td>{r.name}</td>
                  {r.cells.map((c) => (
                    <td key={c.month}>
                      {c.expected === 0 ? '—' : `${MARK[c.status]} ${c.held}/${c.expected}`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>依据</h2>
      <ul>
        {kinds.map((k) => (
          <li key={k.kind}>
            {k.kindLabel}：{k.basis}
          </li>
        ))}
      </ul>
    </div>
  );
}
