import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  TreeSelect,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect, orgTree, useOrgOptions } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { toDateString, today } from '../../../web/format';
import type { BankQuestion, QuizDetail } from '../contract';
import { useTrainingSettings } from './model';
import { type QuestionDraft, QuestionFields, toQuestion } from './QuestionFields';

type Values = {
  orgId: string;
  title: string;
  topic?: string;
  mode: 'fixed' | 'random';
  passScore: number;
  timeLimitMinutes?: number;
  maxAttempts?: number;
  drawCount?: number;
  closesOn?: Dayjs;
  audienceOrgIds: string[];
  questionIds?: string[];
  questions?: QuestionDraft[];
};

/** Publishes a quiz: new questions typed here (they join the bank) and/or questions picked from the bank. */
export default function QuizForm() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const settings = useTrainingSettings();
  const orgs = useOrgOptions();
  const tree = useMemo(() => orgTree((orgs.data ?? []).filter((o) => o.type !== 'party_group')), [orgs.data]);
  const mode = Form.useWatch('mode', form);
  const topic = Form.useWatch('topic', form);
  const bank = useQuery({
    queryKey: ['training', 'questions', 'pick', topic ?? null],
    queryFn: () =>
      api<{ items: BankQuestion[] }>('/training/questions', {
        query: { topic: topic || undefined, pageSize: 200 },
      }),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<QuizDetail>('/training/quizzes', {
        method: 'POST',
        body: {
          orgId: v.orgId,
          title: v.title,
          topic: v.topic || null,
          mode: v.mode,
          passScore: v.passScore,
          timeLimitMinutes: v.timeLimitMinutes ?? null,
          maxAttempts: v.maxAttempts ?? null,
          drawCount: v.mode === 'random' ? (v.drawCount ?? null) : null,
          closesOn: v.closesOn ? toDateString(v.closesOn) : null,
          audienceOrgIds: v.audienceOrgIds?.length ? v.audienceOrgIds : [v.orgId],
          questionIds: v.questionIds ?? [],
          questions: (v.questions ?? []).map(toQuestion),
        },
      }),
    onSuccess: (z) => {
      client.invalidateQueries({ queryKey: ['training'] });
      message.success('测试已发布');
      navigate(`/training/quizzes/${z.id}/results`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Page title="发布测试">
      <Card size="small" style={{ maxWidth: 760 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ mode: 'fixed', passScore: 60, maxAttempts: 3, audienceOrgIds: [] }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="orgId" label="发布组织" rules={[{ required: true, message: '请选择发布组织' }]}>
            <OrgTreeSelect types={['committee', 'general_branch', 'branch']} allowClear={false} />
          </Form.Item>
          <Form.Item name="title" label="测试名称" rules={[{ required: true, message: '请填写测试名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="topic" label="主题" extra="随机抽题时，从本组织及上级题库中该主题的试题抽取">
            <AutoComplete options={(settings.data?.topics ?? []).map((t) => ({ value: t }))} maxLength={40} />
          </Form.Item>
          <Form.Item name="audienceOrgIds" label="参加范围" extra="默认发布组织的全体党员">
            <TreeSelect
              multiple
              treeData={tree}
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder="选择组织（含下级）"
              popupMatchSelectWidth={false}
              styles={{ popup: { root: { maxWidth: '92vw' } } }}
            />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="passScore" label="及格分" rules={[{ required: true, message: '请填写及格分' }]}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name="timeLimitMinutes" label="限时（分钟）">
              <InputNumber min={1} max={300} placeholder="不限" />
            </Form.Item>
            <Form.Item name="maxAttempts" label="可答次数">
              <InputNumber min={1} max={20} placeholder="不限" />
            </Form.Item>
            <Form.Item name="closesOn" label="截止日期">
              <DatePicker disabledDate={(d) => d.isBefore(today(), 'day')} inputReadOnly />
            </Form.Item>
          </Flex>
          <Form.Item name="mode" label="出题方式">
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio value="fixed">固定试题</Radio>
              <Radio value="random">每次随机抽题</Radio>
            </Radio.Group>
          </Form.Item>
          {mode === 'random' && (
            <Form.Item
              name="drawCount"
              label="每次抽题数"
              rules={[{ required: true, message: '请填写抽题数' }]}
            >
              <InputNumber min={1} max={100} />
            </Form.Item>
          )}
          <Form.Item name="questionIds" label="从题库选题">
            <Select
              mode="multiple"
              loading={bank.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={mode === 'random' ? '不选则从题库该主题中抽取' : '选择试题'}
              options={(bank.data?.items ?? []).map((q) => ({
                value: q.id,
                label: `[${q.kindLabel}] ${q.text}`,
              }))}
            />
          </Form.Item>
          <Typography.Text strong>新出试题（保存后加入本组织题库）</Typography.Text>
          <Form.List name="questions">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginTop: 8 }}>
                {fields.map((f, i) => (
                  <Card
                    key={f.key}
                    size="small"
                    title={`第 ${i + 1} 题`}
                    extra={
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label="删除此题"
                      />
                    }
                  >
                    <QuestionFields name={[f.name]} form={form} />
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'single' })}>
                  添加一题
                </Button>
              </Flex>
            )}
          </Form.List>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            style={{ marginTop: 16 }}
            loading={save.isPending}
          >
            发布测试
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
