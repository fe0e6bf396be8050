import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Input,
  List,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { dayjs, fmtDateTime, toDateString } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import { ACTION_LABELS, ENTITY_LABELS } from '../contract';

interface AuditEvent {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  actionLabel: string;
  entity: string | null;
  entityId: string | null;
  details: unknown;
  ip: string | null;
  hash: string;
}

const GROUPS = [
  { value: 'auth.', label: '全部登录类' },
  { value: 'account.', label: '全部账号类' },
  { value: 'role.', label: '全部角色类' },
  { value: 'org.', label: '全部组织类' },
  { value: 'person.', label: '全部人员类' },
  { value: 'meeting.', label: '全部组织生活类' },
  { value: 'violation.', label: '全部两违类' },
  { value: 'talk.', label: '全部谈话类' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 20;

const danger = (action: string) =>
  action.endsWith('failed') ||
  action.endsWith('refused') ||
  action === 'person.reveal' ||
  action.includes('disable');

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
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
              {JSON.stringify(e.details, null, 2)}
            </pre>
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

export default function AuditLog() {
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const filters = {
    action: get('action'),
    entityId: get('entityId'),
    actorId: get('actorId'),
    from: get('from'),
    to: get('to'),
  };
  const page = Number(params.get('page') ?? 1) || 1;
  const [entityInput, setEntityInput] = useState(filters.entityId ?? '');
  const [actorInput, setActorInput] = useState(filters.actorId ?? '');

  const list = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () =>
      api<{ items: AuditEvent[]; total: number }>('/audit', {
        query: { ...filters, page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const idFilter = (key: 'entityId' | 'actorId', v: string) => {
    const t = v.trim();
    if (t && !UUID.test(t)) return;
    update({ [key]: t || undefined });
  };

  const columns: ColumnsType<AuditEvent> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: fmtDateTime },
    { title: '操作人', dataIndex: 'actorName', width: 180, ellipsis: true, render: (v) => v ?? '系统' },
    {
      title: '操作',
      dataIndex: 'actionLabel',
      width: 140,
      render: (label: string, e) => <Tag color={danger(e.action) ? 'orange' : 'default'}>{label}</Tag>,
    },
    {
      title: '对象',
      dataIndex: 'entity',
      width: 90,
      render: (v: string | null) => (v ? (ENTITY_LABELS[v] ?? v) : '—'),
    },
    {
      title: '对象ID',
      dataIndex: 'entityId',
      ellipsis: true,
      render: (v: string | null) =>
        v ? (
          <Typography.Link
            onClick={() => {
              setEntityInput(v);
              update({ entityId: v });
            }}
          >
            {v.slice(0, 8)}…
          </Typography.Link>
        ) : (
          '—'
        ),
    },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v) => v ?? '—' },
  ];
  const invalidId = (v: string) => (v.trim() && !UUID.test(v.trim()) ? 'error' : undefined);
  const filtered = Object.values(filters).some(Boolean);
  const empty = <Empty description={filtered ? '没有符合条件的审计记录，请放宽筛选条件' : '暂无审计记录'} />;

  return (
    <Page title="审计日志">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="操作类型"
            style={{ width: mobile ? '100%' : 200 }}
            value={filters.action}
            onChange={(v) => update({ action: v })}
            options={[
              { label: '按类别', options: GROUPS },
              {
                label: '按操作',
                options: Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
              },
            ]}
          />
          <DatePicker.RangePicker
            style={{ width: mobile ? '100%' : 260 }}
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(r) =>
              update({ from: toDateString(r?.[0]) ?? undefined, to: toDateString(r?.[1]) ?? undefined })
            }
          />
          <Input.Search
            allowClear
            placeholder="对象ID"
            status={invalidId(entityInput)}
            style={{ width: mobile ? '100%' : 240 }}
            value={entityInput}
            onChange={(e) => setEntityInput(e.target.value)}
            onSearch={(v) => idFilter('entityId', v)}
          />
          <Input.Search
            allowClear
            placeholder="操作人ID"
            status={invalidId(actorInput)}
            style={{ width: mobile ? '100%' : 240 }}
            value={actorInput}
            onChange={(e) => setActorInput(e.target.value)}
            onSearch={(v) => idFilter('actorId', v)}
          />
          {filtered && (
            <Button
              onClick={() => {
                setEntityInput('');
                setActorInput('');
                setParams({}, { replace: true });
              }}
            >
              清除筛选
            </Button>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          审计记录按哈希链串联，不可修改或删除；对象ID、操作人ID 须为完整的 UUID。
        </Typography.Text>
      </Card>
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: empty }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            simple: true,
            hideOnSinglePage: true,
            size: 'small',
            onChange: (p) => update({ page: String(p) }, false),
          }}
          renderItem={(e) => (
            <Card size="small">
              <Flex justify="space-between" gap={8} align="center">
                <Tag color={danger(e.action) ? 'orange' : 'default'}>{e.actionLabel}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  #{e.seq}
                </Typography.Text>
              </Flex>
              <div style={{ marginTop: 6, fontSize: 13 }}>
                {fmtDateTime(e.at)} · {e.actorName ?? '系统'}
                {e.entity ? ` · ${ENTITY_LABELS[e.entity] ?? e.entity}` : ''}
              </div>
              <details style={{ marginTop: 6 }}>
                <summary style={{ cursor: 'pointer', color: '#c8102e', fontSize: 13 }}>详情</summary>
                <div style={{ marginTop: 6 }}>
                  <Details e={e} />
                </div>
              </details>
            </Card>
          )}
        />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: empty }}
          expandable={{ expandedRowRender: (e) => <Details e={e} /> }}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p) => update({ page: String(p) }, false),
          }}
        />
      )}
    </Page>
  );
}
