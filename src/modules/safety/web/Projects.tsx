import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, List, Progress, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, download, showError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { Project, ProjectDetail, ProjectList } from '../contract';
import { ABILITY } from './model';
import { ProjectDetailView } from './ProjectDetail';
import { ProjectDialog, type ProjectDialogState } from './ProjectDialog';

/** A project as a card; open, it shows its detail and what the caller may do to it. */
function ProjectCard({
  p,
  open,
  onToggle,
  act,
}: {
  p: Project;
  open: boolean;
  onToggle: () => void;
  act: (d: ProjectDialogState) => void;
}) {
  const detail = useQuery({
    queryKey: ['safety', 'projects', 'detail', p.id],
    queryFn: () => api<ProjectDetail>(`/safety/projects/${p.id}`),
    enabled: open,
  });
  return (
    <Card size="small" hoverable onClick={onToggle}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text strong>{p.title}</Typography.Text>
        <Flex gap={4}>
          {p.overdue && <Tag color="red">逾期</Tag>}
          <Tag color={p.status === 'active' ? 'blue' : 'green'}>
            {p.status === 'active' ? '进行中' : '已结项'}
          </Tag>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        {p.orgName}·负责人 {p.leaderName}·{p.startedOn} 至 {p.dueOn ?? '—'}
      </Typography.Text>
      <div>问题：{p.problem}</div>
      <div>目标：{p.target}</div>
      <Progress
        percent={p.milestones.total ? Math.round((p.milestones.done / p.milestones.total) * 100) : 0}
        size="small"
        format={() => `${p.milestones.done}/${p.milestones.total} 节点`}
      />
      {p.result && (
        <div>
          成果：{p.result}（{p.evaluation}）
        </div>
      )}
      {open && detail.data && <ProjectDetailView d={detail.data} />}
      {open && p.actions.length > 0 && (
        <Flex gap={8} wrap onClick={(e) => e.stopPropagation()} style={{ marginTop: 8 }}>
          {p.actions.includes('update') && (
            <Button size="small" onClick={() => act({ kind: 'update', item: p })}>
              记录进展
            </Button>
          )}
          {p.actions.includes('complete') && (
            <Button size="small" onClick={() => act({ kind: 'complete', item: p })}>
              结项
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}

/** 重点攻关: projects with milestones and progress. */
export default function Projects() {
  const me = useMe();
  const [dialog, setDialog] = useState<ProjectDialogState>(null);
  const [status, setStatus] = useState('active');
  const [openId, setOpenId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const list = useQuery({
    queryKey: ['safety', 'projects', status],
    queryFn: () => api<ProjectList>('/safety/projects', { query: { status, pageSize: 100 } }),
  });
  const exportList = () => {
    setExporting(true);
    download('/safety/projects/export', { status }, '重点攻关台账.xlsx')
      .catch(showError)
      .finally(() => setExporting(false));
  };
  return (
    <Page
      title="重点攻关"
      extra={
        <>
          {can(me, ABILITY.startProject) && (
            <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
              攻关立项
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList}>
            导出台账
          </Button>
        </>
      }
    >
      <Segmented
        options={[
          { value: 'active', label: '进行中' },
          { value: 'completed', label: '已结项' },
        ]}
        value={status}
        onChange={(v) => setStatus(String(v))}
        style={{ marginBottom: 12 }}
      />
      <List
        className="bl-card-list"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty
              description={
                status === 'active'
                  ? '没有进行中的攻关项目，可由剖析或违章违纪立项'
                  : '还没有已结项的攻关项目'
              }
            />
          ),
        }}
        renderItem={(p) => (
          <ProjectCard
            p={p}
            open={openId === p.id}
            onToggle={() => setOpenId(openId === p.id ? null : p.id)}
            act={setDialog}
          />
        )}
      />
      {dialog && <ProjectDialog dialog={dialog} onDone={() => setDialog(null)} />}
    </Page>
  );
}
