import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { EChart, type EChartOption } from '../../../web/components/EChart';
import { Loading } from '../../../web/components/Loading';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { HoursList, LevelRow, TrainingStats } from '../contract';
import { ABILITY, hoursText, percent, SOURCE_COLORS } from './model';
import { HoursTable, YearSelect } from './parts';

function Chart({
  title,
  option,
  height,
  empty,
}: {
  title: string;
  option: EChartOption;
  height: number;
  empty?: boolean;
}) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度还没有学时记录" />
      ) : (
        // The shared chart loads ECharts only when the chart nears the screen.
        <EChart option={option} height={height} />
      )}
    </Card>
  );
}

function charts(s: TrainingStats, mobile: boolean) {
  const kinds = ['class', 'meeting', 'content', 'import'] as const;
  const labels = Object.fromEntries(s.bySource.map((b) => [b.kind, b.label]));
  const kids = [...s.children].reverse();
  return {
    sources: {
      tooltip: { trigger: 'item', formatter: '{b}：{c} 学时（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['38%', '64%'],
          center: ['50%', '44%'],
          label: { show: !mobile, formatter: '{b}\n{d}%' },
          data: s.bySource.map((b) => ({
            name: b.label,
            value: b.hours,
            itemStyle: { color: SOURCE_COLORS[b.kind] },
          })),
        },
      ],
    } satisfies EChartOption,
    months: {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: s.byMonth.map((m) => `${Number(m.month.slice(5))}月`) },
      yAxis: { type: 'value' },
      series: kinds.map((k) => ({
        name: labels[k],
        type: 'bar' as const,
        stack: 'h',
        color: SOURCE_COLORS[k],
        data: s.byMonth.map((m) => m[k]),
      })),
    } satisfies EChartOption,
    childrenHeight: Math.max(220, kids.length * 30 + 70),
    children: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        data: kids.map((c) => c.name),
        axisLabel: { width: mobile ? 90 : 150, overflow: 'truncate', fontSize: 11 },
      },
      series: [
        {
          type: 'bar',
          name: '人均学时',
          color: '#c8102e',
          barMaxWidth: 12,
          data: kids.map((c) => c.avgHours),
        },
        {
          type: 'bar',
          name: '达标人数占比（%）',
          color: '#f5a623',
          barMaxWidth: 12,
          data: kids.map((c) => {
            const counted = c.members - c.counts.exempt;
            return counted ? Math.round((100 * c.counts.done) / counted) : 0;
          }),
        },
      ],
    } satisfies EChartOption,
  };
}

function Figures({ s }: { s: TrainingStats }) {
  const t = s.totals;
  const counted = t.members - t.counts.exempt;
  const items = [
    { title: '党员', value: t.members, suffix: '人' },
    { title: '已达标（人）', value: t.counts.done, suffix: `/ ${counted.toLocaleString('zh-CN')}` },
    { title: '进度落后', value: t.counts.behind, suffix: '人', danger: t.counts.behind > 0 },
    { title: '免于要求', value: t.counts.exempt, suffix: '人' },
    { title: '人均学时', value: hoursText(t.avgHours), suffix: `/ ${s.target}` },
    { title: '必学完成率', value: percent(t.requiredRate) },
    { title: '测试通过率', value: percent(t.quizPassRate) },
    { title: '培训出勤率', value: percent(t.attendanceRate) },
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col key={i.title} xs={12} sm={8} xl={3}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={i.title}
              value={i.value}
              suffix={i.suffix}
              styles={{ content: i.danger ? { color: '#cf1322' } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function ChildrenTable({ rows, onOpen }: { rows: LevelRow[]; onOpen: (r: LevelRow) => void }) {
  return (
    <Table<LevelRow>
      size="small"
      rowKey="orgId"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 860 }}
      onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: '组织',
          dataIndex: 'name',
          fixed: 'left',
          render: (v: string) => <Typography.Link>{v}</Typography.Link>,
        },
        { title: '党员', dataIndex: 'members', width: 64, align: 'right' },
        { title: '人均学时', dataIndex: 'avgHours', width: 84, align: 'right', render: hoursText },
        { title: '已达标', width: 72, align: 'right', render: (_, r) => r.counts.done },
        {
          title: '落后',
          width: 64,
          align: 'right',
          render: (_, r) => (r.counts.behind ? <Tag color="red">{r.counts.behind}</Tag> : 0),
        },
        { title: '免于要求', width: 80, align: 'right', render: (_, r) => r.counts.exempt },
        { title: '学时合计', dataIndex: 'hours', width: 88, align: 'right', render: hoursText },
        { title: '必学完成', dataIndex: 'requiredRate', width: 84, align: 'right', render: percent },
        { title: '测试通过', dataIndex: 'quizPassRate', width: 84, align: 'right', render: percent },
        { title: '培训出勤', dataIndex: 'attendanceRate', width: 84, align: 'right', render: percent },
      ]}
    />
  );
}

