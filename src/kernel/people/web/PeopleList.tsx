import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { OrgTreeSelect, useOrgOptions } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { fmtDate } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
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

// On a phone: the name, the status tags, then "<branch> · <post> · <gender> · 工号 … · <mobile>".
const COLUMNS: ResponsiveColumn<PersonRow>[] = [
  {
    title: '姓名',
    dataIndex: 'name',
    fixed: 'left',
    width: 100,
    mobile: 'title',
    render: (name: string, p) => <Link to={`/people/${p.id}`}>{name}</Link>,
  },
  {
    title: '性别',
    dataIndex: 'gender',
    width: 60,
    mobile: 'hidden',
    render: (g: PersonRow['gender']) => GENDER_LABELS[g] ?? g,
  },
  { title: '所在党支部', dataIndex: 'orgName', ellipsis: true, mobile: 'meta' },
  {
    title: '政治面貌',
    dataIndex: 'partyStatus',
    width: 120,
    mobile: 'extra',
    render: (s: string, p) => (
      <Flex gap={4} wrap>
        <StatusTag status={s} />
        <PersonFlags p={p} />
      </Flex>
    ),
  },
  {
    title: '工号',
    dataIndex: 'employeeNo',
    width: 100,
    mobile: 'hidden',
    render: (v) => v ?? '—',
  },
  {
    title: '岗位',
    key: 'post',
    ellipsis: true,
    mobile: 'meta',
    render: (_, p) => postOf(p) ?? '—',
  },
  {
    title: '性别工号',
    key: 'genderNo',
    hidden: true,
    mobile: 'meta',
    render: (_, p) =>
      [GENDER_LABELS[p.gender], p.employeeNo && `工号 ${p.employeeNo}`].filter(Boolean).join(' · '),
  },
  { title: '出生日期', dataIndex: 'birthDate', width: 110, mobile: 'hidden', render: fmtDate },
  { title: '加入党组织日期', dataIndex: 'joinedPartyOn', width: 130, mobile: 'hidden', render: fmtDate },
  { title: '手机号', dataIndex: 'mobile', width: 130, mobile: 'meta', render: (v) => v ?? '—' },
];

/** The buttons above the list, as the list's `actions` allow. */
function ListButtons({
  actions,
  exportQuery,
}: {
  actions: string[];
  exportQuery: Record<string, string | string[]>;
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
        <ExportButton path="/people/export" query={exportQuery} filename="人员名册.xlsx" />
      )}
    </>
  );
}

export default function PeopleListPage() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  // Whoever may browse others' records gets the list; a member sees their own record.
  const browser = can(me, 'people.browse');
  const orgs = useOrgOptions(browser);
  const { filters, setFilters, page, pageSize, setPage, query, active } = useUrlFilters(
    {
      orgId: undefined as string | undefined,
      partyStatus: [] as string[],
      q: '',
    },
    { pageSize: PAGE_SIZE },
  );
  const list = useQuery({
    enabled: browser || !me.user.personId,
    queryKey: ['people', 'list', query],
    queryFn: () => api<PeopleAnswer>('/people', { query }),
    placeholderData: keepPreviousData,
  });

  if (!browser && me.user.personId) return <Navigate to={`/people/${me.user.personId}`} replace />;

  // What the list shows, without its page: for the exports.
  const shown = {
    orgId: filters.orgId,
    partyStatus: filters.partyStatus,
    q: filters.q || undefined,
  };
  const exportQuery = Object.fromEntries(
    Object.entries(shown).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as Record<string, string | string[]>;
  const orgName = filters.orgId ? orgs.data?.find((o) => o.id === filters.orgId)?.name : undefined;

  return (
    <Page
      title={browser ? '人员管理' : '我的信息'}
      extra={
        browser && (
          <>
            <ListButtons actions={list.data?.actions ?? []} exportQuery={exportQuery} />
            {can(me, 'people.exportClear') && <ExportClearButton filters={shown} />}
          </>
        )
      }
    >
      {browser && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={8} wrap>
            <OrgTreeSelect
              placeholder="组织（含下级）"
              prefillSingle={false}
              style={{ width: mobile ? '100%' : 240 }}
              value={filters.orgId}
              onChange={(orgId) => setFilters({ orgId })}
            />
            <Select
              mode="multiple"
              allowClear
              placeholder="政治面貌"
              style={{ width: mobile ? '100%' : 280 }}
              value={filters.partyStatus}
              maxTagCount="responsive"
              options={PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABELS[s] }))}
              onChange={(partyStatus: string[]) => setFilters({ partyStatus })}
            />
            <Input.Search
              allowClear
              placeholder="姓名 / 工号 / 身份证号"
              style={{ width: mobile ? '100%' : 260 }}
              defaultValue={filters.q}
              onSearch={(v) => setFilters({ q: v.trim() })}
            />
          </Flex>
          {orgName && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              当前范围：{orgName}及其下级组织
            </Typography.Text>
          )}
        </Card>
      )}
      <ResponsiveList
        rowKey="id"
        columns={COLUMNS}
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        totalText={(t) =>
          list.data?.totalCapped ? `超过 ${t.toLocaleString('zh-CN')} 人，请用筛选缩小范围` : `共 ${t} 人`
        }
        error={list.error}
        onRetry={() => list.refetch()}
        scrollX={1000}
        empty={
          active
            ? '没有符合条件的人员，请调整筛选条件'
            : browser
              ? '范围内还没有人员，可点击“新增人员”或“导入名册”添加'
              : '您的账号还没有关联人员档案，也没有管理范围，暂无可查看的人员'
        }
        onOpen={(p) => navigate(`/people/${p.id}`)}
      />
    </Page>
  );
}
