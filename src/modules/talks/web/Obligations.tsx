import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, List, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, download, showError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { useIsMobile } from '../../../web/useIsMobile';
import { TALK_STATUS } from '../../safety/web/model';

interface Obligation {
  id: string;
  personId: string;
  personName: string;
  orgName: string;
  violationId: string;
  violation: { kind: string; occurredOn: string; description: string };
  dueOn: string;
  status: 'open' | 'done' | 'overdue';
  talkId: string | null;
  doneOn: string | null;
  actions: string[];
}

const TABS = [
  { value: 'todo', label: '待办' },
  { value: 'overdue', label: '已逾期' },
  { value: 'done', label: '已谈话' },
  { value: 'all', label: '全部' },
];

/** The secretary's list of talks owed after violations; what is due shows first. */
export default function Obligations() {
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('status') ?? 'todo';
  const page = Number(params.get('page') ?? 1) || 1;
  const status = tab === 'todo' || tab === 'all' ? undefined : tab;
  const list = useQuery({
    queryKey: ['talks', 'obligations', tab, page],
    queryFn: async () => {
      if (tab !== 'todo')
        return api<{ items: Obligation[]; total: number }>('/talks/obligations', {
          query: { status, page, pageSize: 20 },
        });
      const [overdue, open] = await Promise.all(
        (['overdue', 'open'] as const).map((s) =>
          api<{ items: Obligation[]; total: number }>('/talks/obligations', {
            query: { status: s, pageSize: 200 },
          }),
        ),
      );
      return { items: [...overdue.items, ...open.items], total: overdue.total + open.total };
    },
  });
  const record = (o: Obligation) =>
    navigate(`/talks/new?violationId=${o.violationId}&personId=${o.personId}`);
  const tag = (o: Obligation) => <Tag color={TALK_STATUS[o.status].color}>{TALK_STATUS[o.status].label}</Tag>;

  const columns: ColumnsType<Obligation> = [
    { title: '姓名', dataIndex: 'personName', width: 100 },
    { title: '党支部', dataIndex: 'orgName', ellipsis: true },
    { title: '违章日期', width: 110, render: (_, o) => o.violation.occurredOn },
    { title: '违章情况', ellipsis: true, render: (_, o) => o.violation.description },
    { title: '谈话期限', dataIndex: 'dueOn', width: 110 },
    { title: '状态', width: 90, render: (_, o) => tag(o) },
    {
      title: '操作',
      width: 110,
      render: (_, o) =>
        o.talkId ? (
          <Link to={`/talks/${o.talkId}`}>查看谈话</Link>
        ) : o.actions.includes('record_talk') ? (
          <Button size="small" type="primary" onClick={() => record(o)}>
            记录谈话
          </Button>
        ) : null,
    },
  ];

  return (
    <Page
      title="两违谈话"
      extra={
        <>
          <Button onClick={() => navigate('/talks/new')} type="default">
            记录其他谈话
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              download('/talks/obligations/export', { status }, '两违谈话任务台账.xlsx').catch(showError)
            }
          >
            导出台账
          </Button>
        </>
      }
    >
      <Segmented
        block={mobile}
        options={TABS}
        value={tab}
        onChange={(v) => setParams(v === 'todo' ? {} : { status: String(v) }, { replace: true })}
        style={{ marginBottom: 12 }}
      />
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={tab === 'todo' ? '没有待完成的谈话' : '没有记录'} /> }}
          renderItem={(o) => (
            <Card size="small" data-testid="obligation">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{o.personName}</Typography.Text>
                {tag(o)}
              </Flex>
              <Typography.Text type="secondary">
                {o.orgName}·{o.violation.occurredOn} 违章·期限 {o.dueOn}
              </Typography.Text>
              <div>{o.violation.description}</div>
              {o.talkId ? (
                <Button block style={{ marginTop: 8 }} onClick={() => navigate(`/talks/${o.talkId}`)}>
                  查看谈话
                </Button>
              ) : (
                o.actions.includes('record_talk') && (
                  <Button block type="primary" style={{ marginTop: 8 }} onClick={() => record(o)}>
                    记录谈话
                  </Button>
                )
              )}
            </Card>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <Empty description={tab === 'todo' ? '没有待完成的谈话' : '没有记录'} /> }}
          pagination={
            tab === 'todo'
              ? false
              : {
                  current: page,
                  pageSize: 20,
                  total: list.data?.total ?? 0,
                  showSizeChanger: false,
                  onChange: (p) => setParams({ status: tab, page: String(p) }, { replace: true }),
                }
          }
        />
      )}
    </Page>
  );
}
