import { useQuery } from '@tanstack/react-query';
import { Button, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { Round, RoundList } from '../contract';
import { TARGET_LABELS } from '../rules';
import { ABILITY } from './model';
import { NewRound } from './NewRound';

export function RoundStatus({ r }: { r: Pick<Round, 'status' | 'frozenOn'> }) {
  return r.status === 'open' ? <Tag color="processing">进行中</Tag> : <Tag>已结束 · {r.frozenOn} 冻结</Tag>;
}

/** 考核轮次: open ones (live) and closed ones (frozen), newest first. */
export default function Rounds() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as '' | 'open' | 'closed';
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['assessment', 'rounds', status],
    queryFn: () => api<RoundList>('/assessment/rounds', { query: { status: status || undefined } }),
  });
  return (
    <Page
      title="考核评比"
      extra={
        <>
          <Segmented
            value={status}
            onChange={(v) => setParams(v ? { status: String(v) } : {}, { replace: true })}
            options={[
              { value: '', label: '全部' },
              { value: 'open', label: '进行中' },
              { value: 'closed', label: '已结束' },
            ]}
          />
          {can(me, ABILITY.run) && (
            <Button type="primary" onClick={() => setCreating(true)}>
              发起考核
            </Button>
          )}
        </>
      }
    >
      <ResponsiveList<Round>
        rowKey="id"
        items={list.data?.items}
        loading={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        empty={
          status ? '没有这一状态的考核' : '还没有考核。党委、党总支可按模板发起党支部考核，支部可发起岗区考核'
        }
        onOpen={(r) => navigate(`/assessment/rounds/${r.id}`)}
        columns={[
          {
            title: '考核',
            dataIndex: 'name',
            mobile: 'title',
            render: (v: string, r) => <Link to={`/assessment/rounds/${r.id}`}>{v}</Link>,
          },
          {
            title: '状态',
            key: 'status',
            mobile: 'extra',
            width: 170,
            render: (_, r) => <RoundStatus r={r} />,
          },
          { title: '考核期', dataIndex: 'periodLabel', mobile: 'meta', width: 150 },
          {
            title: '对象',
            dataIndex: 'target',
            mobile: 'meta',
            width: 110,
            render: (t: Round['target']) => TARGET_LABELS[t],
          },
          { title: '范围', dataIndex: 'orgName', mobile: 'line', width: 200, ellipsis: true },
          {
            title: '模板',
            key: 'template',
            mobile: 'hidden',
            ellipsis: true,
            render: (_, r) => `${r.templateName}（第${r.templateVersion}版）`,
          },
          {
            title: '可见范围',
            dataIndex: 'seesAll',
            mobile: 'hidden',
            width: 110,
            render: (v: boolean) => (v ? '全部对象' : '本单位'),
          },
        ]}
      />
      <NewRound open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
