import { WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api } from '../../../web/api';
import { EChart, type EChartOption } from '../../../web/components/EChart';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { today } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import { type Board, type BranchStat, rateText } from './model';

export default function SafetyBoard() {
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgs = useOrgs();
  const orgId = params.get('orgId') ?? undefined;
  const thisYear = today().year();
  const year = Number(params.get('year') ?? thisYear) || thisYear;
  const month = Number(params.get('month')) || undefined;
  const board = useQuery({
    queryKey: ['safety', 'board', orgId, year, month],
    queryFn: () => api<Board>('/safety/board', { query: { orgId, year, month } }),
  });
  const periodLabel = month ? `${year}年${month}月` : `${year}年`;
  const monthRange = month
    ? `&from=${year}-${String(month).padStart(2, '0')}-01&to=${today()
        .year(year)
        .month(month - 1)
        .endOf('month')
        .format('YYYY-MM-DD')}`
    : `&year=${year}`;
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const b = board.data;
  const trend: EChartOption | null = useMemo(
    () =>
      b
        ? {
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 32, right: 12, top: 16, bottom: 48 },
            xAxis: { type: 'category', data: b.trend.map((t) => `${Number(t.month.slice(5))}月`) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                name: '党员',
                type: 'bar',
                stack: 'v',
                data: b.trend.map((t) => t.memberViolations),
                color: '#c41d1d',
              },
              {
                name: '非党员职工',
                type: 'bar',
                stack: 'v',
                data: b.trend.map((t) => t.violations - t.memberViolations),
                color: '#f0a020',
              },
            ],
          }
        : null,
    [b],
  );
  const categories: EChartOption | null = useMemo(
    () =>
      b
        ? {
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
          }
        : null,
    [b, mobile],
  );

  const severities: EChartOption | null = useMemo(
    () =>
      b
        ? {
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
                color: '#c41d1d',
              },
              {
                name: '非党员职工',
                type: 'bar',
                stack: 's',
                barMaxWidth: 40,
                data: b.bySeverity.map((c) => c.count - c.memberCount),
                color: '#f0a020',
              },
            ],
          }
        : null,
    [b],
  );
  // What needs chasing, as one chart: flagged branches (answered or not), overdue talks and follow-ups.
  const alerts: EChartOption | null = useMemo(() => {
    if (!b) return null;
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
  }, [b]);
  const missing = b ? b.items.filter((i) => i.flagged && !i.analysis) : [];

  const columns: ColumnsType<BranchStat> = [
    {
      title: '党支部',
      dataIndex: 'orgName',
      render: (v: string, r) => (
        <Flex gap={4} wrap>
          <Link to={`/safety/violations?orgId=${r.orgId}${monthRange}`}>{v}</Link>
          {r.flagged &&
            (r.analysis ? (
              <Link to={`/safety/analyses/${r.analysis.id}`}>
                <Tag color={r.analysis.status === 'closed' ? 'green' : 'blue'}>
                  {r.analysis.status === 'closed' ? '剖析已闭环' : '剖析整改中'}
                </Tag>
              </Link>
            ) : (
              <Link to={`/safety/analyses?orgId=${r.orgId}`}>
                <Tag color="red">需剖析·未填写</Tag>
              </Link>
            ))}
        </Flex>
      ),
    },
    { title: '党总支', dataIndex: 'parentName', responsive: ['lg'], ellipsis: true },
    { title: '职工', dataIndex: 'employees', width: 70, align: 'right' },
    { title: '党员', dataIndex: 'members', width: 70, align: 'right', responsive: ['md'] },
    {
      title: '违章违纪',
      dataIndex: 'violations',
      width: 90,
      align: 'right',
      sorter: (a, c) => a.violations - c.violations,
    },
    { title: '其中党员', dataIndex: 'memberViolations', width: 90, align: 'right', responsive: ['md'] },
    {
      title: '百人违章率',
      dataIndex: 'rate',
      width: 100,
      align: 'right',
      render: rateText,
      sorter: (a, c) => (a.rate ?? -1) - (c.rate ?? -1),
    },
    {
      title: '党员百人率',
      dataIndex: 'memberRate',
      width: 100,
      align: 'right',
      render: rateText,
      sorter: (a, c) => (a.memberRate ?? -1) - (c.memberRate ?? -1),
      defaultSortOrder: 'descend',
    },
    {
      title: '非党员百人率',
      dataIndex: 'nonMemberRate',
      width: 110,
      align: 'right',
      render: rateText,
      responsive: ['md'],
    },
  ];

  return (
    <Page
      title="安全分析看板"
      extra={
        <>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="范围（默认全部管辖）"
            style={{ width: mobile ? '100%' : 240 }}
            treeData={orgSelectTree((orgs.data ?? []).filter((o) => o.type !== 'party_group'))}
            value={orgs.data ? orgId : undefined}
            onChange={(v) => set('orgId', v)}
          />
          <Select
            value={year}
            style={{ width: 110 }}
            onChange={(v) => set('year', String(v))}
            options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年` }))}
          />
          <Select
            value={month ?? 0}
            style={{ width: 100 }}
            aria-label="月份"
            onChange={(v) => set('month', v ? String(v) : undefined)}
            options={[
              { value: 0, label: '全年' },
              ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` })),
            ]}
          />
          <Button type="primary" onClick={() => navigate('/safety/violations/new')}>
            录入违章违纪
          </Button>
        </>
      }
    >
      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        <Alert type="error" title={(board.error as Error).message} />
      ) : (
        b && (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              {b.org.name}·{periodLabel}
              {b.period.elapsedMonths < (month ? 1 : 12)
                ? `（已过 ${b.period.elapsedMonths.toFixed(1)} 个月，按已过时间折算全年）`
                : ''}
              ；党员违章违纪折合每百名党员每年超过 {b.threshold} 件、且不少于 {b.flagMinViolations}{' '}
              件的支部标记为“需剖析”。
            </Typography.Text>
            <Row gutter={[12, 12]}>
              {[
                ['违章违纪（件）', b.totals.violations],
                ['百人违章率', rateText(b.totals.rate)],
                ['党员百人率', rateText(b.totals.memberRate)],
                ['非党员百人率', rateText(b.totals.nonMemberRate)],
                ['需剖析支部', b.flagged.length],
                ['逾期未谈话', b.counts.overdueTalks],
                ['包保中薄弱人', b.counts.weakActive],
                ['帮教逾期', b.counts.weakFollowupsOverdue],
                ['待列入包保', b.counts.weakUncovered],
                [
                  month ? '本月转化' : '本年转化',
                  `${b.counts.weakImproved}/${b.counts.weakImproved + b.counts.weakNotImproved}`,
                ],
                ['未结剖析', b.counts.analysesOpen],
                ['在攻项目', b.counts.projectsActive],
              ].map(([label, value]) => (
                <Col key={label} xs={12} md={6} xl={4}>
                  <Card size="small">
                    <Statistic
                      title={label}
                      value={value}
                      styles={{
                        content: {
                          color:
                            (label === '逾期未谈话' || label === '帮教逾期' || label === '需剖析支部') &&
                            Number(value) > 0
                              ? '#cf1322'
                              : undefined,
                        },
                      }}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={14}>
                <Card size="small" title={`月度趋势（${year}年）`}>
                  {trend && <EChart option={trend} height={mobile ? 220 : 280} />}
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card size="small" title={`违章类别（${periodLabel}）`}>
                  {b.totals.violations === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期没有违章违纪" />
                  ) : (
                    categories && <EChart option={categories} height={mobile ? 260 : 280} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card size="small" title={`严重程度（${periodLabel}）`}>
                  {b.totals.violations === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期没有违章违纪" />
                  ) : (
                    severities && <EChart option={severities} height={mobile ? 220 : 260} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={14}>
                <Card size="small" title="预警与逾期">
                  {alerts && <EChart option={alerts} height={mobile ? 220 : 260} />}
                </Card>
              </Col>
            </Row>
            {missing.length > 0 && (
              <Card
                size="small"
                title={
                  <span>
                    <WarningOutlined style={{ color: '#cf1322' }} /> 违章率超出阈值、尚未剖析的支部
                  </span>
                }
                extra={<Link to="/safety/analyses">剖析列表</Link>}
              >
                <List
                  size="small"
                  dataSource={missing}
                  renderItem={(m) => (
                    <List.Item>
                      <Flex justify="space-between" style={{ width: '100%' }} wrap gap={4}>
                        <Link to={`/safety/violations?orgId=${m.orgId}${monthRange}`}>{m.orgName}</Link>
                        <Typography.Text type="danger">
                          党员 {m.memberViolations} 件·每百名党员每年 {rateText(m.memberRateYearly)} 件
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            {b.overdueTalks.length > 0 && (
              <Card
                size="small"
                title={
                  <span>
                    <WarningOutlined style={{ color: '#cf1322' }} /> 逾期未完成的两违谈话
                  </span>
                }
                extra={<Link to="/talks?status=overdue">全部</Link>}
              >
                <List
                  size="small"
                  dataSource={b.overdueTalks}
                  renderItem={(o) => (
                    <List.Item>
                      <Flex justify="space-between" style={{ width: '100%' }} wrap gap={4}>
                        <span>
                          {o.personName}·{o.orgName}
                        </span>
                        <Typography.Text type="danger">应于 {o.dueOn} 前谈话</Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <Card size="small" title={`各党支部违章情况（${periodLabel}，点左侧 + 看类别）`}>
              <Table
                rowKey="orgId"
                size="small"
                columns={columns}
                dataSource={b.items}
                expandable={{
                  rowExpandable: (r) => r.violations > 0,
                  expandedRowRender: (r) => (
                    <Flex gap={6} wrap>
                      {(r.byCategory ?? []).map((c) => (
                        <Link
                          key={c.code}
                          to={`/safety/violations?orgId=${r.orgId}&category=${c.code}${monthRange}`}
                        >
                          <Tag color={c.memberCount > 0 ? 'red' : undefined}>
                            {c.name} {c.count} 件{c.memberCount > 0 ? `（党员 ${c.memberCount}）` : ''}
                          </Tag>
                        </Link>
                      ))}
                    </Flex>
                  ),
                }}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                scroll={{ x: mobile ? 560 : undefined }}
              />
            </Card>
          </Flex>
        )
      )}
    </Page>
  );
}
