import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, download, showError } from '../../../web/api';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import type { BranchRecords as Records } from '../contract';

type Meeting = Records['meetings'][number];
type Talk = Records['talks'][number];
type Violation = Records['violations'][number];

export const useBranchRecords = (inspectionId: string) =>
  useQuery({
    queryKey: ['inspections', 'records', inspectionId],
    queryFn: () => api<Records>(`/inspections/${inspectionId}/records`),
    staleTime: 60_000,
  });

const late = (v: boolean) =>
  v ? (
    <Tag color="orange" style={{ marginInlineEnd: 0 }}>
      补录
    </Tag>
  ) : null;

const meetingColumns: ResponsiveColumn<Meeting>[] = [
  { title: '日期', dataIndex: 'heldOn', width: 110, mobile: 'meta' },
  { title: '类别', dataIndex: 'kindLabel', width: 120, mobile: 'meta' },
  {
    title: '主题',
    dataIndex: 'topic',
    mobile: 'title',
    render: (v: string, m) => <Link to={m.link}>{v}</Link>,
  },
  { title: '召开', dataIndex: 'orgName', width: 160, ellipsis: true, mobile: 'hidden' },
  {
    title: '出席',
    key: 'a',
    width: 90,
    mobile: 'meta',
    render: (_: unknown, m) => `${m.present}/${m.expected} 人`,
  },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    width: 130,
    mobile: 'extra',
    render: (v: string, m) => (
      <Flex gap={4}>
        <Tag style={{ marginInlineEnd: 0 }}>{v}</Tag>
        {late(m.late)}
      </Flex>
    ),
  },
];
const talkColumns: ResponsiveColumn<Talk>[] = [
  { title: '日期', dataIndex: 'heldOn', width: 110, mobile: 'meta' },
  { title: '类型', dataIndex: 'kindLabel', width: 130, mobile: 'meta' },
  {
    title: '谈话对象',
    dataIndex: 'personName',
    mobile: 'title',
    render: (v: string, t) => <Link to={t.link}>{v}</Link>,
  },
  { title: '谈话人', dataIndex: 'talkerName', width: 120, mobile: 'meta' },
  { title: '', dataIndex: 'late', width: 70, mobile: 'extra', render: late },
];
const violationColumns: ResponsiveColumn<Violation>[] = [
  { title: '日期', dataIndex: 'occurredOn', width: 110, mobile: 'meta' },
  {
    title: '姓名',
    dataIndex: 'personName',
    width: 130,
    mobile: 'title',
    render: (v: string, r) => (
      <>
        <Link to={r.link}>{v}</Link> {r.wasMember && <Tag color="red">党员</Tag>}
      </>
    ),
  },
  { title: '类别', dataIndex: 'categoryName', ellipsis: true, mobile: 'meta' },
  {
    title: '两违谈话',
    dataIndex: 'talkStatusLabel',
    width: 110,
    mobile: 'extra',
    render: (v: string | null, r) => (v ? <Tag color={r.talkOverdue ? 'red' : 'default'}>{v}</Tag> : '—'),
  },
];

/**
 * The online part of the inspection: the branch's records of the period, read in place (no request to
 * the branch), each opening the record itself; the ledgers download filtered to the branch.
 */
export function BranchRecords({ inspectionId }: { inspectionId: string }) {
  const q = useBranchRecords(inspectionId);
  const r = q.data;
  if (!r) return <Card size="small" loading />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        查阅期间 {r.period.from} 至 {r.period.to}
        。以下为该支部在系统中的原始记录，点击可查看详情；标“补录”的为超过期限后录入的记录。
      </Typography.Text>
      <Card size="small" title={`组织生活（${r.meetings.length}）`}>
        <ResponsiveList
          rowKey="id"
          columns={meetingColumns}
          items={r.meetings}
          empty="该期间没有组织生活记录"
          tableProps={{ size: 'small' }}
        />
      </Card>
      <Card size="small" title={`谈心谈话（${r.talks.length}）`}>
        <ResponsiveList
          rowKey="id"
          columns={talkColumns}
          items={r.talks}
          empty="该期间没有谈话记录"
          tableProps={{ size: 'small' }}
        />
      </Card>
      <Card size="small" title={`违章违纪（${r.violations.length}）`}>
        <ResponsiveList
          rowKey="id"
          columns={violationColumns}
          items={r.violations}
          empty="该期间没有违章违纪记录"
          tableProps={{ size: 'small' }}
        />
      </Card>
      <Card size="small" title="台账">
        {r.ledgers.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可下载的台账" />
        ) : (
          <Flex gap={8} wrap>
            {r.ledgers.map((l) => (
              <Button
                key={l.path}
                icon={<DownloadOutlined />}
                onClick={() => {
                  const [path, search] = l.path.split('?');
                  download(path, Object.fromEntries(new URLSearchParams(search)), `${l.label}.xlsx`).catch(
                    showError,
                  );
                }}
              >
                {l.label}
              </Button>
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
