import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  List,
  Progress,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { useIsMobile } from '../../../web/useIsMobile';
import type { SurveyDetail as Detail } from '../contract';

function AnswerForm({ s }: { s: Detail }) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { choices: string[]; comment?: string; orgId?: string }) =>
      api<Detail>(`/training/surveys/${s.id}/answers`, {
        method: 'POST',
        body: { ...v, comment: v.comment || null },
      }),
    onSuccess: (d) => {
      client.setQueryData(['training', 'survey', s.id], d);
      client.invalidateQueries({ queryKey: ['training', 'mine'] });
      message.success('已提交，截止前可以修改');
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Card
      size="small"
      title={s.myAnswer ? `我的填写（${s.myAnswer.answeredAt.slice(0, 10)}，截止前可修改）` : '填写调查'}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          choices: s.myAnswer?.choices ?? [],
          comment: s.myAnswer?.comment ?? undefined,
          orgId: s.answerOrgs.length === 1 ? s.answerOrgs[0].id : s.myAnswer?.orgId,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        {s.answerOrgs.length > 1 && (
          <Form.Item name="orgId" label="代表的党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <Select
              options={s.answerOrgs.map((o) => ({
                value: o.id,
                label: `${o.name}${o.answered ? '（已填）' : ''}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="choices"
          label="需要的培训主题（可多选）"
          rules={[{ required: true, message: '请至少选择一个主题' }]}
        >
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={s.topics.map((t) => ({ value: t, label: t }))}
          />
        </Form.Item>
        <Form.Item name="comment" label="其他需求和建议">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
          {s.myAnswer ? '修改' : '提交'}
        </Button>
      </Form>
    </Card>
  );
}

function Results({ s }: { s: Detail }) {
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const r = s.results!;
  const top = Math.max(1, ...r.topics.map((t) => t.count));
  const planFrom = (t: (typeof r.topics)[number]) => {
    const q = new URLSearchParams({ surveyId: s.id, topic: t.topic });
    if (s.audience === 'members') q.set('personIds', t.personIds.join(','));
    else q.set('orgIds', t.orgIds.join(','));
    navigate(`/training/classes/new?${q}`);
  };
  return (
    <>
      <Card
        size="small"
        title={`汇总：已收到 ${r.answered} / ${r.expected} 份（${r.expected ? Math.round((100 * r.answered) / r.expected) : 0}%）`}
      >
        <List
          dataSource={r.topics}
          renderItem={(t) => (
            <List.Item
              extra={
                t.count > 0 && (
                  <Button size="small" onClick={() => planFrom(t)}>
                    按此主题办班
                  </Button>
                )
              }
            >
              <Flex vertical style={{ width: '100%' }} gap={2}>
                <Typography.Text>
                  {t.topic}
                  <Typography.Text type="secondary">
                    （{t.count}
                    {s.audience === 'members' ? ' 人' : ' 个支部'}）
                  </Typography.Text>
                </Typography.Text>
                <Progress percent={Math.round((100 * t.count) / top)} showInfo={false} size="small" />
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      {r.byOrg.length > 0 && (
        <Card size="small" title="下一级组织的填写情况与需求">
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={r.byOrg}
            scroll={{ x: mobile ? 600 : undefined }}
            columns={[
              { title: '组织', dataIndex: 'name', fixed: 'left', width: 160, ellipsis: true },
              { title: '已填/应填', key: 'n', width: 90, render: (_, o) => `${o.answered}/${o.expected}` },
              ...s.topics.map((t) => ({
                title: t,
                key: t,
                width: 90,
                align: 'right' as const,
                render: (_: unknown, o: (typeof r.byOrg)[number]) =>
                  o.topics.find((x) => x.topic === t)?.count || '',
              })),
            ]}
          />
        </Card>
      )}
      {r.comments.length > 0 && (
        <Card size="small" title={`意见建议（${r.comments.length}）`}>
          <List
            size="small"
            dataSource={r.comments}
            renderItem={(c) => (
              <List.Item>
                <Typography.Text>
                  {c.text}
                  <Typography.Text type="secondary">（{c.orgName}）</Typography.Text>
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}

export default function SurveyDetail() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['training', 'survey', id],
    queryFn: () => api<Detail>(`/training/surveys/${id}`),
  });
  const s = q.data;
  if (q.isPending) return <Loading />;
  if (q.isError || !s)
    return (
      <Page title="调查详情">
        <Alert type="error" showIcon title={(q.error as Error)?.message ?? '加载失败'} />
      </Page>
    );
  return (
    <Page title={s.title}>
      <Flex vertical gap={12}>
        <Flex gap={6} wrap align="center">
          <Tag color={s.open ? 'blue' : 'default'}>{s.open ? '进行中' : '已截止'}</Tag>
          <Typography.Text type="secondary">
            {s.orgName} · {s.audienceLabel} · {s.deadline} 截止
          </Typography.Text>
        </Flex>
        {s.description && <Typography.Paragraph style={{ margin: 0 }}>{s.description}</Typography.Paragraph>}
        {s.actions.includes('answer') && <AnswerForm s={s} />}
        {!s.actions.includes('answer') && s.myAnswer && (
          <Card size="small" title="我的填写">
            {s.myAnswer.choices.join('、')}
            {s.myAnswer.comment ? `；${s.myAnswer.comment}` : ''}
          </Card>
        )}
        {s.results && <Results s={s} />}
      </Flex>
    </Page>
  );
}
