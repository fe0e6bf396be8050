import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Descriptions, Form, InputNumber, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { type AccountSettingsAnswer, MFA_ROLES, ROLE_LABELS } from '../contract';

interface PeopleSettingsAnswer {
  exportClearLevel: 'committee' | 'general_branch' | 'branch';
  editable: boolean;
}

const EXPORT_LEVELS = [
  { value: 'committee', label: '仅党委管理员' },
  { value: 'general_branch', label: '党委管理员和党总支管理员' },
  { value: 'branch', label: '党委、党总支管理员和支部书记' },
];

const ADMINS = ['system_admin', 'security_admin', 'audit_admin'];

/**
 * The security policy (三员分立: set by the security admin, read by the system admin): password rules,
 * temporary passwords, who must use a second factor, who may export the roster with clear values.
 */
export default function SecurityPolicyPage() {
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const accounts = useQuery({
    queryKey: ['accounts', 'settings'],
    queryFn: () => api<AccountSettingsAnswer>('/accounts/settings'),
  });
  const people = useQuery({
    queryKey: ['people', 'settings'],
    enabled: can(me, 'people.securityPolicy'),
    queryFn: () => api<PeopleSettingsAnswer>('/people/settings'),
  });
  useEffect(() => {
    if (accounts.data) form.setFieldsValue(accounts.data);
    if (people.data) form.setFieldsValue({ exportClearLevel: people.data.exportClearLevel });
  }, [accounts.data, people.data, form]);
  const save = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      const { exportClearLevel, ...rest } = v;
      await api('/accounts/settings', { method: 'PUT', body: rest });
      if (people.data) await api('/people/settings', { method: 'PUT', body: { exportClearLevel } });
    },
    meta: { handlesError: true },
    onSuccess: () => {
      message.success('安全策略已保存');
      queryClient.invalidateQueries({ queryKey: ['accounts', 'settings'] });
      queryClient.invalidateQueries({ queryKey: ['people', 'settings'] });
    },
    onError: (e) => showFormError(form, e),
  });
  if (accounts.isPending) return <Loading />;
  const s = accounts.data;
  if (!s) return null;
  const editable = s.editable;
  return (
    <Page title="安全策略">
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 720 }}
      >
        <Card size="small" title="密码" style={{ marginBottom: 12 }}>
          <Form.Item name="passwordMinLength" label="最短长度" extra="等级保护基线：至少 8 位">
            <InputNumber min={8} max={64} />
          </Form.Item>
          <Form.Item name="passwordMinClasses" label="至少包含的字符类别（大写、小写、数字、符号）">
            <InputNumber min={3} max={4} />
          </Form.Item>
          <Form.Item name="passwordHistory" label="不得与最近几次的密码相同" extra="0 为不检查">
            <InputNumber min={0} max={24} />
          </Form.Item>
          <Form.Item
            name="passwordExpiryDays"
            label="密码有效期（天）"
            extra="0 为不过期；到期后登录须先修改密码"
          >
            <InputNumber min={0} max={3650} />
          </Form.Item>
          <Form.Item name="temporaryPasswordHours" label="重置后临时密码的有效期（小时）">
            <InputNumber min={1} max={72} />
          </Form.Item>
        </Card>
        <Card size="small" title="两步验证" style={{ marginBottom: 12 }}>
          <Form.Item
            name="mfaRequiredFor"
            label="必须使用两步验证的角色"
            extra="系统、安全、审计管理员必须使用（等级保护三级）；其他角色可自愿启用。演示模式下演示账号不强制。"
          >
            <Checkbox.Group
              options={MFA_ROLES.map((r) => ({
                value: r,
                label: ROLE_LABELS[r],
                disabled: ADMINS.includes(r),
              }))}
            />
          </Form.Item>
        </Card>
        {people.data && (
          <Card size="small" title="名册导出" style={{ marginBottom: 12 }}>
            <Form.Item
              name="exportClearLevel"
              label="可以导出明文名册（身份证号、电话、住址）的角色"
              extra="导出明文须填写原因，并逐人记入审计日志"
            >
              <Select options={EXPORT_LEVELS} style={{ maxWidth: 360 }} />
            </Form.Item>
          </Card>
        )}
        <Card size="small" title="平台固定规则" style={{ marginBottom: 12 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'lock',
                label: '登录失败锁定',
                children: `同一地址连续 ${s.fixed.lockAfterFailures} 次失败锁定该地址 ${s.fixed.lockMinutes} 分钟；所有地址合计 ${s.fixed.accountLockAfterFailures} 次失败锁定账号 ${s.fixed.lockMinutes} 分钟（本人可用两步验证码解锁）`,
              },
              {
                key: 'common',
                label: '常见密码库',
                children: `${s.fixed.commonPasswords.toLocaleString()} 个`,
              },
              { key: 'idle', label: '会话空闲超时', children: `${s.fixed.sessionIdleMinutes} 分钟` },
            ]}
          />
        </Card>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        ) : (
          <Typography.Text type="secondary">安全策略由安全管理员设置。</Typography.Text>
        )}
      </Form>
    </Page>
  );
}
