import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { HoursList } from '../contract';
import { LEDGER_STATUS_LABELS } from '../rules';
import { ABILITY } from './model';
import { HoursTable, SourceLegend, YearSelect } from './parts';

const STATUS_OPTIONS = [
  { value: '', label: '全部党员' },
  { value: 'notDone', label: '未达标（含进度正常）' },
  { value: 'behind', label: LEDGER_STATUS_LABELS.behind },
  { value: 'on_track', label: LEDGER_STATUS_LABELS.on_track },
  { value: 'done', label: LEDGER_STATUS_LABELS.done },
  { value: 'exempt', label: LEDGER_STATUS_LABELS.exempt },
];

/** 学时台账: the members in scope with every source apart, who is behind, the export. */
export default function HoursLedger() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { filters, setFilters, page, pageSize, setPage, active } = useUrlFilters({
    orgId: undefined as string | undefined,
    year: today().year(),
    status: '',
    notDone: '',
    q: '',
  });
  const status = filters.notDone === 'true' ? 'notDone' : filters.status;
  const query = {
    orgId: filters.orgId,
    year: filters.year,
    status: status && status !== 'notDone' ? status : undefined,
    notDone: status === 'notDone' ? 'true' : undefined,
    q: filters.q || undefined,
  };
  const list = useQuery({
    queryKey: ['training', 'hours', query, page, pageSize],
    queryFn: () => api<HoursList>('/training/hours', { query: { ...query, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const d = list.data;
  return (
    <Page
      title="学时台账"
      extra={
        <>
          <ExportButton
            path="/training/hours/export"
            query={query}
            filename="学时台账.xlsx"
            label="导出台账"
          />
          {can(me, ABILITY.import) && (
            <Button onClick={() => navigate('/training/imports')}>导入学习强国/网络学院</Button>
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <OrgTreeSelect
            placeholder="组织（默认全部管辖）"
            prefillSingle={false}
            style={{ width: mobile ? '100%' : 240 }}
            value={filters.orgId}
            onChange={(orgId) => setFilters({ orgId })}
            filter={(o) => o.type !== 'party_group'}
          />
          <YearSelect value={filters.year} onChange={(year) => setFilters({ year })} />
          <Select
            value={status}
            style={{ width: 180 }}
            aria-label="状态"
            options={STATUS_OPTIONS}
            onChange={(v) =>
              setFilters(v === 'notDone' ? { notDone: 'true', status: '' } : { status: v, notDone: '' })
            }
          />
          <Input.Search
            allowClear
            placeholder="姓名"
            defaultValue={filters.q}
            style={{ width: mobile ? '100%' : 180 }}
            onSearch={(q) => setFilters({ q })}
          />
        </Flex>
      </Card>
      {list.isError && (
        <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 12 }} />
      )}
      {d && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {d.scope?.name ?? '本人'} · {d.year}年 · 目标 {d.target} 学时
            {d.monthsLeft > 0 && d.monthsLeft < 12 ? ` · 还剩 ${d.monthsLeft} 个月` : ''}
          </Typography.Text>
          <Tag color="green">已达标 {d.counts.done}</Tag>
          <Tag color="blue">进度正常 {d.counts.on_track}</Tag>
          <Tag color="red">进度落后 {d.counts.behind}</Tag>
          <Tag>免于要求 {d.counts.exempt}</Tag>
          <SourceLegend />
        </Flex>
      )}
      <HoursTable
        items={d?.items}
        total={d?.total}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        loading={list.isFetching}
        year={filters.year}
        empty={
          active
            ? '没有符合条件的党员，请调整筛选条件'
            : '范围内还没有党员；党员的学时来自培训、组织生活、网上学习和导入'
        }
      />
    </Page>
  );
}