/** A branch: its members with their hours (the drill-down's last step before a person). */
function BranchMembers({ orgId, year }: { orgId: string; year: number }) {
  const list = useQuery({
    queryKey: ['training', 'hours', 'branch', orgId, year],
    queryFn: () => api<HoursList>('/training/hours', { query: { orgId, year, pageSize: 200 } }),
  });
  return (
    <Card size="small" title="本支部党员学时（点姓名看明细）">
      <HoursTable items={list.data?.items} loading={list.isFetching} year={year} empty="本支部还没有党员" />
    </Card>
  );
}

export default function TrainingHome() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const year = Number(params.get('year')) || today().year();
  const stats = useQuery({
    queryKey: ['training', 'stats', orgId ?? null, year],
    queryFn: () => api<TrainingStats>('/training/stats', { query: { orgId, year } }),
  });
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const s = stats.data;
  const option = useMemo(() => (s ? charts(s, mobile) : null), [s, mobile]);
  const noHours = !!s && s.bySource.every((b) => b.hours === 0);
  return (
    <Page
      title="培训统计"
      extra={
        <>
          <OrgTreeSelect
            placeholder="范围（默认全部管辖）"
            prefillSingle={false}
            style={{ width: mobile ? '100%' : 240 }}
            value={orgId}
            onChange={(v) => set('orgId', v)}
            filter={(o) => o.type !== 'party_group'}
          />
          <YearSelect value={year} onChange={(y) => set('year', String(y))} />
          {can(me, ABILITY.ledger) && (
            <Button onClick={() => navigate(`/training/hours?${orgId ? `orgId=${orgId}&` : ''}year=${year}`)}>
              学时台账
            </Button>
          )}
        </>
      }
    >
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <Alert type="error" showIcon title={(stats.error as Error).message} />
      ) : (
        s &&
        option && (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              {s.org.name} · {s.year}年 · 每名党员每年 {s.target} 学时
              {s.monthsLeft > 0 && s.monthsLeft < 12 ? ` · 距年底还有 ${s.monthsLeft} 个月（含本月）` : ''}
              。学时来自培训班次、组织生活（党课等）、网上学习和导入的学习强国/网络学院统计，按发生时所在支部统计。
            </Typography.Text>
            <Figures s={s} />
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={9}>
                <Chart
                  title="学时来源构成"
                  option={option.sources}
                  height={mobile ? 240 : 280}
                  empty={noHours}
                />
              </Col>
              <Col xs={24} lg={15}>
                <Chart
                  title={`月度学时（${s.year}年）`}
                  option={option.months}
                  height={mobile ? 240 : 280}
                  empty={noHours}
                />
              </Col>
              {s.children.length > 1 && (
                <Col xs={24}>
                  <Chart
                    title="下级组织人均学时与达标情况"
                    option={option.children}
                    height={option.childrenHeight}
                  />
                </Col>
              )}
            </Row>
            {s.children.length > 0 ? (
              <Card size="small" title="下级组织（点击查看下一级，直至党员个人）">
                <ChildrenTable rows={s.children} onOpen={(r) => set('orgId', r.orgId)} />
              </Card>
            ) : (
              <BranchMembers orgId={s.org.id} year={year} />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              “落后”指学时低于按已过月份折算的目标；免于要求的党员（年老体弱、长期患病）单列，不计入达标率。
              <Link to="/training/classes">培训班次</Link> · <Link to="/training/contents">网上学习</Link> ·{' '}
              <Link to="/training/quizzes">在线测试</Link>
            </Typography.Text>
          </Flex>
        )
      )}
    </Page>
  );
}
