import { WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
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
import { api } from '../../../web/api';
import { EChart, type EChartOption } from '../../../web/components/EChart';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { today } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import { type Board, type BranchStat, rateText } from './model';

export default function SafetyBoard() {
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgs = useOrgs();
  const orgId = params.get('orgId') ?? undefined;
  const thisYear = today().year();
  const year = Number(params.get('year') ?? thisYear) || thisYear;
  const board = useQuery({
    queryKey: ['safety', 'board', orgId, year],
    queryFn: () => api<Board>('/safety/board', { query: { orgId, year } }),
  });
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

  const columns: ColumnsType<BranchStat> = [
    {
      title: '党支部',
      dataIndex: 'orgName',
      render: (v: string, r) => (
        <Flex gap={4} wrap>
          <Link to={`/safety/violations?orgId=${r.orgId}&year=${year}`}>{v}</Link>
          {r.flagged && (
            <Link to={`/safety/analyses?orgId=${r.orgId}`}>
              <Tag color="red">需剖析</Tag>
            </Link>
          )}
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
              {b.org.name}·{b.period.year}年；党员违章违纪折合每百名党员每年超过 {b.threshold} 件、且不少于{' '}
              {b.flagMinViolations} 件的支部标记为“需剖析”。
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
                ['本年转化', `${b.counts.weakImproved}/${b.counts.weakImproved + b.counts.weakNotImproved}`],
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
                <Card size="small" title="月度趋势">
                  {trend && <EChart option={trend} height={mobile ? 220 : 280} />}
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card size="small" title="违章类别">
                  {categories && <EChart option={categories} height={mobile ? 260 : 280} />}
                </Card>
              </Col>
            </Row>
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
            <Card size="small" title="各党支部违章情况">
              <Table
                rowKey="orgId"
                size="small"
                columns={columns}
                dataSource={b.items}
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
