import { Flex, Progress, Select, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import { today } from '../../../web/format';
import type { HoursItem } from '../contract';
import { LEDGER_STATUS_LABELS, type LedgerStatus, SOURCE_LABELS, type SourceKind } from '../rules';
import { hoursText, SOURCE_COLORS, STATUS_COLORS } from './model';

/** This year and the two before it. */
export function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const y = today().year();
  return (
    <Select
      value={value}
      style={{ width: 104 }}
      aria-label="年度"
      onChange={onChange}
      options={[0, 1, 2].map((d) => ({ value: y - d, label: `${y - d}年` }))}
    />
  );
}

export const StatusTag = ({ status }: { status: LedgerStatus }) => (
  <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
    {LEDGER_STATUS_LABELS[status]}
  </Tag>
);

/** Hours against the target as a bar, each source its colour. */
export function SourceBar({
  sources,
  target,
  width = 160,
}: {
  sources: { kind: SourceKind; hours: number }[];
  target: number;
  width?: number | string;
}) {
  const total = sources.reduce((s, x) => s + x.hours, 0);
  const scale = Math.max(total, target);
  return (
    <Tooltip title={sources.map((s) => `${SOURCE_LABELS[s.kind]} ${hoursText(s.hours)}`).join('，')}>
      <div
        style={{
          position: 'relative',
          width,
          height: 10,
          background: '#f0f0f0',
          borderRadius: 5,
          overflow: 'hidden',
          display: 'flex',
        }}
        role="img"
        aria-label={`合计 ${hoursText(total)} 学时`}
      >
        {sources
          .filter((s) => s.hours > 0)
          .map((s) => (
            <div
              key={s.kind}
              style={{ width: `${(100 * s.hours) / scale}%`, background: SOURCE_COLORS[s.kind] }}
            />
          ))}
        <div
          style={{
            position: 'absolute',
            left: `${(100 * target) / scale}%`,
            top: 0,
            bottom: 0,
            width: 2,
            background: '#262626',
          }}
        />
      </div>
    </Tooltip>
  );
}

export function SourceLegend() {
  return (
    <Flex gap={12} wrap style={{ fontSize: 12 }}>
      {(Object.keys(SOURCE_LABELS) as SourceKind[]).map((k) => (
        <Flex key={k} gap={4} align="center">
          <span
            style={{
              width: 10,
              height: 10,
              background: SOURCE_COLORS[k],
              display: 'inline-block',
              borderRadius: 2,
            }}
          />
          {SOURCE_LABELS[k]}
        </Flex>
      ))}
      <Flex gap={4} align="center">
        <span style={{ width: 2, height: 10, background: '#262626', display: 'inline-block' }} />
        目标
      </Flex>
    </Flex>
  );
}

export function HoursProgress({ hours, target }: { hours: number; target: number }) {
  return (
    <Progress
      percent={Math.min(100, Math.round((100 * hours) / target))}
      status={hours >= target ? 'success' : 'active'}
      format={() => `${hoursText(hours)} / ${target}`}
    />
  );
}

/** Members' hours as a table (desktop) or cards (phone), each name leading to the person's ledger. */
export function HoursTable({
  items,
  total,
  page,
  pageSize,
  onPageChange,
  loading,
  year,
  empty,
}: {
  items: HoursItem[] | undefined;
  total?: number;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number, size: number) => void;
  loading?: boolean;
  year: number;
  empty: string;
}) {
  return (
    <ResponsiveList<HoursItem>
      rowKey="personId"
      items={items}
      total={total}
      page={page}
      pageSize={pageSize}
      onPageChange={onPageChange}
      loading={loading}
      totalText={(t) => `共 ${t} 人`}
      empty={empty}
      columns={[
        {
          title: '姓名',
          dataIndex: 'name',
          mobile: 'title',
          width: 110,
          render: (v: string, r) => <Link to={`/training/hours/${r.personId}?year=${year}`}>{v}</Link>,
        },
        {
          title: '状态',
          dataIndex: 'status',
          mobile: 'extra',
          width: 96,
          render: (s: LedgerStatus) => <StatusTag status={s} />,
        },
        { title: '党支部', dataIndex: 'orgName', mobile: 'meta', ellipsis: true },
        ...(['class', 'meeting', 'content', 'import'] as SourceKind[]).map((k) => ({
          title: SOURCE_LABELS[k],
          key: k,
          width: 88,
          align: 'right' as const,
          mobile: 'hidden' as const,
          render: (_: unknown, r: HoursItem) => hoursText(r.sources.find((s) => s.kind === k)?.hours ?? 0),
        })),
        {
          title: '合计',
          dataIndex: 'hours',
          width: 190,
          render: (h: number, r) => (
            <Flex gap={8} align="center">
              <SourceBar sources={r.sources} target={r.target} width={110} />
              <Typography.Text
                strong={r.status !== 'behind'}
                type={r.status === 'behind' ? 'danger' : undefined}
              >
                {hoursText(h)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: '尚差',
          dataIndex: 'needed',
          width: 72,
          align: 'right',
          render: (n: number, r) => (r.status === 'exempt' ? '—' : n > 0 ? hoursText(n) : '0'),
        },
      ]}
    />
  );
}
