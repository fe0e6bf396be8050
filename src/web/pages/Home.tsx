import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { EChart, type EChartOption } from '../components/EChart';
import { LazyOrgTreeSelect } from '../components/LazyOrgTreeSelect';
import { Loading } from '../components/Loading';
import { useOrgOptions } from '../components/orgOptions';
import { Page } from '../components/Page';
import { PageMetaContext } from '../nav';
import { useMe } from '../session';
import { HomeCards } from './HomeCards';
import { HomeTodo } from './HomeTodo';

/** A member's own record: only members' home pages load it (with the people pages' parts it uses). */
const MyRecord = lazy(() => import('../../kernel/people/web/MyRecord'));

interface Stats {
  employees: number;
  members: number;
  byStatus: { status: string; label: string; count: number }[];
  byAgeBand: { band: string; count: number }[];
  byPartyAge: { band: string; count: number }[];
  byGeneralBranch: { orgId: string; name: string; members: number; employees: number }[];
}

const PALETTE = ['#c8102e', '#f5a623', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96'];
const STATUS_COLORS: Record<string, string> = {
  masses: '#bfbfbf',
  applicant: '#13c2c2',
  activist: '#1677ff',
  candidate: '#722ed1',
  probationary: '#f5a623',
  full: '#c8102e',
};

const barOption = (rows: { band: string; count: number }[], color: string): EChartOption => ({
  color: [color],
  tooltip: { trigger: 'axis' },
  grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
  xAxis: { type: 'category', data: rows.map((r) => r.band), axisLabel: { interval: 0, fontSize: 11 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', name: '人数', data: rows.map((r) => r.count), barMaxWidth: 36 }],
});

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      {empty ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="所选范围内暂无数据"
          style={{ padding: 40 }}
        />
      ) : (
        children
      )}
    </Card>
  );
}

/** The dashboard's chart options, from the statistics. */
function chartsOf(s: Stats) {
  const statusRows = s.byStatus.filter((b) => b.count > 0);
  const gb = [...s.byGeneralBranch].reverse();
  return {
    statusEmpty: statusRows.length === 0,
    status: {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      legend: {
        bottom: 0,
        itemWidth: 12,
        itemHeight: 12,
        formatter: (name: string) => `${name} ${statusRows.find((b) => b.label === name)?.count ?? ''}`,
      },
      series: [
        {
          type: 'pie',
          radius: ['36%', '62%'],
          center: ['50%', '40%'],
          label: {
            position: 'inside',
            color: '#fff',
            fontSize: 11,
            formatter: (p: { percent?: number }) =>
              (p.percent ?? 0) >= 6 ? `${Math.round(p.percent ?? 0)}%` : '',
          },
          data: statusRows.map((b) => ({
            name: b.label,
            value: b.count,
            itemStyle: { color: STATUS_COLORS[b.status] },
          })),
        },
      ],
    } satisfies EChartOption,
    ageEmpty: s.byAgeBand.every((b) => b.count === 0),
    age: barOption(s.byAgeBand, '#c8102e'),
    partyAgeEmpty: s.byPartyAge.every((b) => b.count === 0),
    partyAge: barOption(s.byPartyAge, '#f5a623'),
    gbHeight: Math.max(200, gb.length * 34 + 60),
    gb: {
      color: ['#c8102e', '#ffccc7'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: gb.map((g) => g.name),
        axisLabel: { width: 120, overflow: 'truncate', fontSize: 11 },
      },
      series: [
        { type: 'bar', name: '党员', data: gb.map((g) => g.members), barMaxWidth: 14 },
        { type: 'bar', name: '职工', data: gb.map((g) => g.employees), barMaxWidth: 14 },
      ],
    } satisfies EChartOption,
  };
}

