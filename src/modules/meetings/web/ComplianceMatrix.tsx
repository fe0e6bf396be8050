import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Segmented,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
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
import { CompliancePrint } from './CompliancePrint';
import { KIND_STATUS_TEXT, KindMatrix } from './KindMatrix';
import {
  ABILITY,
  COMPLIANCE_COLORS,
  type Compliance,
  type Matrix,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  type MeetingKind,
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
  const show = params.get('show');
  return {
    thisYear,
    year: Number(params.get('year') ?? thisYear) || thisYear,
    orgId: params.get('orgId') ?? undefined,
    view: params.get('view') === 'kind' ? ('kind' as const) : ('month' as const),
    quarter: Number(params.get('quarter')) || undefined,
    /** 只看未落实 / 有补录 / 静默. */
    show: show === 'missing' || show === 'late' || show === 'silent' ? show : undefined,
    /** One kind of meeting (the kind view shows its column alone, the filters judge it). */
    kind: (params.get('kind') as MeetingKind | null) ?? undefined,
    sort: params.get('sort') === 'completion' ? ('completion' as const) : undefined,
    set,
  };
}

type Filters = ReturnType<typeof useFilters>;
type BranchLine = Compliance['branches'][number];

/** The branches the filters keep, in the order asked for (least complete first when sorted). */
function visibleBranches(c: Compliance | undefined, f: Filters): BranchLine[] {
  if (!c) return [];
  const item = (b: BranchLine) =>
    f.kind ? c.items.find((i) => i.orgId === b.orgId && i.kind === f.kind) : undefined;
  const rate = (b: BranchLine) => {
    const i = item(b);
    if (i) return i.due ? (i.due - i.missing) / i.due : 1;
    return b.completion ?? 1;
  };
  const keep = (b: BranchLine) => {
    const i = item(b);
    if (f.show === 'missing') return i ? i.missing > 0 || i.invalid > 0 : b.missing > 0 || b.status === 'red';
    if (f.show === 'late') return i ? i.late > 0 : b.late > 0;
    if (f.show === 'silent') return b.silent;
    return true;
  };
  const list = c.branches.filter(keep);
  return f.sort === 'completion' ? [...list].sort((a, b) => rate(a) - rate(b)) : list;
}

function useComplianceData({ year, orgId, quarter }: Filters) {
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
    enabled: !!quarter,
  });
  const members = useQuery({
    queryKey: ['meetings', 'member-attendance', year, orgId],
    queryFn: () => api<{ items: MemberAttendance[] }>('/compliance/attendance', { query: { year, orgId } }),
  });
  return { matrix, compliance, periodCompliance, members };
}

function ViewSwitch({ f, mobile }: { f: Filters; mobile: boolean }) {
  return (
    <Flex gap={8} align="center" wrap style={{ padding: '6px 0' }}>
      <Segmented
        value={f.view}
        onChange={(v) => f.set('view', v === 'kind' ? 'kind' : undefined)}
        options={[
          { value: 'month', label: mobile ? '按月' : '按月（支委会、党小组会、主题党日）' },
          { value: 'kind', label: mobile ? '按类型' : '按类型（党员大会、党课、组织生活会、民主评议…）' },
        ]}
      />
    </Flex>
  );
}

const SHOW_OPTIONS = [
  { value: 'all', label: '全部' },
  { value: 'missing', label: '只看未落实' },
  { value: 'late', label: '有补录' },
  { value: 'silent', label: '静默' },
];

