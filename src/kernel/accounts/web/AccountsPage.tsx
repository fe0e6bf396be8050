import { KeyOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { api, showFormError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import { ROLE_LABELS } from '../contract';

interface Account {
  id: string;
  username: string;
  displayName: string;
  adminRole: string | null;
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  roles: { id: string; role: string; orgId: string; orgName: string }[];
  actions: string[];
}

const ORG_ROLES = ['committee_admin', 'general_branch_admin', 'branch_secretary', 'member'] as const;
const ROLE_ORG_TYPES: Record<string, string[]> = {
  committee_admin: ['committee'],
  general_branch_admin: ['general_branch'],
  branch_secretary: ['branch'],
  member: ['branch'],
};
const PAGE_SIZE = 20;
const PASSWORD_HINT = '至少 8 位，含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名';

type Dialog = { kind: 'create' } | { kind: 'reset'; account: Account } | { kind: 'grant'; account: Account };

function StatusTags({ a }: { a: Account }) {
  if (a.disabled) return <Tag color="default">已停用</Tag>;
  if (a.locked) return <Tag color="orange">已锁定</Tag>;
  return <Tag color="green">正常</Tag>;
}

function AccountDialog({ dialog, onClose }: { dialog: Dialog; onClose: () => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const role = Form.useWatch('role', form) as string | undefined;
  const orgs = useOrgs(dialog.kind === 'grant');
  const run = useMutation({
    mutationFn: (v: Record<string, string>) => {
      if (dialog.kind === 'create')
        return api('/accounts', {
          method: 'POST',
          body: { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password },
        });
      if (dialog.kind === 'reset')
        return api(`/accounts/${dialog.account.id}/reset-password`, {
          method: 'POST',
          body: { password: v.password },
        });
      return api(`/accounts/${dialog.account.id}/roles`, {
        method: 'POST',
        body: { role: v.role, orgId: v.orgId },
      });
    },
    meta: { handlesError: true },
    onSuccess: () => {
      message.success(
        dialog.kind === 'create'
          ? '账号已创建，首次登录须修改密码'
          : dialog.kind === 'reset'
            ? '密码已重置，该账号下次登录须修改密码'
            : '角色已授予',
      );
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  const title =
    dialog.kind === 'create'
      ? '新建账号'
      : dialog.kind === 'reset'
        ? `重置密码：${dialog.account.displayName}`
        : `授予角色：${dialog.account.displayName}`;
  const password = (
    <Form.Item
      name="password"
      label={dialog.kind === 'create' ? '初始密码' : '新密码'}
      extra={PASSWORD_HINT}
      rules={[
        { required: true, message: '请输入密码' },
        { min: 8, message: '密码至少 8 位' },
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: run.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        {dialog.kind === 'create' && (
          <>
            <Form.Item
              name="username"
              label="用户名"
              rules={[
                { required: true, message: '请输入用户名' },
                { pattern: /^[A-Za-z0-9._-]+$/, message: '只能包含字母、数字、点、下划线和连字符' },
                { max: 64 },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label="姓名"
              rules={[{ required: true, message: '请输入姓名' }, { max: 64 }]}
            >
              <Input />
            </Form.Item>
            {password}
          </>
        )}
        {dialog.kind === 'reset' && password}
        {dialog.kind === 'grant' && (
          <>
            <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Select
                options={ORG_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                onChange={() => form.setFieldValue('orgId', undefined)}
              />
            </Form.Item>
            <Form.Item
              name="orgId"
              label="所在组织"
              extra="角色在该组织及其全部下级组织内有效"
              rules={[{ required: true, message: '请选择组织' }]}
            >
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                disabled={!role}
                placeholder={role ? '选择组织' : '请先选择角色'}
                loading={orgs.isPending}
                treeData={orgSelectTree(
                  orgs.data ?? [],
                  (o) => !o.dissolvedOn && (!role || ROLE_ORG_TYPES[role].includes(o.type)),
                )}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export default function AccountsPage() {
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useQuery({
    queryKey: ['accounts', q, page],
    queryFn: () =>
      api<{ items: Account[]; total: number; actions: string[] }>('/accounts', {
        query: { q: q || undefined, page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
  const act = useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'POST' | 'DELETE'; body?: unknown }) =>
      api(path, { method, body }),
    onSuccess: (_r, v) => {
      message.success(v.method === 'DELETE' ? '角色已收回' : '已更新');
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  const canCreate = list.data?.actions.includes('create') ?? false;

  const roleTags = (a: Account): ReactNode => (
    <Flex gap={4} wrap>
      {a.adminRole && <Tag color="purple">{ROLE_LABELS[a.adminRole] ?? a.adminRole}</Tag>}
      {a.roles.map((r) => (
        <Tag
          key={r.id}
          color="red"
          style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
          closable={a.actions.includes('revoke_role')}
          onClose={(e) => {
            e.preventDefault();
            Modal.confirm({
              title: '收回角色',
              content: `确定收回 ${a.displayName} 在“${r.orgName}”的${ROLE_LABELS[r.role] ?? r.role}角色吗？`,
              okText: '收回',
              okButtonProps: { danger: true },
              onOk: () => act.mutateAsync({ path: `/accounts/${a.id}/roles/${r.id}`, method: 'DELETE' }),
            });
          }}
        >
          {ROLE_LABELS[r.role] ?? r.role}（{r.orgName}）
        </Tag>
      ))}
      {!a.adminRole && !a.roles.length && <Typography.Text type="secondary">无角色</Typography.Text>}
    </Flex>
  );

  const actions = (a: Account): ReactNode => (
    <Flex gap={4} wrap>
      {!a.actions.some((x) => x !== 'revoke_role') && <Typography.Text type="secondary">—</Typography.Text>}
      {a.actions.includes('grant_role') && (
        <Button
          size="small"
          icon={<SafetyOutlined />}
          onClick={() => setDialog({ kind: 'grant', account: a })}
        >
          授予角色
        </Button>
      )}
      {a.actions.includes('reset_password') && (
        <Button size="small" icon={<KeyOutlined />} onClick={() => setDialog({ kind: 'reset', account: a })}>
          重置密码
        </Button>
      )}
      {a.actions.includes('disable') && (
        <Popconfirm
          title={a.disabled ? `启用 ${a.displayName}？` : `停用 ${a.displayName}？停用后立即不能登录。`}
          okText={a.disabled ? '启用' : '停用'}
          okButtonProps={{ danger: !a.disabled }}
          onConfirm={() =>
            act.mutateAsync({
              path: `/accounts/${a.id}/disable`,
              method: 'POST',
              body: { disabled: !a.disabled },
            })
          }
        >
          <Button size="small" danger={!a.disabled}>
            {a.disabled ? '启用' : '停用'}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );

  const columns: ColumnsType<Account> = [
    { title: '用户名', dataIndex: 'username', width: 150 },
    { title: '姓名', dataIndex: 'displayName', width: 200, ellipsis: true },
    { title: '角色', key: 'roles', render: (_, a) => roleTags(a) },
    { title: '状态', key: 'status', width: 90, render: (_, a) => <StatusTags a={a} /> },
    { title: '最后登录', dataIndex: 'lastLoginAt', width: 170, render: fmtDateTime },
    { title: '操作', key: 'actions', width: 250, render: (_, a) => actions(a) },
  ];
  const empty = <Empty description={q ? '没有匹配的账号' : '还没有账号'} />;

  return (
    <Page
      title="账号与角色"
      extra={
        canCreate && (
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
            三员分立：系统管理员管理账号，安全管理员授予和收回角色，审计管理员只查看审计日志。
          </Typography.Text>
        </Flex>
      </Card>
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: empty }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            simple: true,
            hideOnSinglePage: true,
            size: 'small',
            onChange: setPage,
          }}
          renderItem={(a) => (
            <Card size="small">
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong ellipsis>
                  {a.displayName}
                </Typography.Text>
                <StatusTags a={a} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.username} · 最后登录 {fmtDateTime(a.lastLoginAt)}
              </Typography.Text>
              <div style={{ margin: '8px 0' }}>{roleTags(a)}</div>
              {actions(a)}
            </Card>
          )}
        />
      ) : (
        <Table<Account>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: empty }}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 个账号`,
            onChange: setPage,
          }}
        />
      )}
      {dialog && <AccountDialog dialog={dialog} onClose={() => setDialog(null)} />}
    </Page>
  );
}
