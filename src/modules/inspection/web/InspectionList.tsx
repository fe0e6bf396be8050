import { PlusOutlined, ProfileOutlined, TableOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Select, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { InspectionItem, InspectionList as ListPage, RectificationLedger } from '../contract';

/** The rectifications of the caller's scope this year, each figure a link to the list behind it. */
export function RectSummary() {
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['rectifications', 'ledger', 'summary'],
    queryFn: () => api<RectificationLedger>('/rectifications/ledger'),
  });
  const t = q.data?.totals;
  const cells: [string, number | undefined, string, string?][] = [
    ['待整改', t?.open, 'open'],
    ['已逾期', t?.overdue, 'overdue', '#cf1322'],
    ['待验收', t?.answered, 'answered'],
    ['已销号', t?.closed, 'closed', '#389e0d'],
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {cells.map(([label, value, status, color]) => (
        <Col key={status} xs={12} md={6}>
          <Card
            size="small"
            hoverable
            loading={q.isPending}
            onClick={() => navigate(`/rectifications?status=${status}`)}
            style={{ borderColor: status === 'overdue' && value ? '#ffa39e' : undefined }}
          >
            <Statistic
              title={`整改事项·${label}`}
              value={value ?? 0}
              valueStyle={{ color: value ? color : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

const columns: ResponsiveColumn<InspectionItem>[] = [
  {
    title: '检查',
    dataIndex: 'title',
    mobile: 'title',
    render: (v: string, i) => <Link to={`/inspections/${i.id}`}>{v}</Link>,
  },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    width: 90,
    mobile: 'extra',
    render: (v: string, i) => <Tag color={i.status === 'open' ? 'processing' : 'default'}>{v}</Tag>,
  },
  { title: '被检查党支部', dataIndex: 'orgName', ellipsis: true, mobile: 'meta' },
  { title: '检查组织', dataIndex: 'inspectorOrgName', width: 150, ellipsis: true, mobile: 'meta' },
  { title: '方式', dataIndex: 'modeLabel', width: 90, mobile: 'meta' },
  { title: '日期', dataIndex: 'inspectedOn', width: 110, mobile: 'meta' },
  {
    title: '发现/问题',
    key: 'f',
    width: 100,
    mobile: 'hidden',
    render: (_: unknown, i) => `${i.findings} / ${i.problems}`,
  },
  {
    title: '整改',
    key: 'r',
    width: 200,
    mobile: 'line',
    render: (_: unknown, i) =>
      i.rectifications.total === 0 ? (
        '—'
      ) : (
        <Flex gap={8} wrap style={{ fontSize: 13 }}>
          <span>共 {i.rectifications.total}</span>
          <span>已销号 {i.rectifications.closed}</span>
          {i.rectifications.overdue > 0 && (
            <Typography.Text type="danger" strong style={{ fontSize: 13 }}>
              逾期 {i.rectifications.overdue}
            </Typography.Text>
          )}
        </Flex>
      ),
  },
];

export default function InspectionList() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { filters, setFilters, page, pageSize, setPage, query, active } = useUrlFilters({
    orgId: undefined as string | undefined,
    status: undefined as string | undefined,
  });
  const list = useQuery({
    queryKey: ['inspections', 'list', query],
    queryFn: () => api<ListPage>('/inspections', { query }),
    placeholderData: keepPreviousData,
  });
  const inspector = can(me, 'inspection.inspect') && (list.data?.inspectors.length ?? 0) > 0;
  return (
    <Page
      extra={
        <>
          <Button icon={<TableOutlined />} onClick={() => navigate('/rectifications')}>
            整改台账
          </Button>
          <Button icon={<ProfileOutlined />} onClick={() => navigate('/inspections/checklists')}>
            检查清单
          </Button>
          {inspector && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inspections/new')}>
              开展检查
            </Button>
          )}
        </>
      }
    >
      <RectSummary />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <OrgTreeSelect
            placeholder="组织（含下级）"
            value={filters.orgId}
            onChange={(orgId) => setFilters({ orgId })}
            prefillSingle={false}
            style={{ width: mobile ? '100%' : 240 }}
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: mobile ? '100%' : 140 }}
            value={filters.status}
            onChange={(status) => setFilters({ status })}
            options={[
              { value: 'open', label: '检查中' },
              { value: 'completed', label: '已完成' },
            ]}
          />
        </Flex>
      </Card>
      <ResponsiveList
        rowKey="id"
        columns={columns}
        {...pagedListProps(list, { page, pageSize, setPage })}
        empty={active ? '没有符合条件的检查，请调整筛选条件' : '范围内还没有检查'}
        onOpen={(i) => navigate(`/inspections/${i.id}`)}
      />
    </Page>
  );
}