/** The filters of the matrix: which branches, which kind, which period, in which order. */
function FilterBar({ f, mobile }: { f: Filters; mobile: boolean }) {
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
      <Segmented
        size={mobile ? 'small' : 'middle'}
        value={f.show ?? 'all'}
        options={SHOW_OPTIONS}
        onChange={(v) => f.set('show', v === 'all' ? undefined : String(v))}
      />
      <Select
        value={f.quarter ?? 0}
        style={{ width: 110 }}
        options={[
          { value: 0, label: '全年' },
          ...[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` })),
        ]}
        onChange={(q: number) => f.set('quarter', q ? String(q) : undefined)}
      />
      <Select
        allowClear
        placeholder="全部类型"
        value={f.kind}
        style={{ width: 140 }}
        options={MEETING_KINDS.filter((k) => k !== 'other').map((k) => ({
          value: k,
          label: MEETING_KIND_LABELS[k],
        }))}
        onChange={(k?: string) => {
          f.set('kind', k);
          if (k) f.set('view', 'kind');
        }}
      />
      <Checkbox
        checked={f.sort === 'completion'}
        onChange={(e) => f.set('sort', e.target.checked ? 'completion' : undefined)}
      >
        按完成率排序
      </Checkbox>
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
  const period = f.quarter ? periodCompliance.data : c;
  const silent = c?.branches.filter((b) => b.silent) ?? [];
  const overdue = c?.branches.filter((b) => b.term?.status === 'overdue') ?? [];
  const branches = visibleBranches(period, f);
  const order = new Map(branches.map((b, i) => [b.orgId, i]));
  const monthRows = matrix.data
    ? {
        ...matrix.data,
        rows: matrix.data.rows
          .filter((r) => order.has(r.orgId))
          .sort((a, b) => order.get(a.orgId)! - order.get(b.orgId)!),
      }
    : undefined;
  const scopeName = (f.orgId && orgs.data?.find((o) => o.id === f.orgId)?.name) || '全部范围';
  return (
    <>
      <div className="bl-no-print">
        <Page
          title="组织生活落实情况"
          extra={
            <Space wrap>
              {can(me, ABILITY.settings) && c && <SettingsButton settings={c.settings} />}
              <Select
                value={f.year}
                style={{ width: 100 }}
                options={[f.thisYear, f.thisYear - 1, f.thisYear - 2].map((y) => ({
                  value: y,
                  label: `${y}年`,
                }))}
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
              <ExportButton
                path="/compliance/export"
                query={{ year: f.year, quarter: f.quarter, orgId: f.orgId }}
                filename={`组织生活落实情况_${f.year}.xlsx`}
                label="导出 Excel"
              />
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!c}>
                打印（A4）
              </Button>
            </Space>
          }
        >
          {c && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              依据：
              {c.rulesets
                .slice(0, 2)
                .map((r) => `《${r.name}》（${r.version}）`)
                .join('、')}
              ；党课频次、补录期限（{c.settings.lateAfterDays}{' '}
              天）、标红阈值为本单位设置。未到期的月份不计为缺项； 未达到规定人数的会议不计为已开。
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
          {overdue.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${overdue.length} 个党支部委员会任期已满、逾期未换届`}
              description={overdue.map((b) => `${b.name}（任期至 ${b.term?.endsOn}）`).join('；')}
            />
          )}
          <Flex gap={12} vertical={mobile} style={{ marginBottom: 12 }}>
            <TrendCard matrix={matrix.data} />
            <ByKindCard compliance={period} loading={compliance.isPending} />
          </Flex>
          <Card
            size="small"
            title={<ViewSwitch f={f} mobile={mobile} />}
            extra={!mobile && <Legend view={f.view} />}
          >
            <FilterBar f={f} mobile={mobile} />
            {mobile && (
              <div style={{ marginBottom: 8 }}>
                <Legend view={f.view} />
              </div>
            )}
            {f.view === 'kind' ? (
              <KindMatrix
                period={period}
                year={c}
                rows={branches}
                kinds={f.kind ? [f.kind] : undefined}
                loading={compliance.isPending || (!!f.quarter && periodCompliance.isPending)}
              />
            ) : monthRows && monthRows.rows.length === 0 ? (
              <Empty
                description={matrix.data?.rows.length ? '没有符合筛选条件的党支部' : '范围内没有党支部'}
              />
            ) : (
              <MonthTable
                matrix={monthRows}
                silent={silent}
                loading={matrix.isPending}
                mobile={mobile}
                quarter={f.quarter}
                current={f.year === f.thisYear}
              />
            )}
            {c && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                显示 {branches.length} / {period?.branches.length ?? 0} 个党支部 · 全年出勤率：
                {pct(averageAttendance(c))}（各支部平均，免于参加组织生活的党员不计入）
              </Typography.Text>
            )}
          </Card>
          <Flex gap={12} vertical={mobile} style={{ marginTop: 12 }}>
            <MembersCard items={members.data?.items ?? []} loading={members.isPending} mobile={mobile} />
            {c?.settings.rankingEnabled && <RankingCard compliance={c} />}
          </Flex>
        </Page>
      </div>
      <CompliancePrint compliance={period} matrix={matrix.data} scopeName={scopeName} />
    </>
  );
}
