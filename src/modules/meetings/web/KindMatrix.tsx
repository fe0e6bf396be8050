import { Empty, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useIsMobile } from '../../../web/useIsMobile';
import {
  COMPLIANCE_COLORS,
  type Compliance,
  type ComplianceItem,
  MEETING_KIND_LABELS,
  type MeetingKind,
  pct,
} from './model';
import { BranchCell } from './parts';

/** The kinds held once a quarter or a year, shown per branch for the chosen period. */
const PERIODIC_KINDS = [
  { kind: 'branch_general_meeting', yearly: false },
  { kind: 'party_lecture', yearly: false },
  { kind: 'organization_life_meeting', yearly: true },
  { kind: 'democratic_review', yearly: true },
] as const;

const TEXT: Record<string, string> = {
  green: '落实',
  yellow: '有缺项或补录',
  red: '未落实',
  pending: '进行中',
  none: '不要求',
};

/** A kind not yet complete but with nothing missed so far is still running, not green. */
const cellStatus = (i: ComplianceItem) =>
  i.expected === 0 ? 'none' : i.status === 'green' && i.held < i.expected ? 'pending' : i.status;

type Row = Compliance['branches'][number];

/** One branch's cell of one kind: held / owed, coloured by status; a click opens those meetings. */
function KindCell({ item, source, orgId }: { item: ComplianceItem; source: Compliance; orgId: string }) {
  const navigate = useNavigate();
  const status = cellStatus(item);
  const { from, to } = source.period;
  return (
    <Tooltip
      title={`${TEXT[status]}：应开 ${item.expected}，已开 ${item.held}${item.late ? `，补录 ${item.late}` : ''}${item.missing ? `，缺 ${item.missing}` : ''}${item.invalid ? `，未达到规定人数 ${item.invalid}` : ''}（${from} 至 ${to}）`}
    >
      <div
        onClick={() => navigate(`/meetings?orgId=${orgId}&kind=${item.kind}&from=${from}&to=${to}`)}
        style={{
          cursor: 'pointer',
          background: status === 'none' ? '#fafafa' : COMPLIANCE_COLORS[status],
          color: status === 'pending' || status === 'none' ? '#555' : '#fff',
          borderRadius: 4,
          padding: '2px 0',
          fontSize: 12,
        }}
      >
        {item.held}/{item.expected}
        {item.late ? ' 补' : ''}
      </div>
    </Tooltip>
  );
}

/** A yearly kind's heading says （全年） when the chosen period is not the whole year. */
const wholeYearMark = (period: Compliance | undefined) =>
  period && (period.period.to.slice(5) !== '12-31' || period.period.from.slice(5) !== '01-01')
    ? '（全年）'
    : '';

/**
 * Branches × the quarterly and yearly kinds (支部党员大会, 党课, 组织生活会, 民主评议) with each branch's
 * attendance rate. Yearly kinds are always judged over the whole year, even when a quarter is chosen.
 */
export function KindMatrix({
  period,
  year,
  rows,
  kinds,
  loading,
}: {
  /** Compliance of the chosen period (a quarter or the year). */
  period: Compliance | undefined;
  /** Compliance of the whole year, for the yearly kinds. */
  year: Compliance | undefined;
  /** The branches to show, filtered and ordered by the page. */
  rows: Compliance['branches'];
  /** One kind chosen (any kind), or the quarterly and yearly ones. */
  kinds?: readonly MeetingKind[];
  loading: boolean;
}) {
  const mobile = useIsMobile();
  if (period && period.branches.length === 0) return <Empty description="范围内没有党支部" />;
  const shown = kinds
    ? kinds.map((kind) => ({
        kind,
        yearly: kind === 'organization_life_meeting' || kind === 'democratic_review',
      }))
    : PERIODIC_KINDS;
  const columns: ColumnsType<Row> = [
    {
      title: '党支部',
      dataIndex: 'name',
      fixed: 'left',
      width: mobile ? 120 : 220,
      render: (n: string, r) => (
        <BranchCell name={n} parentName={r.parentName} silent={r.silent} mobile={mobile} term={r.term} />
      ),
    },
    ...shown.map(({ kind, yearly }) => ({
      title: (
        <Tooltip title={yearly ? '每年一次，按全年判断' : undefined}>
          {MEETING_KIND_LABELS[kind].replace('民主评议党员', '民主评议')}
          {yearly ? wholeYearMark(period) : ''}
        </Tooltip>
      ),
      key: kind,
      width: mobile ? 76 : 120,
      align: 'center' as const,
      render: (_: unknown, r: Row) => {
        const source = yearly ? year : period;
        const item = source?.items.find((i) => i.orgId === r.orgId && i.kind === kind);
        return item && source ? <KindCell item={item} source={source} orgId={r.orgId} /> : '—';
      },
    })),
    {
      title: '出勤率',
      dataIndex: 'attendanceRate',
      width: mobile ? 64 : 80,
      align: 'center',
      render: (v: number | null) => (
        <Typography.Text type={v != null && v < 0.8 ? 'warning' : undefined}>{pct(v)}</Typography.Text>
      ),
    },
  ];
  return (
    <Table<Row>
      rowKey="orgId"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      locale={{ emptyText: '没有符合筛选条件的党支部' }}
      scroll={{ x: mobile ? 120 + shown.length * 76 + 64 : 220 + shown.length * 120 + 80, y: 560 }}
    />
  );
}

export const KIND_STATUS_TEXT = TEXT;
