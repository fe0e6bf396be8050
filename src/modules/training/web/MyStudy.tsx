import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { useMe } from '../../../web/session';
import type { MyTraining, PersonHours } from '../contract';
import { PARTICIPANT_STATUS_LABELS } from '../rules';
import { hoursText } from './model';
import { EntryList, LedgerSummary } from './PersonHours';

export function useMyTraining() {
  return useQuery({ queryKey: ['training', 'mine'], queryFn: () => api<MyTraining>('/training/mine') });
}

const when = (c: MyTraining['classes'][number]) =>
  `${c.startsOn === c.endsOn ? c.startsOn : `${c.startsOn} 至 ${c.endsOn}`} · ${c.online ? '线上' : (c.place ?? '')} · ${hoursText(c.hours)} 学时`;

export function ClassLines({ items }: { items: MyTraining['classes'] }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const signup = useMutation({
    mutationFn: (id: string) => api(`/training/classes/${id}/signup`, { method: 'POST' }),
    onSuccess: () => {
      message.success('报名成功');
      client.invalidateQueries({ queryKey: ['training'] });
    },
    onError: showError,
  });
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(c) => (
        <List.Item
          onClick={() => navigate(`/training/classes/${c.id}`)}
          style={{ cursor: 'pointer' }}
          extra={
            c.canSignup ? (
              <Button
                type="primary"
                loading={signup.isPending && signup.variables === c.id}
                onClick={(e) => {
                  e.stopPropagation();
                  signup.mutate(c.id);
                }}
              >
                报名
              </Button>
            ) : (
              <Tag color="blue">{PARTICIPANT_STATUS_LABELS[c.myStatus ?? ''] ?? '可报名'}</Tag>
            )
          }
        >
          <List.Item.Meta title={c.title} description={`${when(c)} · ${c.orgName}`} />
        </List.Item>
      )}
    />
  );
}

/** 我的学习: my hours and where they came from, my classes, what I must read, quizzes, surveys, records. */
export default function MyStudy() {
  const me = useMe();
  const mine = useMyTraining();
  const ledger = useQuery({
    queryKey: ['training', 'person', me.user.personId, 'mine'],
    queryFn: () => api<PersonHours>(`/training/hours/${me.user.personId}`),
    enabled: !!me.user.personId,
  });
  const m = mine.data;
  if (!me.user.personId)
    return (
      <Page title="我的学习">
        <Empty description="您的账号还没有关联人员档案，请联系本支部书记或党委组织部" />
      </Page>
    );
  return (
    <Page title="我的学习">
      {mine.isPending || ledger.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <Alert type="error" showIcon title={(mine.error as Error).message} />
      ) : (
        m && (
          <Flex vertical gap={12}>
            {ledger.data && <LedgerSummary l={ledger.data} />}
            <Card size="small" title={`培训班（${m.classes.length}）`}>
              {m.classes.length ? (
                <ClassLines items={m.classes} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近期没有要参加或可报名的培训班" />
              )}
            </Card>
            <Card
              size="small"
              title={`必学内容（${m.required.length} 项未完成）`}
              extra={<Link to="/training/contents">全部学习内容</Link>}
            >
              {m.required.length ? (
                <List
                  size="small"
                  dataSource={m.required}
                  renderItem={(r) => (
                    <List.Item extra={<RightOutlined />}>
                      <Link to={`/training/contents/${r.id}`} style={{ flex: 1 }}>
                        <Flex gap={6} wrap align="center">
                          {r.overdue && <Tag color="red">已逾期</Tag>}
                          <span>{r.title}</span>
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            {r.dueOn ? `${r.dueOn} 前完成 · ` : ''}
                            {hoursText(r.hours)} 学时
                          </Typography.Text>
                        </Flex>
                      </Link>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty
                  image={<CheckCircleOutlined style={{ fontSize: 32, color: '#52c41a' }} />}
                  description="必学内容都已完成"
                />
              )}
            </Card>
            <Card
              size="small"
              title={`待参加的测试（${m.quizzes.length}）`}
              extra={<Link to="/training/quizzes">全部测试</Link>}
            >
              {m.quizzes.length ? (
                <List
                  size="small"
                  dataSource={m.quizzes}
                  renderItem={(z) => (
                    <List.Item extra={<RightOutlined />}>
                      <Link to={`/training/quizzes/${z.id}`} style={{ flex: 1 }}>
                        {z.title}
                        <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 8 }}>
                          {z.closesOn ? `${z.closesOn} 截止` : '长期有效'}
                          {z.attemptsLeft !== null ? ` · 还可答 ${z.attemptsLeft} 次` : ''}
                        </Typography.Text>
                      </Link>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待参加的测试" />
              )}
            </Card>
            {m.surveys.length > 0 && (
              <Card size="small" title="培训需求调查">
                <List
                  size="small"
                  dataSource={m.surveys}
                  renderItem={(s) => (
                    <List.Item extra={<RightOutlined />}>
                      <Link to={`/training/surveys/${s.id}`} style={{ flex: 1 }}>
                        {s.title}（{s.deadline} 截止）
                      </Link>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <Card size="small" title={`结业记录（${m.certificates.length}）`}>
              {m.certificates.length ? (
                <List
                  size="small"
                  dataSource={m.certificates}
                  renderItem={(c) => (
                    <List.Item extra={<RightOutlined />}>
                      <Link to={`/training/certificates/${c.id}`} style={{ flex: 1 }}>
                        {c.classTitle}
                        <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 8 }}>
                          {c.endsOn} · {hoursText(c.hours)} 学时 · 编号 {c.no}
                        </Typography.Text>
                      </Link>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description="参加培训班并出勤后，这里会有结业记录"
                />
              )}
            </Card>
            {ledger.data && (
              <Card size="small" title="学时明细">
                <EntryList entries={ledger.data.entries} />
              </Card>
            )}
          </Flex>
        )
      )}
    </Page>
  );
}
