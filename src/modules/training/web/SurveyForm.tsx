import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { toDateString, today } from '../../../web/format';
import type { SurveyDetail } from '../contract';
import { useTrainingSettings } from './model';

type Values = {
  orgId: string;
  title: string;
  description?: string;
  topics: string[];
  audience: 'members' | 'branches';
  deadline: Dayjs;
};

/** The committee or a general branch asks its branches or members which topics they need. */
export default function SurveyForm() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const settings = useTrainingSettings();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<SurveyDetail>('/training/surveys', {
        method: 'POST',
        body: { ...v, description: v.description || null, deadline: toDateString(v.deadline) },
      }),
    onSuccess: (s) => {
      client.invalidateQueries({ queryKey: ['training'] });
      message.success('调查已发出');
      navigate(`/training/surveys/${s.id}`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Page title="发起需求调查">
      <Card size="small" style={{ maxWidth: 640 }}>
        {settings.data && (
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              audience: 'branches',
              topics: settings.data.topics.slice(0, 6),
              deadline: today().add(14, 'day'),
            }}
            onFinish={(v) => save.mutate(v)}
          >
            <Form.Item name="orgId" label="发起组织" rules={[{ required: true, message: '请选择发起组织' }]}>
              <OrgTreeSelect types={['committee', 'general_branch']} allowClear={false} />
            </Form.Item>
            <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
              <Input maxLength={100} placeholder="如：2027年度党员教育培训需求调查" />
            </Form.Item>
            <Form.Item name="audience" label="调查对象">
              <Radio.Group optionType="button" buttonStyle="solid">
                <Radio value="branches">各党支部（书记填写）</Radio>
                <Radio value="members">党员个人</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="topics"
              label="可选主题"
              rules={[{ required: true, message: '请列出主题' }]}
              extra="可以输入新的主题后回车"
            >
              <Select mode="tags" options={settings.data.topics.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
            <Form.Item name="description" label="说明">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item
              name="deadline"
              label="截止日期"
              rules={[{ required: true, message: '请选择截止日期' }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(today(), 'day')}
                inputReadOnly
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
              发出调查
            </Button>
          </Form>
        )}
      </Card>
    </Page>
  );
}
