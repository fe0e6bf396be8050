import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Space, Switch, Typography } from 'antd';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { SettingsAnswer } from '../contract';

/** Ranking and star levels: off by default (against formalism); the committee may turn them on. */
export default function Settings() {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const s = useQuery({
    queryKey: ['assessment', 'settings'],
    queryFn: () => api<SettingsAnswer>('/assessment/settings'),
  });
  const save = useMutation({
    mutationFn: (v: Partial<SettingsAnswer>) =>
      api<SettingsAnswer>('/assessment/settings', {
        method: 'PUT',
        body: { ranking: v.ranking, stars: v.stars, starLevels: v.starLevels },
      }),
    onSuccess: (d) => {
      message.success('已保存');
      qc.setQueryData(['assessment', 'settings'], d);
      qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (e) => showFormError(form, e),
  });
  if (s.isPending) return <Loading />;
  if (s.isError) return <Alert type="error" title={(s.error as Error).message} />;
  const editable = s.data.editable;
  return (
    <Page title="考核设置">
      <Card size="small" style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">
          按照整治“指尖上的形式主义”的要求，排名和星级评定默认关闭：关闭时，任何页面都不显示党支部或党员的名次，考核结果按组织顺序列出。
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={s.data}
          onFinish={(v) => save.mutate(v)}
          disabled={!editable}
        >
          <Form.Item name="ranking" label="显示排名" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="stars" label="评定星级" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.List name="starLevels">
            {(fields) => (
              <Form.Item label="星级标准（得分率不低于）">
                {fields.map((f) => (
                  <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[f.name, 'stars']} noStyle>
                      <InputNumber min={1} max={5} addonAfter="星" style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'minPercent']} noStyle>
                      <InputNumber min={0} max={100} addonAfter="%" style={{ width: 120 }} />
                    </Form.Item>
                  </Space>
                ))}
              </Form.Item>
            )}
          </Form.List>
          {editable ? (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          ) : (
            <Typography.Text type="secondary">只有党委管理员可以修改考核设置。</Typography.Text>
          )}
        </Form>
      </Card>
    </Page>
  );
}
