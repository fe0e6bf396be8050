import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Flex, List, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { AuditEvent, AuditList } from '../contract';
import { AuditFilters, FILTER_KEYS, type Filters } from './AuditFilters';

const PAGE_SIZE = 20;

const danger = (action: string) =>
  action.endsWith('failed') ||
  action.endsWith('refused') ||
  action === 'person.reveal' ||
  action.includes('disable');

const ActionTag = ({ e }: { e: AuditEvent }) => (
  <Tag color={danger(e.action) ? 'orange' : 'default'}>{e.actionLabel}</Tag>
);

function Details({ e }: { e: AuditEvent }) {
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'entityId', label: '对象ID', children: e.entityId ?? '—' },
        { key: 'actorId', label: '操作人ID', children: e.actorId ?? '—' },
        {
          key: 'details',
          label: '详情',
          children: e.details ? (
            <>
              {e.detailsRedacted && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  三员分立：涉及党员信息的字段只显示字段名，不显示内容
                </Typography.Text>
              )}
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                {JSON.stringify(e.details, null, 2)}
              </pre>
            </>
          ) : (
            '—'
          ),
        },
        {
          key: 'hash',
          label: '哈希',
          children: (
            <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 11 }}>
              {e.hash}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

/** A link that narrows the log to one id (an actor or an object), or a dash. */
const idLink = (id: string | null, text: ReactNode, onPick: (id: string) => void) =>
  id ? <Typography.Link onClick={() => onPick(id)}>{text}</Typography.Link> : (text ?? '—');

function columns(update: (patch: Filters) => void): ColumnsType<AuditEvent> {
  return [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: fmtDateTime },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 180,
      ellipsis: true,
      render: (v: string | null, e) => idLink(e.actorId, v ?? '系统', (actorId) => update({ actorId })),
    },
    { title: '操作', dataIndex: 'actionLabel', width: 140, render: (_, e) => <ActionTag e={e} /> },
    {
      title: '对象',
      dataIndex: 'entityLabel',
      width: 90,
      render: (v: string | null, e) => v ?? e.entity ?? '—',
    },
    {
      title: '对象ID',
      dataIndex: 'entityId',
      ellipsis: true,
      render: (v: string | null) =>
        v ? idLink(v, `${v.slice(0, 8)}…`, (entityId) => update({ entityId })) : '—',
    },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v) => v ?? '—' },
  ];
}

function EventCard({ e }: { e: AuditEvent }) {
  return (
    <Card size="small">
      <Flex justify="space-between" gap={8} align="center">
        <ActionTag e={e} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          #{e.seq}
        </Typography.Text>
      </Flex>
      <div style={{ marginTop: 6, fontSize: 13 }}>
        {fmtDateTime(e.at)} · {e.actorName ?? '系统'}
        {e.entity ? ` · ${e.entityLabel ?? e.entity}` : ''}
      </div>
      <details style={{ marginTop: 6 }}>
        <summary style={{ cursor: 'pointer', color: '#c8102e', fontSize: 13 }}>详情</summary>
        <div style={{ marginTop: 6 }}>
          <Details e={e} />
        </div>
      </details>
    </Card>
  );
}

/** The audit log (audit admin): every module's actions by name and group, filters kept in the URL. */
export default function AuditLog() {
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  );
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () => api<AuditList>('/audit', { query: { ...filters, page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Filters & { page?: string }, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  const empty = <Empty description={filtered ? '没有符合条件的审计记录，请放宽筛选条件' : '暂无审计记录'} />;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: list.data?.total ?? 0,
    onChange: (p: number) => update({ page: String(p) }, false),
  };

  return (
    <Page title="审计日志">
      <Card size="small" style={{ marginBottom: 12 }}>
        <AuditFilters
          filters={filters}
          mobile={mobile}
          onChange={update}
          onClear={() => setParams({}, { replace: true })}
        />
      </Card>
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: empty }}
          pagination={{ ...pagination, simple: true, hideOnSinglePage: true, size: 'small' }}
          renderItem={(e) => <EventCard e={e} />}
        />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          columns={columns(update)}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: empty }}
          expandable={{ expandedRowRender: (e) => <Details e={e} /> }}
          scroll={{ x: 900 }}
          pagination={{ ...pagination, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        />
      )}
    </Page>
  );
}
