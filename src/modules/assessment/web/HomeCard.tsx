import { TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../web/api';
import { useMe } from '../../../web/session';
import type { BranchPage } from '../contract';
import { pctText } from './model';

/** The secretary's card: the branch's zones and model posts and its latest results, one tap to the branch page. */
export default function HomeCard() {
  const me = useMe();
  const branch = me.roles.find((r) => r.role === 'branch_secretary');
  const data = useQuery({
    queryKey: ['assessment', 'branch', branch?.orgId],
    enabled: !!branch,
    queryFn: () => api<BranchPage>(`/assessment/branches/${branch?.orgId}`),
  });
  if (!branch) return null;
  const d = data.data;
  const latest = d?.results[0];
  return (
    <Card
      size="small"
      title={
        <span>
          <TrophyOutlined /> 岗区与考核
        </span>
      }
      extra={<Link to={`/assessment/branches/${branch.orgId}`}>查看</Link>}
      loading={data.isPending}
    >
      {d && (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            党员责任区 {d.zones.filter((z) => z.kind === 'zone').length} 个，党员示范岗{' '}
            {d.zones.filter((z) => z.kind === 'model_post').length} 个。
            {latest
              ? ` 最近一次考核（${latest.periodLabel}）得分 ${latest.total ?? '—'}，得分率 ${pctText(latest.percent)}。`
              : ' 还没有已结束的考核。'}
          </Typography.Paragraph>
          {d.openRounds.length > 0 ? (
            <List
              size="small"
              dataSource={d.openRounds.filter((r) => r.target === 'branch')}
              renderItem={(r) => (
                <List.Item>
                  <Link to={`/assessment/rounds/${r.id}/subjects/${d.org.id}`}>{r.name}（进行中）</Link>
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有进行中的考核" />
          )}
        </>
      )}
    </Card>
  );
}
