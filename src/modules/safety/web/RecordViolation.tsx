import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Radio, Select } from 'antd';
import { useNavigate } from 'react-router';
import { showFormError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { PersonPicker } from '../../../web/components/PersonPicker';
import { toDateString, today } from '../../../web/format';
import { DraftNotice } from '../../../web/offline/DraftNotice';
import { useDraft } from '../../../web/offline/useDraft';
import type { Violation } from '../contract';
import { useViolationMeta } from './useViolationMeta';

/** Few taps on a phone: who, what kind, when, which category, what happened. */
export default function RecordViolation() {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const meta = useViolationMeta();
  // Kept on the phone as it is typed; sent with an idempotency key, or queued until the signal returns.
  const draft = useDraft({
    kind: 'violation',
    form,
    formKey: 'new',
    title: (values) => `违章违纪${values.place ? ` · ${values.place}` : ''}`,
  });
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      draft.send({
        method: 'POST',
        path: '/violations',
        body: { ...values, occurredOn: toDateString(values.occurredOn as never) },
      }),
    onSuccess: (outcome) => {
      if (outcome.kind !== 'sent') {
        message.warning('没有网络：记录已保存在本机，联网后自动发送');
        navigate('/talks');
        return;
      }
      const v = outcome.answer as Violation;
      client.invalidateQueries({ queryKey: ['violations'] });
      client.invalidateQueries({ queryKey: ['talks'] });
      client.invalidateQueries({ queryKey: ['safety'] });
      message.success(`已录入，支部书记须在 ${v.talk?.dueOn ?? ''} 前完成谈话`);
      navigate('/talks');
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Page title="录入违章违纪">
      <Card size="small" style={{ maxWidth: 640 }}>
        <DraftNotice control={draft} />
        <Form
          form={form}
          onValuesChange={draft.changed}
          layout="vertical"
          initialValues={{ kind: 'rule_breach', occurredOn: today(), source: 'inspection' }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="personId" label="违章违纪人员" rules={[{ required: true, message: '请选择人员' }]}>
            <PersonPicker onPick={(p) => form.setFieldValue('post', p?.post ?? undefined)} />
          </Form.Item>
          <Form.Item name="post" label="岗位" extra="默认为此人登记的岗位，可按违章时所在岗位修改">
            <Input maxLength={50} placeholder="如：连结员、助理值班员" />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio value="rule_breach">违章</Radio>
              <Radio value="discipline_breach">违纪</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="occurredOn"
            label="发生日期"
            rules={[{ required: true, message: '请选择发生日期' }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(today(), 'day')}
              inputReadOnly
            />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择类别"
              loading={meta.isPending}
              options={(meta.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="severity" label="严重程度">
            <Select
              allowClear
              placeholder="默认为最轻一级"
              options={(meta.data?.severities ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="source" label="来源">
            <Select options={(meta.data?.sources ?? []).map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
          <Form.Item name="place" label="地点">
            <Input maxLength={100} placeholder="如：海拉尔站西咽喉" />
          </Form.Item>
          <Form.Item
            name="description"
            label="情况描述"
            rules={[{ required: true, message: '请填写情况描述' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
            提交
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
