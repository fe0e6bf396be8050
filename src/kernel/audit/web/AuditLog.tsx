import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { fmtDateTime } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { AuditEvent, AuditList } from '../contract';
import { AuditFilters, type Filters } from './AuditFilters';

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

// On a phone: the action and its number on top, then "time · actor · object", and a folded 详情.
function columns(update: (patch: Filters) => void): ResponsiveColumn<AuditEvent>[] {
  return [
    { title: '序号', dataIndex: 'seq', width: 80, mobile: 'hidden' },
    { title: '时间', dataIndex: 'at', width: 170, mobile: 'meta', render: fmtDateTime },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 180,
      ellipsis: true,
      mobile: 'meta',
      render: (v: string | null, e) => idLink(e.actorId, v ?? '系统', (actorId) => update({ actorId })),
    },
    {
      title: '操作',
      dataIndex: 'actionLabel',
      width: 140,
      mobile: 'title',
      render: (_, e) => <ActionTag e={e} />,
    },
    {
      title: '序号',
      key: 'seqTag',
      hidden: true,
      mobile: 'extra',
      render: (_, e) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          #{e.seq}
        </Typography.Text>
      ),
    },
    {
      title: '对象',
      dataIndex: 'entityLabel',
      width: 90,
      mobile: 'meta',
      render: (v: string | null, e) => v ?? e.entity ?? '—',
    },
    {
      title: '对象ID',
      dataIndex: 'entityId',
      ellipsis: true,
      mobile: 'hidden',
      render: (v: string | null) =>
        v ? idLink(v, `${v.slice(0, 8)}…`, (entityId) => update({ entityId })) : '—',
    },
    { title: 'IP', dataIndex: 'ip', width: 130, mobile: 'hidden', render: (v) => v ?? '—' },
  ];
}

/** The audit log (audit admin): every module's actions by name and group, filters kept in the URL. */
export default function AuditLog() {
  const mobile = useIsMobile();
  const { filters, setFilters, reset, active, page, pageSize, setPage, query } = useUrlFilters(
    {
      group: undefined as string | undefined,
      action: undefined as string | undefined,
      actor: undefined as string | undefined,
      actorId: undefined as string | undefined,
      entityId: undefined as string | undefined,
      from: undefined as string | undefined,
      to: undefined as string | undefined,
    },
    { pageSize: PAGE_SIZE },
  );
  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api<AuditList>('/audit', { query }),
    placeholderData: keepPreviousData,
  });

  return (
    <Page title="审计日志">
      <Card size="small" style={{ marginBottom: 12 }}>
        <AuditFilters filters={filters} mobile={mobile} onChange={setFilters} onClear={reset} />
      </Card>
      <ResponsiveList
        rowKey="id"
        columns={columns(setFilters)}
        {...pagedListProps(list, { page, pageSize, setPage })}
        empty={
          active
            ? '没有符合条件的审计记录，请放宽筛选条件'
            : '还没有审计记录：登录、查看和修改数据等操作发生后会记录在这里'
        }
        scrollX={900}
        tableProps={{ size: 'small', expandable: { expandedRowRender: (e) => <Details e={e} /> } }}
        cardFooter={(e) => (
          <details>
            <summary style={{ cursor: 'pointer', color: '#c8102e', fontSize: 13 }}>详情</summary>
            <div style={{ marginTop: 6 }}>
              <Details e={e} />
            </div>
          </details>
        )}
      />
    </Page>
  );
}
