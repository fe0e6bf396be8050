import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Flex, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { fmtDateTime } from '../../../web/format';
import { type MeetingItem, type MeetingList, pct } from './model';
import { heldAtText, LateTag } from './parts';

const PAGE_SIZE = 20;

const orgText = (m: MeetingItem) =>
  m.orgType === 'party_group' ? `${m.branchName} ${m.orgName}` : m.orgName;
const attendanceText = (m: MeetingItem) =>
  `${m.attendanceCounts.present}/${m.attendanceCounts.expected}（${pct(m.attendanceRate)}）`;

function Flags({ m }: { m: MeetingItem }) {
  return (
    <Flex gap={4} wrap>
      <LateTag m={m} />
      {m.noQuorum && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          未达到规定人数
        </Tag>
      )}
    </Flex>
  );
}

// On a phone: "<organization> <kind>" with its flags, then "召开 … · 提交 … · 出勤 …", then the topic.
const columns: ResponsiveColumn<MeetingItem>[] = [
  { title: '组织', key: 'org', ellipsis: true, mobile: 'title', render: (_, m) => orgText(m) },
  { title: '类型', dataIndex: 'kindLabel', width: 110, mobile: 'title' },
  {
    title: '主题',
    dataIndex: 'topic',
    ellipsis: true,
    render: (t: string, m) => <Link to={`/meetings/${m.id}`}>{t}</Link>,
  },
  { title: '召开时间', dataIndex: 'heldAt', width: 150, mobile: 'hidden', render: heldAtText },
  { title: '提交时间', dataIndex: 'submittedAt', width: 160, mobile: 'hidden', render: fmtDateTime },
  { title: '出勤', key: 'attendance', width: 120, mobile: 'hidden', render: (_, m) => attendanceText(m) },
  {
    title: '时间与出勤',
    key: 'summary',
    hidden: true,
    mobile: 'meta',
    render: (_, m) =>
      `召开 ${heldAtText(m.heldAt)} · 提交 ${fmtDateTime(m.submittedAt)} · 出勤\u00a0${attendanceText(m)}`,
  },
  { title: '提示', key: 'flags', width: 150, mobile: 'extra', render: (_, m) => <Flags m={m} /> },
];

/** The records waiting for review: a tap on a card (the topic on a desktop) opens one; approve and return are on the record. */
export default function ReviewQueue() {
  const navigate = useNavigate();
  const { page, pageSize, setPage } = useUrlFilters({}, { pageSize: PAGE_SIZE });
  const queue = useQuery({
    queryKey: ['meetings', 'queue', page, pageSize],
    queryFn: () => api<MeetingList>('/meetings/review-queue', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const first = queue.data?.items[0];
  const open = (m: MeetingItem) => navigate(`/meetings/${m.id}`);
  return (
    <Page
      title={`记录审核${queue.data ? `（${queue.data.total} 条待审核）` : ''}`}
      extra={
        first && (
          <Button type="primary" onClick={() => open(first)}>
            从第一条开始审核
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        点开记录，在记录页通过或退回；处理后自动打开下一条。
      </Typography.Paragraph>
      <ResponsiveList
        rowKey="id"
        columns={columns}
        items={queue.data?.items}
        total={queue.data?.total}
        loading={queue.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        totalText={(t) => `共 ${t} 条待审核`}
        error={queue.error}
        onRetry={() => queue.refetch()}
        empty="没有待审核的记录。下级组织提交会议记录后会出现在这里"
        onOpen={open}
      />
    </Page>
  );
}
