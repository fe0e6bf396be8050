import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, Flex, List, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../api';

interface MeetingsTodo {
  branches: { orgId: string; name: string; due: { kind: string; label?: string; overdue: boolean }[] }[];
  drafts: unknown[];
  returned: unknown[];
  reviewQueueCount: number;
}
interface SafetyTodo {
  counts: {
    talks: number;
    talksOverdue: number;
    followups: number;
    followupsOverdue: number;
    analyses: number;
  };
  analyses: { orgId: string; orgName: string; label: string; link: string }[];
}

interface Line {
  key: string;
  label: string;
  count: number;
  overdue?: number;
  link: string;
}

/** What the caller has to do now, gathered from every module, before the statistics. */
export function HomeTodo() {
  const meetings = useQuery({
    queryKey: ['meetings', 'todo'],
    queryFn: () => api<MeetingsTodo>('/meetings/todo'),
  });
  const safety = useQuery({ queryKey: ['safety', 'todo'], queryFn: () => api<SafetyTodo>('/safety/todo') });
  const m = meetings.data;
  const s = safety.data;
  const due = m?.branches.flatMap((b) => b.due) ?? [];
  const lines: Line[] = [
    {
      key: 'due',
      label: '应开展的组织生活',
      count: due.length,
      overdue: due.filter((d) => d.overdue).length,
      link: '/meetings',
    },
    { key: 'returned', label: '被退回待修改的记录', count: m?.returned.length ?? 0, link: '/meetings' },
    { key: 'drafts', label: '未提交的草稿', count: m?.drafts.length ?? 0, link: '/meetings' },
    { key: 'review', label: '待我审核的记录', count: m?.reviewQueueCount ?? 0, link: '/meetings/review' },
    {
      key: 'talks',
      label: '违章违纪后待谈话',
      count: s?.counts.talks ?? 0,
      overdue: s?.counts.talksOverdue ?? 0,
      link: '/talks',
    },
    {
      key: 'followups',
      label: '薄弱人员待回访',
      count: s?.counts.followups ?? 0,
      overdue: s?.counts.followupsOverdue ?? 0,
      link: '/safety/mentoring',
    },
    ...(s?.analyses ?? []).map((a) => ({
      key: `analysis-${a.orgId}`,
      label: a.label,
      count: 1,
      link: a.link,
    })),
  ].filter((l) => l.count > 0);
  const loading = meetings.isPending || safety.isPending;
  return (
    <Card title="待办" size="small" loading={loading}>
      {lines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="眼下没有到期的工作，做得好" />
      ) : (
        <List
          size="small"
          dataSource={lines}
          renderItem={(l) => (
            <List.Item
              actions={[
                <Link key="go" to={l.link}>
                  去处理
                </Link>,
              ]}
            >
              <Flex align="center" gap={8} style={{ flex: 1 }}>
                <Badge count={l.count} overflowCount={999} color="#c8102e" />
                <span>{l.label}</span>
                {l.overdue ? <Tag color="red">逾期 {l.overdue}</Tag> : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
