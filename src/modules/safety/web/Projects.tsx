import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Progress, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { Page } from '../../../web/components/Page';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { Project, ProjectDetail, ProjectList } from '../contract';
import { ABILITY } from './model';
import { ProjectDetailView } from './ProjectDetail';
import { ProjectDialog, type ProjectDialogState } from './ProjectDialog';

/** An opened row of the table: what the phone's card shows on its lines, then the detail. */
function ProjectRowOpened({ p }: { p: Project }) {
  return (
    <Flex vertical gap={4}>
      <div>问题：{p.problem}</div>
      <div>目标：{p.target}</div>
      {p.result && <div>成果：{resultText(p)}</div>}
      <ProjectOpened id={p.id} />
    </Flex>
  );
}

/** An opened project's detail, loaded when it is opened. */
function ProjectOpened({ id }: { id: string }) {
  const detail = useQuery({
    queryKey: ['safety', 'projects', 'detail', id],
    queryFn: () => api<ProjectDetail>(`/safety/projects/${id}`),
  });
  return detail.data ? <ProjectDetailView d={detail.data} /> : null;
}

function ProjectButtons({ p, act }: { p: Project; act: (d: ProjectDialogState) => void }) {
  return (
    <>
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
    </>
  );
}

const resultText = (p: Project) => (p.result ? `${p.result}（${p.evaluation ?? '—'}）` : '—');

// The result only on the completed tab, the buttons only on the active one: the table fits a laptop.
function columns(act: (d: ProjectDialogState) => void, completed: boolean): ResponsiveColumn<Project>[] {
  return [
    { title: '攻关项目', dataIndex: 'title', ellipsis: true, mobile: 'title' },
    {
      title: '状态',
      key: 'status',
      width: 120,
      mobile: 'extra',
      render: (_: unknown, p) => (
        <Flex gap={4} wrap>
          {p.overdue && <Tag color="red">逾期</Tag>}
          <Tag color={p.status === 'active' ? 'blue' : 'green'}>
            {p.status === 'active' ? '进行中' : '已结项'}
          </Tag>
        </Flex>
      ),
    },
    { title: '组织', dataIndex: 'orgName', width: 160, ellipsis: true, mobile: 'meta' },
    { title: '负责人', dataIndex: 'leaderName', width: 90, mobile: 'hidden' },
    {
      title: '负责人',
      key: 'leaderLine',
      hidden: true,
      mobile: 'meta',
      render: (_: unknown, p) => `负责人 ${p.leaderName}`,
    },
    {
      title: '起止',
      key: 'period',
      width: 200,
      mobile: 'meta',
      render: (_: unknown, p) => `${p.startedOn} 至 ${p.dueOn ?? '—'}`,
    },
    // The table shows these in the opened row; a phone's card on its own lines.
    { title: '问题', dataIndex: 'problem', hidden: true },
    { title: '目标', dataIndex: 'target', hidden: true },
    {
      title: '进度',
      key: 'milestones',
      width: 180,
      render: (_: unknown, p) => (
        <Progress
          percent={p.milestones.total ? Math.round((p.milestones.done / p.milestones.total) * 100) : 0}
          size="small"
          style={{ width: 150, margin: 0 }}
          format={() => `${p.milestones.done}/${p.milestones.total} 节点`}
        />
      ),
    },
    {
      title: '成果',
      key: 'result',
      width: 240,
      ellipsis: true,
      hidden: !completed,
      mobile: 'hidden',
      render: (_: unknown, p) => resultText(p),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      hidden: completed,
      mobile: 'hidden',
      render: (_: unknown, p) => (
        <Flex gap={4} wrap>
          <ProjectButtons p={p} act={act} />
        </Flex>
      ),
    },
  ];
}

/** 重点攻关: projects with milestones and progress. */
export default function Projects() {
  const me = useMe();
  const [dialog, setDialog] = useState<ProjectDialogState>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const { filters, setFilters, page, pageSize, setPage, query } = useUrlFilters({ status: 'active' });
  const list = useQuery({
    queryKey: ['safety', 'projects', query],
    queryFn: () => api<ProjectList>('/safety/projects', { query }),
  });
  const toggle = (p: Project) => setOpenId(openId === p.id ? null : p.id);
  const starter = can(me, ABILITY.startProject);
  return (
    <Page
      title="重点攻关"
      extra={
        <>
          {starter && (
            <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
              攻关立项
            </Button>
          )}
          <ExportButton
            path="/safety/projects/export"
            query={{ status: filters.status }}
            filename="重点攻关台账.xlsx"
            label="导出台账"
          />
        </>
      }
    >
      <Segmented
        options={[
          { value: 'active', label: '进行中' },
          { value: 'completed', label: '已结项' },
        ]}
        value={filters.status}
        onChange={(v) => setFilters({ status: String(v) })}
        style={{ marginBottom: 12 }}
      />
      <ResponsiveList
        rowKey="id"
        columns={columns(setDialog, filters.status === 'completed')}
        {...pagedListProps(list, { page, pageSize, setPage })}
        scrollX={1100}
        empty={
          filters.status === 'active'
            ? '没有进行中的攻关项目，可由剖析或违章违纪立项'
            : '还没有已结项的攻关项目'
        }
        emptyAction={
          starter && filters.status === 'active' ? (
            <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
              攻关立项
            </Button>
          ) : undefined
        }
        onOpen={toggle}
        tableProps={{
          expandable: {
            expandedRowKeys: openId ? [openId] : [],
            onExpand: (expanded, p) => setOpenId(expanded ? p.id : null),
            expandedRowRender: (p) => <ProjectRowOpened p={p} />,
          },
        }}
        cardFooter={(p) =>
          p.result || openId === p.id ? (
            <>
              {p.result && (
                <div>
                  <Typography.Text type="secondary">成果：</Typography.Text>
                  {resultText(p)}
                </div>
              )}
              {openId === p.id && <ProjectOpened id={p.id} />}
            </>
          ) : null
        }
        cardActions={(p) =>
          openId === p.id && p.actions.length > 0 ? <ProjectButtons p={p} act={setDialog} /> : null
        }
      />
      {dialog && <ProjectDialog dialog={dialog} onDone={() => setDialog(null)} />}
    </Page>
  );
}
