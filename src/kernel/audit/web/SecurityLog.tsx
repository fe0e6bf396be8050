import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, List, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { SecurityEvent, SecurityLog } from '../contract';

const PAGE_SIZE = 30;

const CODES: Record<string, { label: string; color: string }> = {
  not_found: { label: '越权访问（不在范围内）', color: 'orange' },
  forbidden: { label: '无权限', color: 'red' },
  csrf: { label: 'CSRF 令牌无效', color: 'magenta' },
  suppressed: { label: '同一分钟内的其余拒绝（只计数）', color: 'default' },
};
const codeTag = (e: SecurityEvent) => {
  const c = CODES[e.code] ?? { label: e.code, color: 'default' };
  return <Tag color={c.color}>{e.code === 'suppressed' ? `${c.label} ${e.suppressed} 次` : c.label}</Tag>;
};
const request = (e: SecurityEvent) =>
  e.code === 'suppressed' ? (
    '—'
  ) : (
    <Typography.Text code style={{ fontSize: 12 }}>{`${e.method} ${e.path}`}</Typography.Text>
  );

const columns: ColumnsType<SecurityEvent> = [
  { title: '时间', dataIndex: 'at', width: 170, render: fmtDateTime },
  { title: '账号', dataIndex: 'actorName', width: 160, ellipsis: true, render: (v) => v ?? '—' },
  { title: '地址', dataIndex: 'ip', width: 140, render: (v) => v ?? '—' },
  { title: '结果', key: 'code', width: 260, render: (_, e) => codeTag(e) },
  { title: '请求', key: 'request', render: (_, e) => request(e) },
];

/**
 * The security admin's log of refused requests (403, 404 outside one's scope, CSRF): a few a minute per
 * account and address are recorded one by one, the rest counted.
 */
export default function SecurityLogPage() {
  const mobile = useIsMobile();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['security-log', page],
    queryFn: () => api<SecurityLog>('/security-log', { query: { page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  const pagination = { current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage };
  const empty = <Empty description="没有被拒绝的请求" />;
  return (
    <Page title="安全日志">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          记录已登录用户被拒绝的请求：访问不在管理范围内的记录、无权限的操作、CSRF
          令牌无效。同一账号和地址每分钟逐条记录前 10 次，其余只计数。
        </Typography.Text>
      </Card>
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: empty }}
          pagination={{ ...pagination, simple: true, hideOnSinglePage: true, size: 'small' }}
          renderItem={(e) => (
            <Card size="small">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{e.actorName ?? '—'}</Typography.Text>
                {codeTag(e)}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmtDateTime(e.at)} · {e.ip ?? '—'}
              </Typography.Text>
              <div>{request(e)}</div>
            </Card>
          )}
        />
      ) : (
        <Table<SecurityEvent>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: empty }}
          pagination={{ ...pagination, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        />
      )}
    </Page>
  );
}
