import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Segmented, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import {
  averageAttendance,
  ByKindCard,
  MembersCard,
  MonthTable,
  RankingCard,
  SettingsButton,
  STATUS_TEXT,
  TrendCard,
} from './ComplianceParts';
import { KIND_STATUS_TEXT, KindMatrix } from './KindMatrix';
import {
  ABILITY,
  COMPLIANCE_COLORS,
  type Compliance,
  type Matrix,
  type MemberAttendance,
  pct,
} from './model';

/** The page's filters, kept in the URL: year, scope, view (by month or by kind), quarter. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const thisYear = today().year();
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return {
    thisYear,
    year: Number(params.get('year') ?? thisYear) || thisYear,
    orgId: params.get('orgId') ?? undefined,
    view: params.get('view') === 'kind' ? ('kind' as const) : ('month' as const),
    quarter: Number(params.get('quarter')) || undefined,
    set,
  };
}

function useComplianceData({ year, orgId, view, quarter }: ReturnType<typeof useFilters>) {
  const matrix = useQuery({
    queryKey: ['meetings', 'matrix', year, orgId],
    queryFn: () => api<Matrix>('/compliance/matrix', { query: { year, orgId } }),
  });
  const compliance = useQuery({
    queryKey: ['meetings', 'compliance', year, orgId],
    queryFn: () => api<Compliance>('/compliance', { query: { year, orgId } }),
  });
  const periodCompliance = useQuery({
    queryKey: ['meetings', 'compliance', year, orgId, quarter],
    queryFn: () => api<Compliance>('/compliance', { query: { year, orgId, quarter } }),
    enabled: view === 'kind' && !!quarter,
  });
  const members = useQuery({
    queryKey: ['meetings', 'member-attendance', year, orgId],
    queryFn: () => api<{ items: MemberAttendance[] }>('/compliance/attendance', { query: { year, orgId } }),
  });
  return { matrix, compliance, periodCompliance, members };
}

function ViewSwitch({ f, mobile }: { f: ReturnType<typeof useFilters>; mobile: boolean }) {
  return (
    <Flex gap={8} align="center" wrap style={{ padding: '6px 0' }}>
      <Segmented
        value={f.view}
        onChange={(v) => f.set('view', v === 'kind' ? 'kind' : undefined)}
        options={[
          { value: 'month', label: mobile ? '按月' : '按月（支委会、党小组会、主题党日）' },
          { value: 'kind', label: mobile ? '季度/年度' : '按类型（党员大会、党课、组织生活会、民主评议）' },
        ]}
      />
      {f.view === 'kind' && (
        <Select
          value={f.quarter ?? 0}
          style={{ width: 110 }}
          options={[
            { value: 0, label: '全年' },
            ...[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` })),
          ]}
          onChange={(q: number) => f.set('quarter', q ? String(q) : undefined)}
        />
      )}
    </Flex>
  );
}

function Legend({ view }: { view: 'kind' | 'month' }) {
  return (
    <Space size={4}>
      {Object.entries(view === 'kind' ? KIND_STATUS_TEXT : STATUS_TEXT).map(([k, v]) => (
        <Tag
          key={k}
          color={COMPLIANCE_COLORS[k] ?? '#fafafa'}
          style={{ color: k === 'pending' || k === 'none' ? '#555' : undefined }}
        >
          {v}
        </Tag>
      ))}
    </Space>
  );
}

export default function ComplianceMatrix() {
  const me = useMe();
  const mobile = useIsMobile();
  const f = useFilters();
  const orgs = useOrgs();
  const { matrix, compliance, periodCompliance, members } = useComplianceData(f);
  const c = compliance.data;
  const silent = c?.branches.filter((b) => b.silent) ?? [];
  return (
    <Page
      title="组织生活落实情况"
      extra={
        <Space wrap>
          {can(me, ABILITY.settings) && c && <SettingsButton settings={c.settings} />}
          <Select
            value={f.year}
            style={{ width: 100 }}
            options={[f.thisYear, f.thisYear - 1, f.thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(v) => f.set('year', String(v))}
          />
          <TreeSelect
            allowClear
            placeholder="全部范围"
            style={{ width: mobile ? 200 : 240 }}
            treeData={orgSelectTree(orgs.data ?? [], (o) => o.type !== 'party_group')}
            value={orgs.data ? f.orgId : undefined}
            onChange={(v) => f.set('orgId', v)}
          />
        </Space>
      }
    >
      {c && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          依据：{c.rulesets.map((r) => `《${r.name}》（${r.version}）`).join('、')}
          ；党课频次、补录期限（
          {c.settings.lateAfterDays} 天）为本单位设置。未到期的月份不计为缺项。
        </Typography.Paragraph>
      )}
      {silent.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${silent.length} 个党支部超过 ${c?.settings.silentAfterDays ?? 30} 天没有组织生活（静默）`}
          description={silent.map((s) => `${s.name}（最近：${s.lastHeldOn ?? '无记录'}）`).join('；')}
        />
      )}
      <Flex gap={12} vertical={mobile} style={{ marginBottom: 12 }}>
        <TrendCard matrix={matrix.data} />
        <ByKindCard compliance={c} loading={compliance.isPending} />
      </Flex>
      <Card
        size="small"
        title={<ViewSwitch f={f} mobile={mobile} />}
        extra={!mobile && <Legend view={f.view} />}
      >
        {f.view === 'kind' ? (
          <KindMatrix
            period={f.quarter ? periodCompliance.data : c}
            year={c}
            loading={compliance.isPending || (!!f.quarter && periodCompliance.isPending)}
          />
        ) : matrix.data && matrix.data.rows.length === 0 ? (
          <Empty description="范围内没有党支部" />
        ) : (
          <MonthTable matrix={matrix.data} silent={silent} loading={matrix.isPending} mobile={mobile} />
        )}
        {c && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            全年出勤率：{pct(averageAttendance(c))}（各支部平均，免于参加组织生活的党员不计入）
          </Typography.Text>
        )}
      </Card>
      <Flex gap={12} vertical={mobile} style={{ marginTop: 12 }}>
        <MembersCard items={members.data?.items ?? []} loading={members.isPending} mobile={mobile} />
        {c?.settings.rankingEnabled && <RankingCard compliance={c} />}
      </Flex>
    </Page>
  );
}
