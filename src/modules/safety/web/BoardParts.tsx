import { WarningOutlined } from '@ant-design/icons';
import { Card, Col, Flex, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { BranchStat, SafetyBoard } from '../contract';
import { rateText } from './model';

/** The board's figures; overdue and flagged counts turn red. */
export function BoardFigures({ b, month }: { b: SafetyBoard; month?: number }) {
  const red = new Set(['逾期未谈话', '帮教逾期', '需剖析支部']);
  const figures: [string, number | string][] = [
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
  ];
  return (
    <Row gutter={[12, 12]}>
      {figures.map(([label, value]) => (
        <Col key={label} xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic
              title={label}
              value={value}
              styles={{ content: { color: red.has(label) && Number(value) > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Flagged branches without an analysis: what the superior has to chase. */
export function MissingAnalyses({ items, monthRange }: { items: BranchStat[]; monthRange: string }) {
  if (!items.length) return null;
  return (
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
        dataSource={items}
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
  );
}

/** Talks after violations past their deadline, the first twenty. */
export function OverdueTalks({ items }: { items: SafetyBoard['overdueTalks'] }) {
  if (!items.length) return null;
  return (
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
        dataSource={items}
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
  );
}

function AnalysisTag({ r }: { r: BranchStat }) {
  if (!r.flagged) return null;
  if (!r.analysis)
    return (
      <Link to={`/safety/analyses?orgId=${r.orgId}`}>
        <Tag color="red">需剖析·未填写</Tag>
      </Link>
    );
  const closed = r.analysis.status === 'closed';
  return (
    <Link to={`/safety/analyses/${r.analysis.id}`}>
      <Tag color={closed ? 'green' : 'blue'}>{closed ? '剖析已闭环' : '剖析整改中'}</Tag>
    </Link>
  );
}

const rateColumn = (title: string, key: 'rate' | 'memberRate' | 'nonMemberRate', width: number) => ({
  title,
  dataIndex: key,
  width,
  align: 'right' as const,
  render: rateText,
  sorter: (a: BranchStat, c: BranchStat) => (a[key] ?? -1) - (c[key] ?? -1),
});

/** Every branch of the level with its counts and rates; a row opens to its categories. */
export function BranchTable({
  items,
  monthRange,
  mobile,
}: {
  items: BranchStat[];
  monthRange: string;
  mobile: boolean;
}) {
  const columns: ColumnsType<BranchStat> = [
    {
      title: '党支部',
      dataIndex: 'orgName',
      render: (v: string, r) => (
        <Flex gap={4} wrap>
          <Link to={`/safety/violations?orgId=${r.orgId}${monthRange}`}>{v}</Link>
          <AnalysisTag r={r} />
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
    rateColumn('百人违章率', 'rate', 100),
    { ...rateColumn('党员百人率', 'memberRate', 100), defaultSortOrder: 'descend' },
    { ...rateColumn('非党员百人率', 'nonMemberRate', 110), responsive: ['md'] },
  ];
  return (
    <Table
      rowKey="orgId"
      size="small"
      columns={columns}
      dataSource={items}
      expandable={{
        rowExpandable: (r) => r.violations > 0,
        expandedRowRender: (r) => (
          <Flex gap={6} wrap>
            {r.byCategory.map((c) => (
              <Link key={c.code} to={`/safety/violations?orgId=${r.orgId}&category=${c.code}${monthRange}`}>
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
  );
}
