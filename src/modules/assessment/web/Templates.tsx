import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { Template, TemplateList } from '../contract';
import { PERIOD_KIND_LABELS } from '../rules';
import { ABILITY } from './model';

export const TEMPLATE_STATUS: Record<Template['status'], { label: string; color?: string }> = {
  active: { label: '使用中', color: 'green' },
  superseded: { label: '已有新版本' },
  retired: { label: '已停用' },
};

/** 考核模板: the sheets the caller may use or read, their versions on request. */
export default function Templates() {
  const me = useMe();
  const navigate = useNavigate();
  const [all, setAll] = useState(false);
  const list = useQuery({
    queryKey: ['assessment', 'templates', all],
    queryFn: () => api<TemplateList>('/assessment/templates', { query: { all: all ? 'true' : undefined } }),
  });
  return (
    <Page
      title="考核模板"
      extra={
        <>
          <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
            含历史版本
          </Checkbox>
          {can(me, ABILITY.run) && (
            <Button type="primary" onClick={() => navigate('/assessment/templates/new')}>
              新建模板
            </Button>
          )}
        </>
      }
    >
      <ResponsiveList<Template>
        rowKey="id"
        items={list.data?.items}
        loading={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        empty="还没有考核模板"
        onOpen={(t) => navigate(`/assessment/templates/${t.id}`)}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            mobile: 'title',
            render: (v: string, t) => <Link to={`/assessment/templates/${t.id}`}>{v}</Link>,
          },
          {
            title: '状态',
            dataIndex: 'status',
            mobile: 'extra',
            width: 110,
            render: (s: Template['status']) => (
              <Tag color={TEMPLATE_STATUS[s].color}>{TEMPLATE_STATUS[s].label}</Tag>
            ),
          },
          { title: '对象', dataIndex: 'targetLabel', mobile: 'meta', width: 110 },
          {
            title: '周期',
            dataIndex: 'periodKind',
            mobile: 'meta',
            width: 70,
            render: (k: Template['periodKind']) => (k ? PERIOD_KIND_LABELS[k] : '不限'),
          },
          {
            title: '版本',
            dataIndex: 'version',
            mobile: 'meta',
            width: 60,
            render: (v: number) => `第${v}版`,
          },
          {
            title: '项目',
            key: 'items',
            mobile: 'line',
            width: 150,
            render: (_, t) => `${t.items.length} 项，满分 ${t.maxTotal}`,
          },
          { title: '制定单位', dataIndex: 'orgName', mobile: 'line', ellipsis: true },
          {
            title: '已用于',
            dataIndex: 'rounds',
            mobile: 'hidden',
            width: 80,
            render: (v: number) => `${v} 次考核`,
          },
        ]}
      />
    </Page>
  );
}
