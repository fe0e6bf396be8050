import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  List,
  Select,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, download, showError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDate } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { OrgItem } from '../../orgs/contract';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import { ExportClearButton } from './ExportClearButton';
import {
  GENDER_LABELS,
  PARTY_STATUS_COLORS,
  PARTY_STATUS_LABELS,
  PARTY_STATUSES,
  type PeopleList as PeopleAnswer,
  type PersonRow,
  postOf,
} from './model';

export function StatusTag({ status }: { status: string }) {
  return (
    <Tag color={PARTY_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {PARTY_STATUS_LABELS[status as keyof typeof PARTY_STATUS_LABELS] ?? status}
    </Tag>
  );
}

export function PersonFlags({
  p,
}: {
  p: Pick<PersonRow, 'standing' | 'lostContact' | 'floating' | 'endedOn'>;
}) {
  return (
    <>
      {p.standing === 'suspended' && <Tag color="volcano">停止党籍</Tag>}
      {p.lostContact && <Tag color="magenta">失联</Tag>}
      {p.floating && <Tag color="geekblue">流动</Tag>}
      {p.endedOn && <Tag>已终止 {fmtDate(p.endedOn)}</Tag>}
    </>
  );
}

const PAGE_SIZE = 20;

type Update = (patch: Record<string, string | undefined>, resetPage?: boolean) => void;

/** The list's filters and page, kept in the address so a link or a reload shows the same list. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const partyStatus = (params.get('partyStatus') ?? '').split(',').filter(Boolean);
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? PAGE_SIZE) || PAGE_SIZE;
  const update: Update = (patch, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  return { filters: { orgId, partyStatus, q: q || undefined }, q, page, pageSize, update };
}

function Filters({
  orgs,
  loading,
  filters,
  q,
  update,
}: {
  orgs: OrgItem[] | undefined;
  loading: boolean;
  filters: { orgId?: string; partyStatus: string[] };
  q: string;
  update: Update;
}) {
  const mobile = useIsMobile();
  const [search, setSearch] = useState(q);
  const orgName = filters.orgId ? orgs?.find((o) => o.id === filters.orgId)?.name : undefined;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap>
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder="组织（含下级）"
          style={{ width: mobile ? '100%' : 240 }}
          treeData={orgSelectTree(orgs ?? [])}
          treeDefaultExpandedKeys={(orgs ?? []).filter((o) => o.depth <= 0).map((o) => o.id)}
          value={orgs ? filters.orgId : undefined}
          onChange={(v) => update({ orgId: v })}
          loading={loading}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="政治面貌"
          style={{ width: mobile ? '100%' : 280 }}
          value={filters.partyStatus}
          maxTagCount="responsive"
          options={PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABELS[s] }))}
          onChange={(v: string[]) => update({ partyStatus: v.join(',') || undefined })}
        />
        <Input.Search
          allowClear
          placeholder="姓名 / 工号 / 身份证号"
          style={{ width: mobile ? '100%' : 260 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
      </Flex>
      {orgName && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          当前范围：{orgName}及其下级组织
        </Typography.Text>
      )}
    </Card>
  );
}

const COLUMNS: ColumnsType<PersonRow> = [
  {
    title: '姓名',
    dataIndex: 'name',
    fixed: 'left',
    width: 100,
    render: (name: string, p) => <Link to={`/people/${p.id}`}>{name}</Link>,
  },
  {
    title: '性别',
    dataIndex: 'gender',
    width: 60,
    render: (g: PersonRow['gender']) => GENDER_LABELS[g] ?? g,
  },
  { title: '所在党支部', dataIndex: 'orgName', ellipsis: true },
  {
    title: '政治面貌',
    dataIndex: 'partyStatus',
    width: 120,
    render: (s: string, p) => (
      <Flex gap={4} wrap>
        <StatusTag status={s} />
        <PersonFlags p={p} />
      </Flex>
    ),
  },
  { title: '工号', dataIndex: 'employeeNo', width: 100, render: (v) => v ?? '—' },
  { title: '岗位', key: 'post', ellipsis: true, render: (_, p) => postOf(p) ?? '—' },
  { title: '出生日期', dataIndex: 'birthDate', width: 110, render: fmtDate },
  { title: '加入党组织日期', dataIndex: 'joinedPartyOn', width: 130, render: fmtDate },
  { title: '手机号', dataIndex: 'mobile', width: 130, render: (v) => v ?? '—' },
];

/** The page: a table on a wide screen, cards on a phone. */
function PeopleRows({
  list,
  page,
  pageSize,
  empty,
  update,
}: {
  list: { data?: PeopleAnswer; isFetching: boolean };
  page: number;
  pageSize: number;
  empty: ReactNode;
  update: Update;
}) {
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  if (mobile)
    return (
      <List
        className="bl-card-list"
        loading={list.isFetching}
        dataSource={items}
        locale={{ emptyText: empty }}
        pagination={{
          current: page,
          pageSize,
          total,
          size: 'small',
          simple: true,
          hideOnSinglePage: true,
          onChange: (p) => update({ page: String(p) }, false),
        }}
        renderItem={(p) => <PersonCard p={p} onOpen={() => navigate(`/people/${p.id}`)} />}
      />
    );
  return (
    <Table<PersonRow>
      rowKey="id"
      size="middle"
      columns={COLUMNS}
      dataSource={items}
      loading={list.isFetching}
      locale={{ emptyText: empty }}
      scroll={{ x: 1000 }}
      onRow={(p) => ({ onDoubleClick: () => navigate(`/people/${p.id}`) })}
      pagination={{
        current: page,
        pageSize,
        total,
        hideOnSinglePage: total === 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (t) => `共 ${t} 人`,
        onChange: (p, s) =>
          update({ page: String(p), pageSize: s === PAGE_SIZE ? undefined : String(s) }, false),
      }}
    />
  );
}

function PersonCard({ p, onOpen }: { p: PersonRow; onOpen: () => void }) {
  const post = postOf(p);
  return (
    <Card size="small" hoverable onClick={onOpen}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{p.name}</Typography.Text>
        <Flex gap={4} wrap justify="flex-end">
          <StatusTag status={p.partyStatus} />
          <PersonFlags p={p} />
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block', marginTop: 4 }}>
        {p.orgName}
        {post ? ` · ${post}` : ''}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {GENDER_LABELS[p.gender]}
        {p.employeeNo ? ` · 工号 ${p.employeeNo}` : ''}
        {p.mobile ? ` · ${p.mobile}` : ''}
      </Typography.Text>
    </Card>
  );
}

/** The buttons above the list, as the list's `actions` allow. */
function ListButtons({
  actions,
  onExport,
  exporting,
}: {
  actions: string[];
  onExport: () => void;
  exporting: boolean;
}) {
  const navigate = useNavigate();
  return (
    <>
      {actions.includes('create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/people/new')}>
          新增人员
        </Button>
      )}
      {actions.includes('import') && (
        <Button icon={<UploadOutlined />} onClick={() => navigate('/people/import')}>
          导入名册
        </Button>
      )}
      {actions.includes('export') && (
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport}>
          导出
        </Button>
      )}
    </>
  );
}

