import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { pagedListProps, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { useIsMobile } from '../../../web/useIsMobile';
import type { BankQuestion } from '../contract';
import { useTrainingSettings } from './model';
import { type QuestionDraft, QuestionFields, toQuestion } from './QuestionFields';

const letter = (i: number) => String.fromCharCode(65 + i);

function NewQuestion({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const settings = useTrainingSettings();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: QuestionDraft & { orgId: string; topic: string }) =>
      api('/training/questions', {
        method: 'POST',
        body: { orgId: v.orgId, topic: v.topic, ...toQuestion(v) },
      }),
    onSuccess: () => {
      message.success('已加入题库');
      form.resetFields();
      onClose(true);
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open={open}
      title="新增试题"
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect types={['committee', 'general_branch', 'branch']} allowClear={false} />
        </Form.Item>
        <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请选择或填写主题' }]}>
          <AutoComplete options={(settings.data?.topics ?? []).map((t) => ({ value: t }))} maxLength={40} />
        </Form.Item>
        <QuestionFields name={[]} form={form} />
      </Form>
    </Modal>
  );
}

/** 题库: the questions of the organizations the caller manages (with answers) and of those above (without). */
export default function Questions() {
  const client = useQueryClient();
  const mobile = useIsMobile();
  const settings = useTrainingSettings();
  const [adding, setAdding] = useState(false);
  const { filters, setFilters, page, pageSize, setPage, active } = useUrlFilters({
    topic: '',
    kind: '',
    q: '',
  });
  const query = {
    topic: filters.topic || undefined,
    kind: filters.kind || undefined,
    q: filters.q || undefined,
  };
  const list = useQuery({
    queryKey: ['training', 'questions', query, page, pageSize],
    queryFn: () =>
      api<{ items: BankQuestion[]; total: number }>('/training/questions', {
        query: { ...query, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title="题库"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增试题
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder="主题"
            style={{ width: mobile ? '100%' : 180 }}
            value={filters.topic || undefined}
            onChange={(topic) => setFilters({ topic: topic ?? '' })}
            options={(settings.data?.topics ?? []).map((t) => ({ value: t, label: t }))}
          />
          <Select
            allowClear
            placeholder="题型"
            style={{ width: 120 }}
            value={filters.kind || undefined}
            onChange={(kind) => setFilters({ kind: kind ?? '' })}
            options={[
              { value: 'single', label: '单选题' },
              { value: 'multiple', label: '多选题' },
              { value: 'judge', label: '判断题' },
            ]}
          />
          <Input.Search
            allowClear
            placeholder="题干关键词"
            defaultValue={filters.q}
            style={{ width: mobile ? '100%' : 200 }}
            onSearch={(q) => setFilters({ q })}
          />
        </Flex>
      </Card>
      <ResponsiveList<BankQuestion>
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        empty={active ? '没有符合条件的试题' : '题库还是空的：新增试题，或在发布测试时新出试题'}
        columns={[
          {
            title: '题干',
            dataIndex: 'text',
            mobile: 'title',
            render: (t: string, q) => (
              <Flex vertical gap={2}>
                <span>{t}</span>
                <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
                  {q.options.map((o, i) => `${letter(i)}. ${o}`).join('　')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: '题型',
            dataIndex: 'kindLabel',
            mobile: 'extra',
            width: 80,
            render: (k: string) => <Tag>{k}</Tag>,
          },
          {
            title: '答案',
            dataIndex: 'answer',
            width: 90,
            render: (a: number[] | null) =>
              a ? a.map(letter).join('') : <Typography.Text type="secondary">上级题库</Typography.Text>,
          },
          { title: '主题', dataIndex: 'topic', mobile: 'meta', width: 120 },
          { title: '所属', dataIndex: 'orgName', mobile: 'meta', width: 180, ellipsis: true },
        ]}
      />
      <NewQuestion
        open={adding}
        onClose={(saved) => {
          setAdding(false);
          if (saved) client.invalidateQueries({ queryKey: ['training', 'questions'] });
        }}
      />
    </Page>
  );
}
