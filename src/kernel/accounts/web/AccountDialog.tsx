import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { api, showFormError } from '../../../web/api';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import { type AccountItem, type ResetRequested, ROLE_LABELS, ROLE_ORG_TYPES } from '../contract';
import { showTemporaryPassword } from './TemporaryPassword';

const ORG_ROLES = Object.keys(ROLE_ORG_TYPES) as (keyof typeof ROLE_ORG_TYPES)[];
const PASSWORD_HINT = '至少 8 位，含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名';

export type Dialog =
  | { kind: 'create' }
  | { kind: 'reset'; account: AccountItem }
  | { kind: 'grant'; account: AccountItem };

const TITLES = { create: '新建账号', reset: '重置密码', grant: '授予角色' } as const;
const DONE = {
  create: '账号已创建，首次登录须修改密码',
  reset: '重置申请已提交，等待安全管理员审批；批准后在“密码重置申请”中领取临时密码',
  grant: '角色已授予',
} as const;

function send(dialog: Dialog, v: Record<string, string>): Promise<unknown> {
  if (dialog.kind === 'create')
    return api('/accounts', {
      method: 'POST',
      body: { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password },
    });
  if (dialog.kind === 'reset')
    return api<ResetRequested>(`/accounts/${dialog.account.id}/reset-password`, {
      method: 'POST',
      body: { reason: v.reason.trim(), resetMfa: Boolean(v.resetMfa) },
    });
  return api(`/accounts/${dialog.account.id}/roles`, {
    method: 'POST',
    body: { role: v.role, orgId: v.orgId },
  });
}

function PasswordField() {
  return (
    <Form.Item
      name="password"
      label="初始密码"
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

/** Why the password is reset; resets of managers and administrators wait for the security admin. */
function ResetFields({ account }: { account: AccountItem }) {
  const approval = account.adminRole !== null || account.roles.some((r) => r.role !== 'member');
  return (
    <>
      <Form.Item
        name="reason"
        label="重置原因"
        extra={
          approval
            ? '该账号能查看党员信息或为管理员账号：重置须经安全管理员批准（三员分立），批准后由您领取一次性临时密码。'
            : '提交后立即生成一次性临时密码，只显示一次；该账号用它登录后须立即修改密码。'
        }
        rules={[
          { required: true, message: '请填写重置原因' },
          { max: 200, message: '不能超过 200 个字符' },
        ]}
      >
        <Input.TextArea rows={2} placeholder="例如：本人来电称忘记密码，已核实身份" />
      </Form.Item>
      <Form.Item
        name="resetMfa"
        valuePropName="checked"
        extra="手机丢失且恢复码也无法使用时勾选；须经安全管理员批准。"
      >
        <Checkbox>同时清除两步验证</Checkbox>
      </Form.Item>
    </>
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
      <PasswordField />
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
  const { message, modal } = App.useApp();
  const run = useMutation({
    mutationFn: (v: Record<string, string>) => send(dialog, v),
    meta: { handlesError: true },
    onSuccess: (result) => {
      const temporary = dialog.kind === 'reset' ? (result as ResetRequested).temporaryPassword : null;
      if (temporary && dialog.kind === 'reset')
        showTemporaryPassword(modal, dialog.account.displayName, temporary);
      else message.success(DONE[dialog.kind]);
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
        {dialog.kind === 'reset' && <ResetFields account={dialog.account} />}
        {dialog.kind === 'grant' && (
          <GrantFields onRoleChange={() => form.setFieldValue('orgId', undefined)} />
        )}
      </Form>
    </Modal>
  );
}
