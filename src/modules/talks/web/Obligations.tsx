import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, List, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, download, showError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import { TALK_STATUS } from '../../safety/web/model';
import type { Obligation, ObligationList } from '../contract';
import { ABILITY } from './model';

const TABS = [
  { value: 'todo', label: '待办' },
  { value: 'overdue', label: '已逾期' },
  { value: 'done', label: '已谈话' },
  { value: 'all', label: '全部' },
];

const recordPath = (o: Obligation) => `/talks/new?violationId=${o.violationId}&personId=${o.personId}`;
const StatusTag = ({ o }: { o: Obligation }) => (
  <Tag color={TALK_STATUS[o.status].color}>{TALK_STATUS[o.status].label}</Tag>
);

function RecordButton({ o }: { o: Obligation }) {
  const navigate = useNavigate();
  return (
    <Button size="small" type="primary" onClick={() => navigate(recordPath(o))}>
      记录谈话
    </Button>
  );
}

const columns: ColumnsType<Obligation> = [
  { title: '姓名', dataIndex: 'personName', width: 100 },
  { title: '党支部', dataIndex: 'orgName', ellipsis: true },
  { title: '违章日期', width: 110, render: (_, o) => o.violation.occurredOn },
  { title: '违章情况', ellipsis: true, render: (_, o) => o.violation.description },
  { title: '谈话期限', dataIndex: 'dueOn', width: 110 },
  { title: '状态', width: 90, render: (_, o) => <StatusTag o={o} /> },
  {
    title: '操作',
    width: 110,
    render: (_, o) =>
      o.talkId ? (
        <Link to={`/talks/${o.talkId}`}>查看谈话</Link>
      ) : o.actions.includes('record_talk') ? (
        <RecordButton o={o} />
      ) : null,
  },
];

/** An obligation on a phone: who, after which violation, by when; the talk to record or read. */
function ObligationCard({ o }: { o: Obligation }) {
  const navigate = useNavigate();
  return (
    <Card size="small" data-testid="obligation">
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong>{o.personName}</Typography.Text>
        <StatusTag o={o} />
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
          <Button block type="primary" style={{ marginTop: 8 }} onClick={() => navigate(recordPath(o))}>
            记录谈话
          </Button>
        )
      )}
    </Card>
  );
}

/** What is owed first: the overdue, then the open ones; otherwise one tab's page. */
async function fetchObligations(tab: string, page: number) {
  const status = tab === 'todo' || tab === 'all' ? undefined : tab;
  if (tab !== 'todo')
    return api<ObligationList>('/talks/obligations', { query: { status, page, pageSize: 20 } });
  const [overdue, open] = await Promise.all(
    (['overdue', 'open'] as const).map((s) =>
      api<ObligationList>('/talks/obligations', { query: { status: s, pageSize: 200 } }),
    ),
  );
  return { items: [...overdue.items, ...open.items], total: overdue.total + open.total };
}

/** The secretary's list of talks owed after violations; what is due shows first. */
export default function Obligations() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('status') ?? 'todo';
  const page = Number(params.get('page') ?? 1) || 1;
  const status = tab === 'todo' || tab === 'all' ? undefined : tab;
  const list = useQuery({
    queryKey: ['talks', 'obligations', tab, page],
    queryFn: () => fetchObligations(tab, page),
  });
  const empty = { emptyText: <Empty description={tab === 'todo' ? '没有待完成的谈话' : '没有记录'} /> };
  return (
    <Page
      title="两违谈话"
      extra={
        <>
          {can(me, ABILITY.record) && (
            <Button onClick={() => navigate('/talks/new')} type="default">
              记录其他谈话
            </Button>
          )}
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
          locale={empty}
          renderItem={(o) => <ObligationCard o={o} />}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={empty}
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
