import type { EChartOption } from '../../../web/components/EChart';
import type { SafetyBoard } from '../contract';

const MEMBER = '#c41d1d';
const OTHERS = '#f0a020';

/** Violations per month of the year, members and other workers stacked. */
export const trendChart = (b: SafetyBoard): EChartOption => ({
  tooltip: { trigger: 'axis' },
  legend: { bottom: 0 },
  grid: { left: 32, right: 12, top: 16, bottom: 48 },
  xAxis: { type: 'category', data: b.trend.map((t) => `${Number(t.month.slice(5))}月`) },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: '党员', type: 'bar', stack: 'v', data: b.trend.map((t) => t.memberViolations), color: MEMBER },
    {
      name: '非党员职工',
      type: 'bar',
      stack: 'v',
      data: b.trend.map((t) => t.violations - t.memberViolations),
      color: OTHERS,
    },
  ],
});

/** The period's violations by category, by the tenant's names. */
export const categoryChart = (b: SafetyBoard, mobile: boolean): EChartOption => ({
  tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
  legend: { type: 'scroll', bottom: 0 },
  series: [
    {
      type: 'pie',
      radius: ['35%', '65%'],
      center: ['50%', '42%'],
      label: { show: !mobile, formatter: '{b}\n{c}' },
      data: b.byCategory.filter((c) => c.count > 0).map((c) => ({ name: c.name, value: c.count })),
    },
  ],
});

/** The period's violations by severity (the tenant's names), members and other workers stacked. */
export const severityChart = (b: SafetyBoard): EChartOption => ({
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend: { bottom: 0 },
  grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
  xAxis: { type: 'category', data: b.bySeverity.map((c) => c.name), axisLabel: { interval: 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    {
      name: '党员',
      type: 'bar',
      stack: 's',
      barMaxWidth: 40,
      data: b.bySeverity.map((c) => c.memberCount),
      color: MEMBER,
    },
    {
      name: '非党员职工',
      type: 'bar',
      stack: 's',
      barMaxWidth: 40,
      data: b.bySeverity.map((c) => c.count - c.memberCount),
      color: OTHERS,
    },
  ],
});

/** What needs chasing, as one chart: flagged branches (answered or not), overdue talks and follow-ups. */
export function alertsChart(b: SafetyBoard): EChartOption {
  const rows = [
    { name: '需剖析支部', value: b.flagged.length, color: '#fa8c16' },
    { name: '其中未剖析', value: b.flaggedWithoutAnalysis.length, color: '#cf1322' },
    { name: '逾期未谈话', value: b.counts.overdueTalks, color: '#cf1322' },
    { name: '帮教逾期', value: b.counts.weakFollowupsOverdue, color: '#cf1322' },
    { name: '待列入包保', value: b.counts.weakUncovered, color: '#fa8c16' },
  ].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        name: '数量',
        barMaxWidth: 22,
        label: { show: true, position: 'right' },
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.color } })),
      },
    ],
  };
}
