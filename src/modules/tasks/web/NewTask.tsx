import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  TreeSelect,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, showFormError, upload } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { type OrgOption, useOrgOptions } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { type dayjs, toDateString, today, zhCompare } from '../../../web/format';
import type { TaskDetail, TaskOptions } from '../contract';
import { FieldsEditor } from './FieldsEditor';

interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}

/** The sender's subtree (general branches and branches, not dissolved), for picking targets. */
function subtree(
  items: OrgOption[],
  rootId: string | undefined,
): { tree: TreeNode[]; types: Map<string, string> } {
  const types = new Map(items.map((o) => [o.id, o.type as string]));
  const kids = new Map<string, OrgOption[]>();
  for (const o of items)
    if (o.parentId && !o.dissolvedOn && (o.type === 'branch' || o.type === 'general_branch'))
      kids.set(o.parentId, [...(kids.get(o.parentId) ?? []), o]);
  const build = (id: string): TreeNode[] =>
    (kids.get(id) ?? [])
      .sort((a, b) => zhCompare(a.name, b.name))
      .map((o) => {
        const children = build(o.id);
        return { value: o.id, title: o.name, children: children.length ? children : undefined };
      });
  return { tree: rootId ? build(rootId) : [], types };
}

interface Values {
  orgId: string;
  title: string;
  content: string;
  dueOn: dayjs.Dayjs;
  remindDays: number;
  scope: 'all' | 'picked';
  picked?: string[];
  requireFiles: boolean;
  fields?: {
    label: string;
    type: string;
    required: boolean;
    options?: string[];
    unit?: string;
    prefill?: string;
  }[];
}

export default function NewTask() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const options = useQuery({
    queryKey: ['tasks', 'options'],
    queryFn: () => api<TaskOptions>('/tasks/options'),
  });
  const orgs = useOrgOptions();
  const senderId = Form.useWatch('orgId', form);
  const scope = Form.useWatch('scope', form);
  const { tree, types } = useMemo(() => subtree(orgs.data ?? [], senderId), [orgs.data, senderId]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const picked = v.picked ?? [];
      const task = await api<TaskDetail>('/tasks', {
        method: 'POST',
        body: {
          orgId: v.orgId,
          title: v.title,
          content: v.content,
          dueOn: toDateString(v.dueOn),
          remindDays: v.remindDays,
          requireFiles: v.requireFiles,
          fields: (v.fields ?? []).map((f) => ({
            ...f,
            options: f.type === 'choice' ? f.options : undefined,
          })),
          ...(v.scope === 'all'
            ? { subtreeOrgIds: [v.orgId] }
            : {
                subtreeOrgIds: picked.filter((id) => types.get(id) === 'general_branch'),
                targetOrgIds: picked.filter((id) => types.get(id) !== 'general_branch'),
              }),
        },
      });
      for (const f of files)
        if (f.originFileObj) await upload(`/tasks/${task.id}/files`, f.originFileObj, undefined, () => {});
      return task;
    },
    onSuccess: (task) => {
      client.invalidateQueries({ queryKey: ['tasks'] });
      client.invalidateQueries({ queryKey: ['todo'] });
      message.success(`已下发到 ${task.targets.length} 个组织`);
      navigate(`/tasks/${task.id}`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });

  if (!options.data) return <Loading />;
  const o = options.data;
  return (
    <Page title="发布督办任务">
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          orgId: o.senders[0]?.orgId,
          dueOn: today().add(o.dueDays, 'day'),
          remindDays: o.remindDays,
          scope: 'all',
          requireFiles: false,
          fields: [],
        }}
        style={{ maxWidth: 860 }}
      >
        <Card size="small" title="任务" style={{ marginBottom: 12 }}>
          <Form.Item name="orgId" label="发布组织" rules={[{ required: true, message: '请选择发布组织' }]}>
            <Select options={o.senders.map((s) => ({ value: s.orgId, label: s.orgName }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={100} placeholder="如：报送本月党员人数及组织生活开展情况" />
          </Form.Item>
          <Form.Item
            name="content"
            label="任务内容和要求"
            rules={[{ required: true, message: '请填写任务内容' }]}
          >
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="dueOn" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
              <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(today())} />
            </Form.Item>
            <Form.Item
              name="remindDays"
              label="到期前几天提醒"
              extra="进入此期限后，支部待办中标为“即将到期”"
            >
              <InputNumber min={0} max={30} addonAfter="天" />
            </Form.Item>
          </Flex>
          <Form.Item label="任务附件（通知、表格模板等）">
            <Upload.Dragger
              multiple
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
              accept=".jpg,.jpeg,.png,.webp,.pdf,.doc,.docx,.xls,.xlsx"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>点击或拖入文件（照片、PDF、Word/Excel，每个 ≤ 10 MB）</p>
            </Upload.Dragger>
          </Form.Item>
        </Card>
        <Card size="small" title="接收组织" style={{ marginBottom: 12 }}>
          <Form.Item name="scope" style={{ marginBottom: 8 }}>
            <Radio.Group
              options={[
                { value: 'all', label: '全部下属党支部' },
                { value: 'picked', label: '选择组织' },
              ]}
            />
          </Form.Item>
          {scope === 'picked' && (
            <Form.Item
              name="picked"
              extra="勾选党总支即下发到该党总支的全部党支部"
              rules={[{ required: true, message: '请选择接收组织' }]}
            >
              <TreeSelect
                treeCheckable
                showCheckedStrategy={TreeSelect.SHOW_PARENT}
                treeData={tree}
                placeholder="选择党总支或党支部"
                showSearch={{ treeNodeFilterProp: 'title' }}
                loading={orgs.isPending}
                maxTagCount="responsive"
                style={{ width: '100%' }}
              />
            </Form.Item>
          )}
        </Card>
        <Card size="small" title="回复要求" style={{ marginBottom: 12 }}>
          <Form.Item name="requireFiles" label="回复须附照片或文件" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            每个接收组织都须填写回复内容；如需统一格式的数据，请添加填报项，导出时汇总为一张表。
          </Typography.Paragraph>
          <FieldsEditor options={o} />
        </Card>
        <Flex gap={8} justify="flex-end">
          <Button onClick={() => navigate(-1)}>取消</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            下发任务
          </Button>
        </Flex>
      </Form>
    </Page>
  );
}
