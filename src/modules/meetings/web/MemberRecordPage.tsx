import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { type MemberRecord, pct } from './model';

const GRADE_COLORS: Record<string, string> = {
  excellent: 'red',
  qualified: 'green',
  basically_qualified: 'gold',
  unqualified: 'volcano',
};

/** A member's organization-life record by year: attendance and the 民主评议 grade. */
export default function MemberRecordPage() {
  const { personId } = useParams();
  const record = useQuery({
    queryKey: ['meetings', 'member', personId],
    queryFn: () => api<MemberRecord>(`/meetings/members/${personId}`),
  });
  if (record.isPending) return <Loading />;
  const r = record.data;
  return (
    <Page title={`组织生活档案${r?.name ? `：${r.name}` : ''}`}>
      <Card size="small">
        {!r || r.years.length === 0 ? (
          <Empty description="没有可查看的组织生活记录" />
        ) : (
          <Table
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={r.years}
            scroll={{ x: 520 }}
            columns={[
              { title: '年度', dataIndex: 'year', width: 70 },
              { title: '应参加', dataIndex: 'expected', width: 70 },
              { title: '出席', dataIndex: 'present', width: 60 },
              { title: '请假', dataIndex: 'leave', width: 60 },
              { title: '缺席', dataIndex: 'absent', width: 60 },
              { title: '补学', dataIndex: 'madeUp', width: 60 },
              { title: '出勤率', dataIndex: 'rate', width: 70, render: pct },
              {
                title: '民主评议等次',
                render: (_: unknown, y: MemberRecord['years'][number]) =>
                  y.grade ? (
                    <Link to={`/meetings/${y.grade.meetingId}`}>
                      <Tag color={GRADE_COLORS[y.grade.grade]}>{y.grade.label}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {y.grade.heldOn}
                      </Typography.Text>
                    </Link>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          按已提交的会议记录统计；免于参加组织生活的党员未到会、停止党籍期间的会议不计入应参加。
        </Typography.Paragraph>
      </Card>
    </Page>
  );
}
