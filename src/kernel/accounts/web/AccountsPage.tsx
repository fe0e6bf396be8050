import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { fmtDateTime } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { AccountItem, AccountList } from '../contract';
import { AccountButtons, RoleTags, StatusTag } from './AccountCells';
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

// On a phone: the name and status, then "<username> · 最后登录 …", the roles, the buttons.
const columns = (roleTags: Cell, buttons: Cell): ResponsiveColumn<AccountItem>[] => [
  { title: '用户名', dataIndex: 'username', width: 150, mobile: 'meta' },
  { title: '姓名', dataIndex: 'displayName', width: 200, ellipsis: true, mobile: 'title' },
  // On a phone the roles are the card's footer, full width.
  { title: '角色', key: 'roles', mobile: 'hidden', render: (_, a) => roleTags(a) },
  { title: '状态', key: 'status', width: 90, mobile: 'extra', render: (_, a) => <StatusTag a={a} /> },
  { title: '最后登录', dataIndex: 'lastLoginAt', width: 170, mobile: 'hidden', render: fmtDateTime },
  {
    title: '最后登录时间',
    key: 'lastLogin',
    hidden: true,
    mobile: 'meta',
    render: (_, a) => (a.lastLoginAt ? `最后登录 ${fmtDateTime(a.lastLoginAt)}` : '从未登录'),
  },
  { title: '操作', key: 'actions', width: 250, mobile: 'hidden', render: (_, a) => buttons(a) },
];

/** Accounts and their roles (system and security admin); what each may do comes from the server. */
export default function AccountsPage() {
  const mobile = useIsMobile();
  const me = useMe();
  const { filters, setFilters, page, pageSize, setPage, query, active } = useUrlFilters(
    { q: '' },
    { pageSize: PAGE_SIZE },
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useQuery({
    queryKey: ['accounts', 'list', query],
    queryFn: () => api<AccountList>('/accounts', { query }),
    placeholderData: keepPreviousData,
  });
  const change = useAccountChanges();
  const roleTags = (a: AccountItem) => <RoleTags a={a} onRevoke={(id) => change.revoke(a, id)} />;
  const buttons = (a: AccountItem) => (
    <AccountButtons a={a} onDialog={setDialog} onToggle={() => change.toggle(a)} />
  );
  const creator = can(me, 'accounts.create');
  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
      新建账号
    </Button>
  );

  return (
    <Page title="账号与角色" extra={creator && createButton}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <Input.Search
            allowClear
            placeholder="用户名或姓名"
            style={{ width: mobile ? '100%' : 260 }}
            defaultValue={filters.q}
            onSearch={(v) => setFilters({ q: v.trim() })}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            三员分立：系统管理员管理账号，安全管理员授予和收回角色、审批密码重置，审计管理员只查看审计日志。
          </Typography.Text>
        </Flex>
      </Card>
      <ResetsCard />
      <ResponsiveList
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        columns={columns(roleTags, buttons)}
        totalText={(t) => `共 ${t} 个账号`}
        scrollX={1000}
        empty={
          active
            ? `没有用户名或姓名包含“${filters.q}”的账号，请换个关键词或清空搜索`
            : creator
              ? '还没有账号，可点击“新建账号”添加'
              : '还没有账号，账号由系统管理员新建'
        }
        cardFooter={(a) => roleTags(a)}
        cardActions={(a) => (a.actions.some((x) => x !== 'revoke_role') ? buttons(a) : null)}
      />
      {dialog && <AccountDialog dialog={dialog} onClose={() => setDialog(null)} />}
    </Page>
  );
}
