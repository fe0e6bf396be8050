import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { SafetySettingsAnswer } from '../contract';

/** A new entry's code: records keep the code, so a name can change later without touching history. */
const newCode = () => `c${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/**
 * A list of categories or severities by their Chinese names; the codes the records keep stay out of
 * sight (a new entry gets one of its own, an existing entry keeps its own when renamed).
 */
function CodeList({ name, label, disabled }: { name: string; label: string; disabled: boolean }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Card size="small" title={label}>
          {fields.map((f, i) => (
            <Flex key={f.key} gap={8} align="baseline">
              <Typography.Text type="secondary" style={{ width: 24 }}>
                {i + 1}.
              </Typography.Text>
              <Form.Item name={[f.name, 'code']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                name={[f.name, 'name']}
                rules={[{ required: true, message: '请填写名称' }]}
                style={{ flex: 1 }}
              >
                <Input placeholder="名称" disabled={disabled} maxLength={40} />
              </Form.Item>
              {!disabled && <MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />}
            </Flex>
          ))}
          {!disabled && (
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ code: newCode(), name: '' })}
            >
              添加
            </Button>
          )}
        </Card>
      )}
    </Form.List>
  );
}

/** Local practice as tenant settings: categories, severity scale, deadlines, thresholds, the weak-worker rule. */
export default function Settings() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const settings = useQuery({
    queryKey: ['safety', 'settings'],
    queryFn: () => api<SafetySettingsAnswer>('/safety/settings'),
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api<SafetySettingsAnswer>('/safety/settings', { method: 'PUT', body: v }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety'] });
      client.invalidateQueries({ queryKey: ['violations', 'meta'] });
      message.success('设置已保存');
    },
    onError: (e) => showFormError(form, e),
  });
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <Alert type="error" title={(settings.error as Error).message} />;
  const disabled = !settings.data.editable;
  return (
    <Page title="安全设置">
      {disabled && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title="这些设置由党委管理员维护，您可以查看。"
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={disabled}>
        <Flex vertical gap={12} style={{ maxWidth: 760 }}>
          <Card size="small" title="期限与阈值">
            <Flex gap={16} wrap>
              <Form.Item name="talkDueDays" label="违章后谈话期限（天）">
                <InputNumber min={0} max={90} />
              </Form.Item>
              <Form.Item name="talkLateDays" label="补录期限（天）">
                <InputNumber min={0} max={365} />
              </Form.Item>
              <Form.Item name="memberRateThreshold" label="党员百人违章率阈值（每年）">
                <InputNumber min={0} max={1000} step={0.5} />
              </Form.Item>
              <Form.Item name="flagMinViolations" label="预警最少件数">
                <InputNumber min={1} max={100} />
              </Form.Item>
              <Form.Item name={['weakRule', 'days']} label="薄弱人规则：天数">
                <InputNumber min={1} max={730} />
              </Form.Item>
              <Form.Item name={['weakRule', 'count']} label="薄弱人规则：次数">
                <InputNumber min={1} max={20} />
              </Form.Item>
              <Form.Item name="followupEveryMonths" label="帮教间隔（月）">
                <InputNumber min={1} max={12} />
              </Form.Item>
            </Flex>
            <Typography.Text type="secondary">以上均为本单位做法，不是上级统一规定。</Typography.Text>
          </Card>
          <CodeList name="categories" label="违章违纪类别" disabled={disabled} />
          <CodeList name="severities" label="严重程度分级（由重到轻）" disabled={disabled} />
          {!disabled && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存设置
            </Button>
          )}
        </Flex>
      </Form>
    </Page>
  );
}