export default function PeopleListPage() {
  const me = useMe();
  // Whoever may browse others' records gets the list; a member sees their own record.
  const browser = can(me, 'people.browse');
  const orgs = useOrgs(browser);
  const { filters, q, page, pageSize, update } = useListParams();
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const list = useQuery({
    enabled: browser || !me.user.personId,
    queryKey: ['people', 'list', filters, page, pageSize],
    queryFn: () => api<PeopleAnswer>('/people', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const exportList = async () => {
    setExporting(true);
    try {
      await download('/people/export', filters, '人员名册.xlsx');
      message.success('名册已导出，请在浏览器的下载中查看');
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  if (!browser && me.user.personId) return <Navigate to={`/people/${me.user.personId}`} replace />;

  const filtered = Boolean(filters.orgId || filters.partyStatus.length || q);
  const empty = (
    <Empty
      description={
        filtered
          ? '没有符合条件的人员，请调整筛选条件'
          : browser
            ? '范围内还没有人员，可点击“新增人员”或“导入名册”添加'
            : '您的账号还没有关联人员档案，也没有管理范围，暂无可查看的人员'
      }
    />
  );

  return (
    <Page
      title={browser ? '人员管理' : '我的信息'}
      extra={
        browser && (
          <>
            <ListButtons actions={list.data?.actions ?? []} onExport={exportList} exporting={exporting} />
            {can(me, 'people.exportClear') && <ExportClearButton filters={filters} />}
          </>
        )
      }
    >
      {browser && (
        <Filters orgs={orgs.data} loading={orgs.isPending} filters={filters} q={q} update={update} />
      )}
      <PeopleRows list={list} page={page} pageSize={pageSize} empty={empty} update={update} />
    </Page>
  );
}
