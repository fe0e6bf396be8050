import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, List, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { AccountItem, AccountList } from '../contract';
import { AccountButtons, AccountCard, RoleTags, StatusTag } from './AccountCells';
import { AccountDialog, type Dialog } from './AccountDialog';
import { ResetsCard } from './ResetsCard';

const PAGE_SIZE = 20;

function useAccountChanges() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const act = useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'POST' | 'DELETE'; body?: unknown }) =>
      api(path, { method, body }),
    onSuccess: (_r, v) => {
      message.success(v.method === 'DELETE' ? '角色已收回' : '已更新');
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  return {
    revoke: (a: AccountItem, roleId: string) =>
      act.mutateAsync({ path: `/accounts/${a.id}/roles/${roleId}`, method: 'DELETE' }),
    toggle: (a: AccountItem) =>
      act.mutateAsync({ path: `/accounts/${a.id}/disable`, method: 'POST', body: { disabled: !a.disabled } }),
  };
}

type Cell = (a: AccountItem) => ReactNode;

const columns = (roleTags: Cell, buttons: Cell): ColumnsType<AccountItem> => [
  { title: '用户名', dataIndex: 'username', width: 150 },
  { title: '姓名', dataIndex: 'displayName', width: 200, ellipsis: true },
  { title: '角色', key: 'roles', render: (_, a) => roleTags(a) },
  { title: '状态', key: 'status', width: 90, render: (_, a) => <StatusTag a={a} /> },
  { title: '最后登录', dataIndex: 'lastLoginAt', width: 170, render: fmtDateTime },
  { title: '操作', key: 'actions', width: 250, render: (_, a) => buttons(a) },
];

/** Accounts and their roles (system and security admin); what each may do comes from the server. */
export default function AccountsPage() {
  const mobile = useIsMobile();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useQuery({
    queryKey: ['accounts', q, page],
    queryFn: () => api<AccountList>('/accounts', { query: { q: q || undefined, page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  const change = useAccountChanges();
  const roleTags = (a: AccountItem) => <RoleTags a={a} onRevoke={(id) => change.revoke(a, id)} />;
  const buttons = (a: AccountItem) => (
    <AccountButtons a={a} onDialog={setDialog} onToggle={() => change.toggle(a)} />
  );

  const empty = <Empty description={q ? '没有匹配的账号' : '还没有账号'} />;
  const pagination = { current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage };

  return (
    <Page
      title="账号与角色"
      extra={
        can(me, 'accounts.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            新建账号
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <Input.Search
            allowClear
            placeholder="用户名或姓名"
            style={{ width: mobile ? '100%' : 260 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            三员分立：系统管理员管理账号，安全管理员授予和收回角色、审批密码重置，审计管理员只查看审计日志。
          </Typography.Text>
        </Flex>
      </Card>
      <ResetsCard />
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: empty }}
          pagination={{ ...pagination, simple: true, hideOnSinglePage: true, size: 'small' }}
          renderItem={(a) => <AccountCard a={a} tags={roleTags(a)} buttons={buttons(a)} />}
        />
      ) : (
        <Table<AccountItem>
          rowKey="id"
          size="middle"
          columns={columns(roleTags, buttons)}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: empty }}
          scroll={{ x: 1000 }}
          pagination={{ ...pagination, showSizeChanger: false, showTotal: (t) => `共 ${t} 个账号` }}
        />
      )}
      {dialog && <AccountDialog dialog={dialog} onClose={() => setDialog(null)} />}
    </Page>
  );
}
