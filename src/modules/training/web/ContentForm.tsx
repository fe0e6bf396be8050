import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Switch,
  TreeSelect,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect, orgTree, useOrgOptions } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { toDateString, today } from '../../../web/format';
import type { ContentDetail } from '../contract';
import { useTrainingSettings } from './model';

type Values = {
  orgId: string;
  title: string;
  kind: 'article' | 'document' | 'video';
  topic: string;
  body?: string;
  url?: string;
  minutes: number;
  hours: number;
  audienceOrgIds: string[];
  required: boolean;
  dueOn?: Dayjs;
};

/** Publishes an article, a document or a video (a link here; files are added on the item's page). */
export default function ContentForm() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const settings = useTrainingSettings();
  const orgs = useOrgOptions();
  const tree = useMemo(() => orgTree((orgs.data ?? []).filter((o) => o.type !== 'party_group')), [orgs.data]);
  const kind = Form.useWatch('kind', form);
  const required = Form.useWatch('required', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<ContentDetail>('/training/contents', {
        method: 'POST',
        body: {
          ...v,
          body: v.body || null,
          url: v.url || null,
          dueOn: v.required && v.dueOn ? toDateString(v.dueOn) : null,
        },
      }),
    onSuccess: (c) => {
      client.invalidateQueries({ queryKey: ['training'] });
      message.success('已发布；视频或文件可在本页上传');
      navigate(`/training/contents/${c.id}`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Page title="发布学习内容">
      <Card size="small" style={{ maxWidth: 720 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'article', minutes: 20, hours: 0.5, required: false, audienceOrgIds: [] }}
          onValuesChange={(changed) => {
            if (changed.orgId && !form.getFieldValue('audienceOrgIds')?.length)
              form.setFieldValue('audienceOrgIds', [changed.orgId]);
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="orgId" label="发布组织" rules={[{ required: true, message: '请选择发布组织' }]}>
            <OrgTreeSelect types={['committee', 'general_branch', 'branch']} allowClear={false} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio value="article">文章</Radio>
              <Radio value="document">文件资料</Radio>
              <Radio value="video">视频</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请选择或填写主题' }]}>
            <AutoComplete options={(settings.data?.topics ?? []).map((t) => ({ value: t }))} maxLength={40} />
          </Form.Item>
          {kind === 'article' && (
            <Form.Item name="body" label="正文">
              <Input.TextArea rows={8} maxLength={50000} />
            </Form.Item>
          )}
          <Form.Item
            name="url"
            label="链接"
            extra={kind === 'article' ? '可选：原文链接' : '外部网址；也可发布后上传 PDF 或 MP4 文件'}
          >
            <Input maxLength={500} placeholder="https://…" />
          </Form.Item>
          <Form.Item
            name="minutes"
            label="学习时长（分钟）"
            rules={[{ required: true, message: '请填写时长' }]}
            extra="阅读或观看所需时间；计时以此为上限"
          >
            <InputNumber min={1} max={600} />
          </Form.Item>
          <Form.Item
            name="hours"
            label="学时"
            rules={[{ required: true, message: '请填写学时' }]}
            extra="完成后记入的学时"
          >
            <InputNumber min={0.5} max={200} step={0.5} />
          </Form.Item>
          <Form.Item
            name="audienceOrgIds"
            label="发布范围"
            rules={[{ required: true, message: '请选择发布范围' }]}
          >
            <TreeSelect
              multiple
              treeData={tree}
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder="选择组织（含下级）"
              popupMatchSelectWidth={false}
              styles={{ popup: { root: { maxWidth: '92vw' } } }}
            />
          </Form.Item>
          <Form.Item name="required" label="必学" valuePropName="checked">
            <Switch />
          </Form.Item>
          {required && (
            <Form.Item name="dueOn" label="完成期限">
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(today(), 'day')}
                inputReadOnly
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
            发布
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