/** The headline counts, each opening its list (people lists narrowed to the chosen scope). */
function StatCards({
  s,
  branches,
  warned,
  orgId,
}: {
  s: Stats;
  branches: number;
  warned: number;
  orgId: string | undefined;
}) {
  const count = (status: string) => s.byStatus.find((b) => b.status === status)?.count ?? 0;
  return (
    <Row gutter={[12, 12]}>
      {[
        { title: '在册职工', value: s.employees, link: '/people' },
        { title: '党员', value: s.members, link: '/people?partyStatus=probationary,full' },
        { title: '正式党员', value: count('full'), link: '/people?partyStatus=full' },
        { title: '预备党员', value: count('probationary'), link: '/people?partyStatus=probationary' },
        {
          title: '积极分子/发展对象',
          value: count('activist') + count('candidate'),
          link: '/people?partyStatus=activist,candidate',
        },
        {
          title: '党支部',
          value: branches,
          link: '/orgs',
          unit: '个',
          suffix: warned ? `（${warned} 个需关注）` : '',
        },
      ].map((c) => (
        <Col key={c.title} xs={12} sm={8} xl={4}>
          <Link
            to={
              c.link.startsWith('/people') && orgId
                ? `${c.link}${c.link.includes('?') ? '&' : '?'}orgId=${orgId}`
                : c.link
            }
          >
            <Card size="small" hoverable style={{ height: '100%' }}>
              <Statistic title={c.title} value={c.value} suffix={c.unit ?? '人'} />
              {c.suffix && (
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {c.suffix}
                </Typography.Text>
              )}
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

function Dashboard() {
  const [orgId, setOrgId] = useState<string | undefined>();
  const orgs = useOrgOptions();
  const stats = useQuery({
    queryKey: ['people', 'stats', orgId ?? null],
    queryFn: () => api<Stats>('/people/stats', { query: { orgId } }),
  });
  const s = stats.data;
  const branches = (orgs.data ?? []).filter((o) => o.type === 'branch');
  const warned = branches.filter((o) => (o.warnings?.length ?? 0) > 0).length;

  const charts = useMemo(() => (s ? chartsOf(s) : null), [s]);

  return (
    <Page
      title="首页"
      extra={
        <LazyOrgTreeSelect
          placeholder="统计范围：全部"
          prefillSingle={false}
          style={{ width: 240, maxWidth: '100%' }}
          value={orgId}
          onChange={setOrgId}
        />
      }
    >
      {!s ? (
        stats.isPending ? (
          <Loading />
        ) : (
          <Empty description="统计数据加载失败，请稍后刷新重试" />
        )
      ) : (
        <Flex vertical gap={16}>
          {orgs.isSuccess && branches.length === 0 && s.employees === 0 && (
            <Alert
              type="info"
              showIcon
              title="开始使用：还没有党支部和人员"
              description={
                <span>
                  先在<Link to="/orgs">「组织」</Link>中建立党总支和党支部，再用
                  <Link to="/people/import">「名册导入」</Link>按模板导入职工和党员名册；之后的会议、谈话、
                  统计都从这些记录生成。
                </span>
              }
            />
          )}
          <HomeTodo />
          <HomeCards />
          <StatCards s={s} branches={branches.length} warned={warned} orgId={orgId} />
          {charts && (
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={8}>
                <ChartCard title="政治面貌构成" empty={charts.statusEmpty}>
                  <EChart option={charts.status} height={300} />
                </ChartCard>
              </Col>
              <Col xs={24} md={12} lg={8}>
                <ChartCard title="党员年龄结构" empty={charts.ageEmpty}>
                  <EChart option={charts.age} height={300} />
                </ChartCard>
              </Col>
              <Col xs={24} md={12} lg={8}>
                <ChartCard title="党龄结构（自转正起算）" empty={charts.partyAgeEmpty}>
                  <EChart option={charts.partyAge} height={300} />
                </ChartCard>
              </Col>
              {s.byGeneralBranch.length > 1 && (
                <Col xs={24}>
                  <ChartCard title="各党总支党员与职工人数" empty={false}>
                    <EChart option={charts.gb} height={charts.gbHeight} />
                  </ChartCard>
                </Col>
              )}
            </Row>
          )}
        </Flex>
      )}
    </Page>
  );
}

export default function Home() {
  const me = useMe();
  return me.scope.managesOrgs ? (
    <Dashboard />
  ) : (
    <Flex vertical gap={16}>
      {/* The member's record greets them by name ("您好，…") at the top, in place of the menu label. */}
      <PageMetaContext.Provider value={null}>
        <Suspense fallback={<Loading />}>
          <MyRecord />
        </Suspense>
      </PageMetaContext.Provider>
      <HomeTodo hideWhenEmpty />
      <HomeCards />
    </Flex>
  );
}
