import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import type { TaskBoard as Board } from '../contract';
import { Progressbar } from './parts';

type Unit = Board['units'][number];
type BoardTask = Board['tasks'][number];

const red = (n: number) =>
  n > 0 ? (
    <Typography.Text type="danger" strong>
      {n}
    </Typography.Text>
  ) : (
    n
  );

/**
 * 督办进度: the tasks in flight under an organization (answered, accepted, overdue) and the same figures
 * per child organization; a child opens the board one level down, a figure the task's targets.
 */
export default function TaskBoard() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const q = useQuery({
    queryKey: ['tasks', 'board', orgId],
    queryFn: () => api<Board>('/tasks/board', { query: { orgId } }),
  });
  const b = q.data;
  if (!b) return <Loading />;
  const drill = (id: string) => setParams({ orgId: id });
  const unitColumns: ResponsiveColumn<Unit>[] = [
    {
      title: b.root.type === 'committee' ? '党总支' : '党支部',
      dataIndex: 'orgName',
      mobile: 'title',
      render: (v: string, u) => <Link to={`/tasks/board?orgId=${u.orgId}`}>{v}</Link>,
    },
    {
      title: '应回复',
      dataIndex: ['counts', 'total'],
      width: 80,
      mobile: 'meta',
      render: (n: number) => `应回复 ${n}`,
    },
    {
      title: '已回复',
      dataIndex: ['counts', 'answered'],
      width: 80,
      mobile: 'meta',
      render: (n: number) => `已回复 ${n}`,
    },
    { title: '待审核', dataIndex: ['counts', 'submitted'], width: 80, mobile: 'hidden' },
    { title: '已通过', dataIndex: ['counts', 'accepted'], width: 80, mobile: 'hidden' },
    {
      title: '逾期',
      dataIndex: ['counts', 'overdue'],
      width: 80,
      mobile: 'extra',
      render: (n: number) =>
        n > 0 ? (
          <Typography.Text type="danger" strong>
            逾期 {n}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
  const taskColumns: ResponsiveColumn<BoardTask>[] = [
    {
      title: '任务',
      dataIndex: 'title',
      mobile: 'title',
      render: (v: string, t) => <Link to={`/tasks/${t.id}`}>{v}</Link>,
    },
    { title: '发布组织', dataIndex: 'orgName', width: 160, ellipsis: true, mobile: 'meta' },
    { title: '截止', dataIndex: 'dueOn', width: 110, mobile: 'meta' },
    {
      title: '进度',
      key: 'p',
      width: 260,
      mobile: 'line',
      render: (_: unknown, t) => <Progressbar counts={t.counts} compact />,
    },
    {
      title: '逾期',
      dataIndex: ['counts', 'overdue'],
      width: 70,
      mobile: 'extra',
      render: (n: number, t) => (n > 0 ? <Link to={`/tasks/${t.id}?status=overdue`}>{red(n)}</Link> : '—'),
    },
  ];
  return (
    <Page
      title={`督办进度 · ${b.root.name}`}
      extra={orgId && <Button onClick={() => navigate(-1)}>返回上一级</Button>}
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          ['在办任务', b.totals.tasks],
          ['应回复', b.totals.total],
          ['已回复', b.totals.answered],
          ['待审核', b.totals.submitted],
          ['已通过', b.totals.accepted],
        ].map(([label, value]) => (
          <Col key={label} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic title={label} value={value} />
            </Card>
          </Col>
        ))}
        <Col xs={12} sm={8} lg={4}>
          <Card size="small" style={{ borderColor: b.totals.overdue ? '#ffa39e' : undefined }}>
            <Statistic
              title="逾期未回复"
              value={b.totals.overdue}
              valueStyle={{ color: b.totals.overdue ? '#cf1322' : undefined }}
            />
          </Card>
        </Col>
      </Row>
      {b.units.length > 0 && (
        <Card size="small" title="按下级组织" style={{ marginBottom: 12 }}>
          <ResponsiveList
            rowKey="orgId"
            columns={unitColumns}
            items={b.units}
            empty="没有下级组织"
            onOpen={(u) => drill(u.orgId)}
            tableProps={{ size: 'small' }}
          />
        </Card>
      )}
      <Card size="small" title="在办任务">
        <Flex vertical gap={8}>
          <ResponsiveList
            rowKey="id"
            columns={taskColumns}
            items={b.tasks}
            empty="范围内没有在办的督办任务"
            onOpen={(t) => navigate(`/tasks/${t.id}`)}
            tableProps={{ size: 'small' }}
          />
        </Flex>
      </Card>
    </Page>
  );
}
