import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Select, Typography } from 'antd';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { TrainingSettingsAnswer } from '../contract';
import { useTrainingSettings } from './model';

/** 培训设置: the committee's local practice; the target defaults to the regulation's 32 hours. */
export default function Settings() {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const s = useTrainingSettings();
  const save = useMutation({
    mutationFn: (v: Partial<TrainingSettingsAnswer>) =>
      api<TrainingSettingsAnswer>('/training/settings', {
        method: 'PATCH',
        body: { ...v, importCapHours: v.importCapHours ?? null, finishRatio: (v.finishRatio ?? 80) / 100 },
      }),
    onSuccess: (d) => {
      client.setQueryData(['training', 'settings'], d);
      client.invalidateQueries({ queryKey: ['training'] });
      message.success('设置已保存');
    },
    onError: (e) => showFormError(form, e),
  });
  if (s.isPending) return <Loading />;
  if (!s.data) return <Alert type="error" showIcon title="设置加载失败" />;
  return (
    <Page title="培训设置">
      <Card size="small" style={{ maxWidth: 640 }}>
        {!s.data.editable && (
          <Alert type="info" showIcon title="只有党委管理员可以修改" style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          disabled={!s.data.editable}
          initialValues={{ ...s.data, finishRatio: Math.round(s.data.finishRatio * 100) }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item
            name="targetHours"
            label="年度学时目标"
            extra="《中国共产党党员教育管理工作条例》：党员每年集中学习培训时间一般不少于 32 学时"
          >
            <InputNumber min={1} max={200} addonAfter="学时" />
          </Form.Item>
          <Form.Item
            name="pointsPerHour"
            label="积分折算"
            extra="学习强国、网络学院按积分导入时，多少分折合 1 学时（本单位规定）"
          >
            <InputNumber min={1} max={100000} addonAfter="分/学时" />
          </Form.Item>
          <Form.Item name="importCapHours" label="外部学习每年计入上限" extra="留空表示不设上限">
            <InputNumber min={0} max={200} addonAfter="学时" />
          </Form.Item>
          <Form.Item
            name="finishRatio"
            label="完成网上学习所需时长"
            extra="页面可见时累计的学习时间达到内容时长的该比例后，才能点“完成学习”"
          >
            <InputNumber min={10} max={100} addonAfter="%" />
          </Form.Item>
          <Form.Item
            name="todoFromMonth"
            label="支部书记待办提醒开始月份"
            extra="从该月起，支部书记的待办列出学时未达标的党员"
          >
            <InputNumber min={1} max={12} addonAfter="月" />
          </Form.Item>
          <Form.Item name="topics" label="培训主题" extra="课程、班次、学习内容、试题和需求调查可选的主题">
            <Select mode="tags" />
          </Form.Item>
          {s.data.editable && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          )}
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 13 }}>
          组织生活各类会议记入的学时在“组织生活”的设置中按会议类型设定，会议记录中也可单独填写。
        </Typography.Paragraph>
      </Card>
    </Page>
  );
}
