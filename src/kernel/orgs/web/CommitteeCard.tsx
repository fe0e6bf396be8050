import { useQuery } from '@tanstack/react-query';
import { Empty, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../web/api';
import { fmtDate } from '../../../web/format';
import type { CommitteeResponse, TermItem, TermsResponse } from '../contract';

type Post = CommitteeResponse['posts'][number];

const TERM_COLORS: Record<TermItem['status'], string> = {
  current: 'green',
  due_soon: 'gold',
  overdue: 'red',
};

/**
 * The committee of an organization today (posts with the dates they are held from, and how: elected,
 * appointed, migrated from the party posts), and its term with the 换届 status.
 */
export function CommitteeCard({ orgId }: { orgId: string }) {
  const committee = useQuery({
    queryKey: ['orgs', 'committee', orgId],
    queryFn: () => api<CommitteeResponse>(`/orgs/${orgId}/committee`),
  });
  const terms = useQuery({
    queryKey: ['orgs', 'terms', orgId],
    queryFn: () => api<TermsResponse>(`/terms?orgId=${orgId}`),
  });
  const c = committee.data;
  if (!c) return null;
  const term = terms.data?.items.find((t) => t.orgId === orgId);
  return (
    <div>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>委员会（{c.hasCommittee ? '已设立' : '未设立，设书记'}）</Typography.Text>
        {term ? (
          <Link to="/orgs/terms">
            <Tag color={TERM_COLORS[term.status]} style={{ marginInlineEnd: 0 }}>
              本届 {fmtDate(term.startedOn)} 至 {fmtDate(term.endsOn)} · {term.statusLabel}
            </Tag>
          </Link>
        ) : (
          terms.data && <Tag>未登记任期</Tag>
        )}
      </Flex>
      <Table<Post>
        size="small"
        rowKey={(p) => `${p.personId}-${p.post}-${p.from}`}
        dataSource={c.posts}
        pagination={false}
        scroll={{ x: 360 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="尚无任职记录：由上级组织任命，或在支部党员大会选举后登记"
            />
          ),
        }}
        columns={[
          { title: '职务', dataIndex: 'postLabel', width: 96 },
          { title: '姓名', dataIndex: 'name' },
          { title: '任职起', dataIndex: 'from', width: 100, render: fmtDate },
          { title: '产生方式', dataIndex: 'sourceLabel', width: 84 },
        ]}
      />
    </div>
  );
}
