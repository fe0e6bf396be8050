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
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, download, showError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDate } from '../../../web/format';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import {
  GENDER_LABELS,
  PARTY_STATUS_COLORS,
  PARTY_STATUS_LABELS,
  PARTY_STATUSES,
  type PersonRow,
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

export default function PeopleList() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const manager = me.scope.managesOrgs;
  const orgs = useOrgs(manager);
  const orgId = params.get('orgId') ?? undefined;
  const partyStatus = (params.get('partyStatus') ?? '').split(',').filter(Boolean);
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? PAGE_SIZE) || PAGE_SIZE;
  const [search, setSearch] = useState(q);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();

  const filters = { orgId, partyStatus, q: q || undefined };
  const list = useQuery({
    enabled: manager || !me.user.personId,
    queryKey: ['people', 'list', filters, page, pageSize],
    queryFn: () =>
      api<{ items: PersonRow[]; total: number; actions: string[] }>('/people', {
        query: { ...filters, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

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

  // A member sees only their own record: go straight to it.
  if (!manager && me.user.personId) return <Navigate to={`/people/${me.user.personId}`} replace />;

  const orgName = orgId ? orgs.data?.find((o) => o.id === orgId)?.name : undefined;
  const filtered = Boolean(orgId || partyStatus.length || q);

  const columns: ColumnsType<PersonRow> = [
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
      render: (g: 'male' | 'female') => GENDER_LABELS[g] ?? g,
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
    { title: '岗位', dataIndex: 'post', ellipsis: true, render: (v) => v ?? '—' },
    { title: '出生日期', dataIndex: 'birthDate', width: 110, render: fmtDate },
    { title: '加入党组织日期', dataIndex: 'joinedPartyOn', width: 130, render: fmtDate },
    { title: '手机号', dataIndex: 'mobile', width: 130, render: (v) => v ?? '—' },
  ];

  const empty = (
    <Empty
      description={
        filtered
          ? '没有符合条件的人员，请调整筛选条件'
          : manager
            ? '范围内还没有人员，可点击“新增人员”或“导入名册”添加'
            : '您的账号还没有关联人员档案，也没有管理范围，暂无可查看的人员'
      }
    />
  );

  // The server says what the caller may do with the list; the buttons follow it.
  const listActions = list.data?.actions ?? [];

  return (
    <Page
      title={manager ? '人员管理' : '我的信息'}
      extra={
        manager && (
          <>
            {listActions.includes('create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/people/new')}>
                新增人员
              </Button>
            )}
            {listActions.includes('import') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/people/import')}>
                导入名册
              </Button>
            )}
            {listActions.includes('export') && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList}>
                导出
              </Button>
            )}
          </>
        )
      }
    >
      {manager && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={8} wrap>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder="组织（含下级）"
              style={{ width: mobile ? '100%' : 240 }}
              treeData={orgSelectTree(orgs.data ?? [])}
              treeDefaultExpandedKeys={(orgs.data ?? []).filter((o) => o.depth <= 0).map((o) => o.id)}
              value={orgs.data ? orgId : undefined}
              onChange={(v) => update({ orgId: v })}
              loading={orgs.isPending}
            />
            <Select
              mode="multiple"
              allowClear
              placeholder="政治面貌"
              style={{ width: mobile ? '100%' : 280 }}
              value={partyStatus}
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
      )}
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: empty }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            size: 'small',
            simple: true,
            hideOnSinglePage: true,
            onChange: (p) => update({ page: String(p) }, false),
          }}
          renderItem={(p) => (
            <Card size="small" hoverable onClick={() => navigate(`/people/${p.id}`)}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Flex gap={4} wrap justify="flex-end">
                  <StatusTag status={p.partyStatus} />
                  <PersonFlags p={p} />
                </Flex>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block', marginTop: 4 }}>
                {p.orgName}
                {p.post ? ` · ${p.post}` : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {GENDER_LABELS[p.gender]}
                {p.employeeNo ? ` · 工号 ${p.employeeNo}` : ''}
                {p.mobile ? ` · ${p.mobile}` : ''}
              </Typography.Text>
            </Card>
          )}
        />
      ) : (
        <Table<PersonRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: empty }}
          scroll={{ x: 1000 }}
          onRow={(p) => ({ onDoubleClick: () => navigate(`/people/${p.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 人`,
            onChange: (p, s) =>
              update({ page: String(p), pageSize: s === PAGE_SIZE ? undefined : String(s) }, false),
          }}
        />
      )}
    </Page>
  );
}
