import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDate } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { TermItem, TermsResponse } from '../contract';
import { RecordTermDialog, type TermTarget } from './CommitteeDialogs';

const STATUS_COLORS: Record<TermItem['status'], string> = {
  current: 'green',
  due_soon: 'gold',
  overdue: 'red',
};

type Filter = 'attention' | 'overdue' | 'all';

/**
 * 委员会换届: every organization's term in the caller's view, those overdue or ending within the reminder
 * period first (the superior's to-do links here), and the organizations with no term recorded.
 */
export default function TermsPage() {
  const mobile = useIsMobile();
  const [filter, setFilter] = useState<Filter>('attention');
  const [recording, setRecording] = useState<TermTarget | null>(null);
  const terms = useQuery({ queryKey: ['orgs', 'terms'], queryFn: () => api<TermsResponse>('/terms') });
  if (terms.isPending) return <Loading />;
  const t = terms.data;
  if (!t) return <Empty description="无法读取任期" />;
  const overdue = t.items.filter((i) => i.status === 'overdue');
  const dueSoon = t.items.filter((i) => i.status === 'due_soon');
  const shown = t.items
    .filter(
      (i) =>
        filter === 'all' || i.status === 'overdue' || (filter === 'attention' && i.status === 'due_soon'),
    )
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn));
  const termYears = t.settings.termYears;
  const record = (i: TermItem) =>
    i.canRecord ? (
      <Button
        size="small"
        onClick={() =>
          setRecording({
            orgId: i.orgId,
            orgName: i.orgName,
            current: { startedOn: i.startedOn, endsOn: i.endsOn },
            termYears,
          })
        }
      >
        登记换届
      </Button>
    ) : null;
  const anyRecord = shown.some((i) => i.canRecord);

  return (
    <Page title="委员会换届">
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          每届任期 {t.settings.termYears} 年，届满前 {t.settings.termReminderMonths}{' '}
          个月提醒上级党组织；届满未换届的标红（《中国共产党支部工作条例（试行）》《中国共产党基层组织选举工作条例》）。
          提前或延期换届须说明原因，一般不超过一年。
        </Typography.Paragraph>
        {overdue.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${overdue.length} 个组织已届满未换届`}
          />
        )}
        <Segmented<Filter>
          style={{ marginBottom: 12 }}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'attention', label: `需关注（${overdue.length + dueSoon.length}）` },
            { value: 'overdue', label: `逾期（${overdue.length}）` },
            { value: 'all', label: `全部（${t.items.length}）` },
          ]}
        />
        <Table<TermItem>
          rowKey="orgId"
          size="small"
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
          scroll={mobile ? undefined : { x: anyRecord ? 640 : 520 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filter === 'all' ? '尚未登记任何任期' : '没有即将届满或逾期的任期'}
              />
            ),
          }}
          columns={
            mobile
              ? [
                  {
                    title: '组织与任期',
                    dataIndex: 'orgName',
                    render: (name: string, i) => (
                      <Flex vertical gap={2}>
                        <Link to={`/orgs?id=${i.orgId}`}>{name}</Link>
                        <span>
                          <Tag color={STATUS_COLORS[i.status]}>{i.statusLabel}</Tag>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {fmtDate(i.startedOn)} 至 {fmtDate(i.endsOn)}
                          </Typography.Text>
                        </span>
                        {i.canRecord && <span>{record(i)}</span>}
                      </Flex>
                    ),
                  },
                ]
              : [
                  {
                    title: '组织',
                    dataIndex: 'orgName',
                    render: (name: string, i) => (
                      <span>
                        <Link to={`/orgs?id=${i.orgId}`}>{name}</Link>
                        {i.parentName && (
                          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                            {i.parentName}
                          </Typography.Text>
                        )}
                      </span>
                    ),
                  },
                  { title: '本届起', dataIndex: 'startedOn', width: 110, render: fmtDate },
                  { title: '届满', dataIndex: 'endsOn', width: 110, render: fmtDate },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    width: 96,
                    render: (st: TermItem['status'], i) => (
                      <Tag color={STATUS_COLORS[st]}>{i.statusLabel}</Tag>
                    ),
                  },
                  ...(anyRecord
                    ? [
                        {
                          title: '操作',
                          key: 'record',
                          width: 110,
                          render: (_: unknown, i: TermItem) => record(i),
                        },
                      ]
                    : []),
                ]
          }
        />
        {t.withoutTerm.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
            未登记任期（{t.withoutTerm.length}）：
            {t.withoutTerm
              .slice(0, 30)
              .map((o) => o.orgName)
              .join('、')}
            {t.withoutTerm.length > 30 ? ' 等' : ''}
          </Typography.Paragraph>
        )}
      </Card>
      {recording && <RecordTermDialog target={recording} onClose={() => setRecording(null)} />}
    </Page>
  );
}
