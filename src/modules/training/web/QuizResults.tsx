import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import type { QuizResults as Results } from '../contract';
import { QUESTION_KIND_LABELS } from '../rules';

/** Results per person, per branch and per question: the most missed questions first. */
export default function QuizResults() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['training', 'quiz', id, 'results'],
    queryFn: () => api<Results>(`/training/quizzes/${id}/results`),
  });
  const r = q.data;
  if (q.isPending) return <Loading />;
  if (q.isError || !r)
    return (
      <Page title="测试结果">
        <Alert type="error" showIcon title={(q.error as Error)?.message ?? '加载失败'} />
      </Page>
    );
  const passed = r.people.filter((p) => p.passed).length;
  const avg = r.people.length
    ? Math.round((10 * r.people.reduce((s, p) => s + p.bestScore, 0)) / r.people.length) / 10
    : 0;
  return (
    <Page title={`${r.quiz.title} · 结果`}>
      <Flex vertical gap={12}>
        <Row gutter={[12, 12]}>
          {[
            { title: '参加人数', value: r.people.length, suffix: '人' },
            { title: '通过人数', value: passed, suffix: '人' },
            {
              title: '通过率',
              value: r.people.length ? Math.round((100 * passed) / r.people.length) : 0,
              suffix: '%',
            },
            { title: '平均最高分', value: avg, suffix: '分' },
          ].map((s) => (
            <Col key={s.title} xs={12} md={6}>
              <Card size="small">
                <Statistic {...s} />
              </Card>
            </Col>
          ))}
        </Row>
        <Card size="small" title="易错题（按错误率排序）">
          <Table
            size="small"
            rowKey="questionId"
            pagination={false}
            dataSource={r.questions}
            locale={{ emptyText: '还没有人交卷' }}
            columns={[
              {
                title: '题目',
                dataIndex: 'text',
                render: (t: string, x) => (
                  <span>
                    <Tag>{QUESTION_KIND_LABELS[x.kind]}</Tag>
                    {t}
                  </span>
                ),
              },
              { title: '作答', dataIndex: 'answered', width: 70, align: 'right' },
              {
                title: '错误率',
                dataIndex: 'wrongRate',
                width: 160,
                render: (w: number) => (
                  <Progress
                    percent={Math.round(w * 100)}
                    size="small"
                    strokeColor={w > 0.4 ? '#cf1322' : '#faad14'}
                  />
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title="各党支部">
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={r.branches}
            locale={{ emptyText: '还没有人交卷' }}
            columns={[
              { title: '党支部', dataIndex: 'name', ellipsis: true },
              { title: '参加', dataIndex: 'people', width: 64, align: 'right' },
              { title: '通过', dataIndex: 'passed', width: 64, align: 'right' },
              { title: '平均分', dataIndex: 'avgScore', width: 72, align: 'right' },
            ]}
          />
        </Card>
        <Card size="small" title="个人成绩">
          <ResponsiveList
            rowKey="personId"
            items={r.people}
            empty="还没有人交卷"
            totalText={(t) => `共 ${t} 人`}
            columns={[
              { title: '姓名', dataIndex: 'name', mobile: 'title', width: 100 },
              {
                title: '结果',
                dataIndex: 'passed',
                mobile: 'extra',
                width: 80,
                render: (p: boolean) => <Tag color={p ? 'green' : 'orange'}>{p ? '通过' : '未通过'}</Tag>,
              },
              { title: '党支部', dataIndex: 'orgName', mobile: 'meta', ellipsis: true },
              {
                title: '最高分',
                dataIndex: 'bestScore',
                mobile: 'meta',
                width: 80,
                render: (s: number) => `${s} 分`,
              },
              {
                title: '次数',
                dataIndex: 'attempts',
                mobile: 'meta',
                width: 70,
                render: (n: number) => `${n} 次`,
              },
            ]}
          />
        </Card>
        <Typography.Text type="secondary">评分在服务器进行，试题答案只在交卷后向答题人展示。</Typography.Text>
      </Flex>
    </Page>
  );
}
