import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Flex, Row, Segmented, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { fromDateString, toDateString } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type {
  RectCountsAnswer,
  RectificationItem,
  RectificationLedger,
  RectificationList,
} from '../contract';
import { RECT_STATUS_LABELS, RECT_STATUSES } from '../rules';
import { DueTag, RectTag } from './parts';

const columns: ResponsiveColumn<RectificationItem>[] = [
  {
    title: '检查项目',
    dataIndex: 'item',
    width: 190,
    mobile: 'title',
    render: (v: string, r) => <Link to={`/rectifications/${r.id}`}>{v}</Link>,
  },
  {
    title: '状态',
    dataIndex: 'status',
    width: 170,
    mobile: 'extra',
    render: (_: unknown, r) => (
      <Flex gap={4} wrap>
        <RectTag status={r.status} />
        {(r.status === 'open' || r.status === 'overdue') && (
          <DueTag rectifyBy={r.rectifyBy} urgency={r.urgency} />
        )}
      </Flex>
    ),
  },
  { title: '整改要求', dataIndex: 'requirement', ellipsis: true, mobile: 'line' },
  { title: '党支部', dataIndex: 'orgName', width: 190, ellipsis: true, mobile: 'meta' },
  { title: '整改期限', dataIndex: 'rectifyBy', width: 110, mobile: 'hidden' },
  { title: '检查', dataIndex: 'inspectionTitle', width: 200, ellipsis: true, mobile: 'meta' },
];

/** A list of rectifications for a query (a status, an inspection, a branch), each opening its page. */
export function RectificationTable({
  query,
  empty,
  onPageChange,
}: {
  query: Record<string, string | number | boolean | string[]>;
  empty: string;
  onPageChange?: (page: number, size: number) => void;
}) {
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ['rectifications', 'list', query],
    queryFn: () => api<RectificationList>('/rectifications', { query }),
    placeholderData: keepPreviousData,
  });
  return (
    <ResponsiveList
      rowKey="id"
      columns={columns}
      items={list.data?.items}
      total={list.data?.total}
      loading={list.isFetching}
      page={Number(query.page ?? 1)}
      pageSize={Number(query.pageSize ?? 20)}
      onPageChange={onPageChange}
      error={list.error}
      onRetry={() => list.refetch()}
      empty={empty}
      onOpen={(r) => navigate(`/rectifications/${r.id}`)}
    />
  );
}

const countColumns = <T extends { counts: RectCountsAnswer }>(): ColumnsType<T> => [
  { title: '合计', dataIndex: ['counts', 'total'], width: 70 },
  { title: '待整改', dataIndex: ['counts', 'open'], width: 70 },
  {
    title: '已逾期',
    dataIndex: ['counts', 'overdue'],
    width: 70,
    render: (n: number) =>
      n ? (
        <Typography.Text type="danger" strong>
          {n}
        </Typography.Text>
      ) : (
        0
      ),
  },
  { title: '待验收', dataIndex: ['counts', 'answered'], width: 70 },
  { title: '已销号', dataIndex: ['counts', 'closed'], width: 70 },
];
type ByItem = RectificationLedger['byItem'][number];
type ByOrg = RectificationLedger['byOrg'][number];

function Totals({ t }: { t: RectCountsAnswer }) {
  const cells: [string, number, string?][] = [
    ['整改事项', t.total],
    ['待整改', t.open],
    ['已逾期', t.overdue, '#cf1322'],
    ['待验收', t.answered],
    ['已销号', t.closed, '#389e0d'],
  ];
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      {cells.map(([label, value, color]) => (
        <Col key={label} xs={8} sm={8} md={4}>
          <Card size="small">
            <Statistic
              title={label}
              value={value}
              valueStyle={{ color: value && color ? color : undefined, fontSize: 22 }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 整改台账: a scope and period's rectifications by status, by check item and by branch, with the Excel file. */
export default function Rectifications() {
  const mobile = useIsMobile();
  const year = String(new Date().getFullYear());
  const { filters, setFilters, page, pageSize, setPage, query, active } = useUrlFilters({
    orgId: undefined as string | undefined,
    status: undefined as string | undefined,
    from: `${year}-01-01`,
    to: undefined as string | undefined,
  });
  const ledgerQuery = { orgId: filters.orgId, from: filters.from, to: filters.to };
  const ledger = useQuery({
    queryKey: ['rectifications', 'ledger', ledgerQuery],
    queryFn: () => api<RectificationLedger>('/rectifications/ledger', { query: ledgerQuery }),
    placeholderData: keepPreviousData,
  });
  const l = ledger.data;
  const { page: _p, pageSize: _s, ...exportQuery } = query;
  return (
    <Page
      extra={
        <ExportButton
          path="/rectifications/export"
          query={exportQuery}
          label="导出整改台账"
          filename="整改台账.xlsx"
        />
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <OrgTreeSelect
            placeholder="组织（含下级）"
            value={filters.orgId}
            onChange={(orgId) => setFilters({ orgId })}
            prefillSingle={false}
            style={{ width: mobile ? '100%' : 240 }}
          />
          <DatePicker.RangePicker
            inputReadOnly
            style={{ width: mobile ? '100%' : 260 }}
            value={[fromDateString(filters.from), fromDateString(filters.to)]}
            onChange={(r) =>
              setFilters({ from: toDateString(r?.[0]) ?? undefined, to: toDateString(r?.[1]) ?? undefined })
            }
          />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            按发现日期统计
          </Typography.Text>
        </Flex>
      </Card>
      {l && <Totals t={l.totals} />}
      {l && (l.byItem.length > 0 || l.byOrg.length > 1) && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={24} lg={12}>
            <Card size="small" title="按检查项目">
              <Table
                rowKey="item"
                size="small"
                pagination={false}
                scroll={{ x: 480 }}
                dataSource={l.byItem}
                columns={[
                  { title: '检查项目', dataIndex: 'item', ellipsis: true },
                  ...countColumns<ByItem>(),
                ]}
              />
            </Card>
          </Col>
          {l.byOrg.length > 1 && (
            <Col xs={24} lg={12}>
              <Card size="small" title="按党支部（逾期多的在前）">
                <Table
                  rowKey="orgId"
                  size="small"
                  pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
                  scroll={{ x: 480 }}
                  dataSource={l.byOrg}
                  columns={[
                    {
                      title: '党支部',
                      dataIndex: 'orgName',
                      ellipsis: true,
                      render: (v: string, r: ByOrg) => (
                        <Button
                          type="link"
                          size="small"
                          style={{ padding: 0, height: 'auto' }}
                          onClick={() => setFilters({ orgId: r.orgId })}
                        >
                          {v}
                        </Button>
                      ),
                    },
                    ...countColumns<ByOrg>(),
                  ]}
                />
              </Card>
            </Col>
          )}
        </Row>
      )}
      <Card size="small" title="整改事项">
        <Segmented
          style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
          value={filters.status ?? 'all'}
          onChange={(v) => setFilters({ status: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: '全部' },
            ...RECT_STATUSES.map((s) => ({ value: s, label: RECT_STATUS_LABELS[s] })),
          ]}
        />
        <RectificationTable
          query={{ ...query, page, pageSize }}
          onPageChange={setPage}
          empty={active ? '没有符合条件的整改事项' : '范围内没有整改事项'}
        />
      </Card>
    </Page>
  );
}
