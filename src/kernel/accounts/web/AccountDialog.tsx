import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { api, showFormError } from '../../../web/api';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import { type AccountItem, ROLE_LABELS } from '../contract';
import { ROLE_ORG_TYPES } from '../rules';

const ORG_ROLES = Object.keys(ROLE_ORG_TYPES) as (keyof typeof ROLE_ORG_TYPES)[];
const PASSWORD_HINT = '至少 8 位，含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名';

export type Dialog =
  | { kind: 'create' }
  | { kind: 'reset'; account: AccountItem }
  | { kind: 'grant'; account: AccountItem };

const TITLES = { create: '新建账号', reset: '重置密码', grant: '授予角色' } as const;
const DONE = {
  create: '账号已创建，首次登录须修改密码',
  reset: '密码已重置，该账号下次登录须修改密码',
  grant: '角色已授予',
} as const;

function send(dialog: Dialog, v: Record<string, string>) {
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
}

function PasswordField({ initial }: { initial: boolean }) {
  return (
    <Form.Item
      name="password"
      label={initial ? '初始密码' : '新密码'}
      extra={PASSWORD_HINT}
      rules={[
        { required: true, message: '请输入密码' },
        { min: 8, message: '密码至少 8 位' },
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}

function CreateFields() {
  return (
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
      <PasswordField initial />
    </>
  );
}

function GrantFields({ onRoleChange }: { onRoleChange: () => void }) {
  const form = Form.useFormInstance();
  const role = Form.useWatch('role', form) as keyof typeof ROLE_ORG_TYPES | undefined;
  const orgs = useOrgs();
  return (
    <>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select
          options={ORG_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          onChange={onRoleChange}
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
  );
}

/** Creating an account (system admin), resetting its password (system admin), granting a role (security admin). */
export function AccountDialog({ dialog, onClose }: { dialog: Dialog; onClose: () => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: (v: Record<string, string>) => send(dialog, v),
    meta: { handlesError: true },
    onSuccess: () => {
      message.success(DONE[dialog.kind]);
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  const title =
    dialog.kind === 'create' ? TITLES.create : `${TITLES[dialog.kind]}：${dialog.account.displayName}`;
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
        {dialog.kind === 'create' && <CreateFields />}
        {dialog.kind === 'reset' && <PasswordField initial={false} />}
        {dialog.kind === 'grant' && (
          <GrantFields onRoleChange={() => form.setFieldValue('orgId', undefined)} />
        )}
      </Form>
    </Modal>
  );
}
