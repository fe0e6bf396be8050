import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  List,
  Select,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api, download, showError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { dayjs, fromDateString, toDateString } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { Violation, ViolationList as ViolationPage } from '../contract';
import { ABILITY, TALK_STATUS } from './model';
import { useViolationMeta } from './useViolationMeta';

export function TalkStatusTag({ talk }: { talk: Violation['talk'] }) {
  if (!talk) return null;
  const s = TALK_STATUS[talk.status];
  return <Tag color={s.color}>{s.label}</Tag>;
}

const talkPath = (r: Violation) => `/talks/new?violationId=${r.id}&personId=${r.personId}`;

const columns: ColumnsType<Violation> = [
  { title: '日期', dataIndex: 'occurredOn', width: 110 },
  {
    title: '姓名',
    dataIndex: 'personName',
    width: 110,
    render: (v: string, r) => (
      <Flex gap={4}>
        <Link to={`/safety/violations/${r.id}`}>{v}</Link>
        {r.wasMember && <Tag color="red">党员</Tag>}
      </Flex>
    ),
  },
  { title: '党支部', dataIndex: 'orgName', ellipsis: true },
  { title: '岗位', dataIndex: 'post', width: 100, ellipsis: true, render: (v: string | null) => v ?? '—' },
  { title: '类型', dataIndex: 'kindLabel', width: 70 },
  { title: '类别', dataIndex: 'categoryName', ellipsis: true },
  { title: '等级', dataIndex: 'severityName', width: 110 },
  { title: '情况', dataIndex: 'description', ellipsis: true },
  { title: '来源', dataIndex: 'sourceLabel', width: 90 },
  {
    title: '谈话',
    dataIndex: 'talk',
    width: 120,
    render: (t: Violation['talk'], r) =>
      r.actions.includes('record_talk') ? (
        <Link to={talkPath(r)}>
          <TalkStatusTag talk={t} />
          记录
        </Link>
      ) : (
        <TalkStatusTag talk={t} />
      ),
  },
];

function ViolationCard({ r }: { r: Violation }) {
  const navigate = useNavigate();
  return (
    <Card size="small">
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong>
          <Link to={`/safety/violations/${r.id}`}>{r.personName}</Link>{' '}
          {r.wasMember && <Tag color="red">党员</Tag>}
        </Typography.Text>
        <TalkStatusTag talk={r.talk} />
      </Flex>
      <Typography.Text type="secondary">
        {r.occurredOn}·{r.orgName}
        {r.post ? `·${r.post}` : ''}·{r.kindLabel}·{r.categoryName}
      </Typography.Text>
      <div>{r.description}</div>
      {r.actions.includes('record_talk') && (
        <Button block style={{ marginTop: 8 }} onClick={() => navigate(talkPath(r))}>
          记录谈话
        </Button>
      )}
    </Card>
  );
}

type Filters = { orgId?: string; from?: string; to?: string; category?: string };

function ViolationFilters({
  filters,
  update,
}: {
  filters: Filters;
  update: (patch: Record<string, string | undefined>) => void;
}) {
  const me = useMe();
  const mobile = useIsMobile();
  const manager = can(me, ABILITY.board);
  const orgs = useOrgs(manager);
  const meta = useViolationMeta();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap>
        {manager && (
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="组织（含下级）"
            style={{ width: mobile ? '100%' : 240 }}
            treeData={orgSelectTree((orgs.data ?? []).filter((o) => o.type !== 'party_group'))}
            value={orgs.data ? filters.orgId : undefined}
            onChange={(v) => update({ orgId: v })}
          />
        )}
        <DatePicker.RangePicker
          style={{ width: mobile ? '100%' : 260 }}
          value={[fromDateString(filters.from), fromDateString(filters.to)]}
          onChange={(r) =>
            update({
              from: toDateString(r?.[0] ?? null) ?? undefined,
              to: toDateString(r?.[1] ?? null) ?? undefined,
              year: undefined,
            })
          }
          presets={[
            { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
            { label: '本年', value: [dayjs().startOf('year'), dayjs()] },
          ]}
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: mobile ? '100%' : 200 }}
          value={filters.category}
          options={(meta.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
          onChange={(v) => update({ category: v })}
        />
      </Flex>
    </Card>
  );
}

export default function ViolationList() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = params.get('year');
  const filters: Filters = {
    orgId: params.get('orgId') ?? undefined,
    from: params.get('from') ?? (year ? `${year}-01-01` : undefined),
    to: params.get('to') ?? (year ? `${year}-12-31` : undefined),
    category: params.get('category') ?? undefined,
  };
  const page = Number(params.get('page') ?? 1) || 1;
  const [exporting, setExporting] = useState(false);
  const list = useQuery({
    queryKey: ['violations', 'list', filters, page],
    queryFn: () => api<ViolationPage>('/violations', { query: { ...filters, page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const exportList = () => {
    setExporting(true);
    download('/violations/export', filters, '违章违纪台账.xlsx')
      .catch(showError)
      .finally(() => setExporting(false));
  };
  const pager = {
    current: page,
    pageSize: 20,
    total: list.data?.total ?? 0,
    onChange: (p: number) => update({ page: String(p) }),
  };
  const empty = { emptyText: <Empty description="没有违章违纪记录" /> };
  return (
    <Page
      title="两违记录"
      extra={
        <>
          {can(me, ABILITY.recordViolation) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/safety/violations/new')}>
              录入
            </Button>
          )}
          {can(me, ABILITY.board) && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList}>
              导出台账
            </Button>
          )}
        </>
      }
    >
      <ViolationFilters filters={filters} update={update} />
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={empty}
          pagination={{ ...pager, size: 'small', simple: true }}
          renderItem={(r) => <ViolationCard r={r} />}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={empty}
          pagination={{ ...pager, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        />
      )}
    </Page>
  );
}
