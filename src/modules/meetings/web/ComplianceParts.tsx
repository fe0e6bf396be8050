import { SettingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Form,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Switch,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LineChart } from 'echarts/charts';
import { use } from 'echarts/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, showError } from '../../../web/api';
import { EChart, type EChartOption } from '../../../web/components/EChart';
import { Loading } from '../../../web/components/Loading';
import { dayjs } from '../../../web/format';
import {
  COMPLIANCE_COLORS,
  type Compliance,
  type Matrix,
  MEETING_KIND_LABELS,
  type MeetingKind,
  type MemberAttendance,
  pct,
} from './model';
import { BranchCell } from './parts';

use([LineChart]);

/** The cards of the compliance page: settings, trend, kinds, the month matrix, members, ranking. */

export const STATUS_TEXT: Record<string, string> = {
  green: '落实',
  yellow: '有缺项或补录',
  red: '未落实',
  pending: '进行中',
};

const FREQUENCY_LABELS: Record<string, string> = {
  month: '每月',
  quarter: '每季度',
  half_year: '每半年',
  year: '每年',
};

export function SettingsButton({ settings }: { settings: Compliance['settings'] }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api('/meetings/settings', { method: 'PATCH', body: values });
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      setOpen(false);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)}>
        本单位设置
      </Button>
      <Modal
        title="组织生活本单位设置"
        open={open}
        onOk={save}
        okText="保存"
        confirmLoading={saving}
        onCancel={() => setOpen(false)}
      >
        <Form form={form} layout="vertical" initialValues={settings}>
          <Form.Item name="lateAfterDays" label="补录期限（会后超过多少天提交记为补录）">
            <InputNumber min={0} max={365} suffix="天" />
          </Form.Item>
          <Form.Item name="lectureFrequency" label="党课频次（条例未规定，按本单位惯例）">
            <Select options={Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="silentAfterDays" label="多少天没有组织生活记为静默">
            <InputNumber min={1} max={365} suffix="天" />
          </Form.Item>
          <Form.Item name="rankingEnabled" label="显示支部排名（默认关闭）" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="redAfterMissedMonths" label="按月召开的会议，缺几个月标红">
            <InputNumber min={1} max={12} suffix="个月" />
          </Form.Item>
          <Form.Item name="redAfterMissedUnits" label="按季、半年、年召开的会议，缺几次标红">
            <InputNumber min={1} max={4} suffix="次" />
          </Form.Item>
          <Form.Item name="yearlyTodoLeadMonths" label="年度事项（组织生活会、民主评议）提前几个月列入待办">
            <InputNumber min={1} max={12} suffix="个月" />
          </Form.Item>
          <Form.Item name="signInWindowMinutes" label="本人签到时段（会议开始前后）">
            <InputNumber min={10} max={720} suffix="分钟" />
          </Form.Item>
          <Form.Item
            name="exemptAbsentInVoteExpected"
            label="免于参加组织生活的党员未到会时计入表决应到人数（默认不计入）"
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            全国通行做法（不在此修改）：选举须超过应到会有选举权党员的 {settings.electionQuorum.numerator}/
            {settings.electionQuorum.denominator}；优秀一般不超过参加评定正式党员的{' '}
            {settings.excellentRatio.numerator}/{settings.excellentRatio.denominator}；成立或撤销当期存续{' '}
            {settings.owedIfActive.numerator}/{settings.owedIfActive.denominator}{' '}
            以上须开展。各类会议默认学时：
            {Object.entries(settings.classHoursByKind)
              .filter(([, h]) => h > 0)
              .map(([k, h]) => `${MEETING_KIND_LABELS[k as MeetingKind]} ${h}`)
              .join('、')}
            。
          </Typography.Paragraph>
        </Form>
      </Modal>
    </>
  );
}

export function TrendCard({ matrix }: { matrix: Matrix | undefined }) {
  const trend = useMemo<EChartOption | null>(() => {
    if (!matrix) return null;
    const t = matrix.trend;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : `${v}%`) },
      legend: { data: ['按月完成率', '出勤率'], bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: t.map((p) => `${Number(p.month.slice(5))}月`) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '按月完成率',
          type: 'line',
          smooth: true,
          data: t.map((p) => (p.completion == null ? null : Math.round(p.completion * 100))),
        },
        {
          name: '出勤率',
          type: 'line',
          smooth: true,
          data: t.map((p) => (p.attendanceRate == null ? null : Math.round(p.attendanceRate * 100))),
        },
      ],
    } as unknown as EChartOption;
  }, [matrix]);
  return (
    <Card size="small" title="按月完成率与出勤率" style={{ flex: 3, minWidth: 0 }}>
      {trend ? <EChart option={trend} height={300} /> : <Loading />}
    </Card>
  );
}

export function ByKindCard({
  compliance,
  loading,
}: {
  compliance: Compliance | undefined;
  loading: boolean;
}) {
  const byKind = useMemo(() => {
    const map = new Map<
      string,
      { kind: string; expected: number; due: number; held: number; late: number; missing: number }
    >();
    for (const i of compliance?.items ?? []) {
      const k = map.get(i.kind) ?? { kind: i.kind, expected: 0, due: 0, held: 0, late: 0, missing: 0 };
      k.expected += i.expected;
      k.due += i.due;
      k.held += i.held;
      k.late += i.late;
      k.missing += i.missing;
      map.set(i.kind, k);
    }
    return [...map.values()];
  }, [compliance]);
  return (
    <Card size="small" title="按类型（全年应开含未到期部分）" style={{ flex: 2, minWidth: 0 }}>
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={byKind}
        loading={loading}
        columns={[
          { title: '类型', dataIndex: 'kind', render: (k: string) => MEETING_KIND_LABELS[k as MeetingKind] },
          { title: '应开', dataIndex: 'expected', width: 56 },
          { title: '已开', dataIndex: 'held', width: 56 },
          { title: '补录', dataIndex: 'late', width: 56 },
          {
            title: '缺项',
            dataIndex: 'missing',
            width: 56,
            render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
          },
        ]}
      />
    </Card>
  );
}

type Row = Matrix['rows'][number];

/**
 * Branches × months of the monthly meetings; a cell opens the branch's meetings of that month. A quarter
 * shows its three months; on a phone the current year opens on the last three months (全年 shows all).
 */
export function MonthTable({
  matrix,
  silent,
  loading,
  mobile,
  quarter,
  current,
}: {
  matrix: Matrix | undefined;
  silent: { orgId: string }[];
  loading: boolean;
  mobile: boolean;
  quarter?: number;
  current: boolean;
}) {
  const navigate = useNavigate();
  const [whole, setWhole] = useState(false);
  const thisMonth = dayjs().month(); // 0-based
  const all = (matrix?.months ?? []).map((month, i) => ({ month, i }));
  const windowed = quarter
    ? all.filter(({ i }) => Math.floor(i / 3) === quarter - 1)
    : mobile && current && !whole
      ? all.filter(({ i }) => i <= thisMonth && i > thisMonth - 3)
      : all;
  const columns: ColumnsType<Row> = [
    {
      title: '党支部',
      dataIndex: 'name',
      fixed: 'left',
      width: mobile ? 120 : 200,
      render: (n: string, r) => (
        <BranchCell
          name={n}
          parentName={r.parentName}
          silent={silent.some((s) => s.orgId === r.orgId)}
          mobile={mobile}
        />
      ),
    },
    ...windowed.map(({ month, i }) => ({
      title: `${Number(month.slice(5))}月`,
      key: month,
      width: 56,
      align: 'center' as const,
      render: (_: unknown, r: Row) => {
        const c = r.cells[i];
        const from = `${month}-01`;
        const to = dayjs(from).endOf('month').format('YYYY-MM-DD');
        return (
          <Tooltip
            title={`${STATUS_TEXT[c.status]}：应开 ${c.expected}，已开 ${c.held}${c.late ? `，补录 ${c.late}` : ''}（共 ${c.meetings} 次组织生活）`}
          >
            <div
              onClick={() => navigate(`/meetings?orgId=${r.orgId}&from=${from}&to=${to}`)}
              style={{
                cursor: 'pointer',
                background: COMPLIANCE_COLORS[c.status],
                color: c.status === 'pending' ? '#555' : '#fff',
                borderRadius: 4,
                padding: '2px 0',
                fontSize: 12,
              }}
            >
              {c.held}/{c.expected}
            </div>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <>
      {mobile && current && !quarter && (
        <Segmented
          size="small"
          style={{ marginBottom: 8 }}
          value={whole ? 'year' : 'recent'}
          onChange={(v) => setWhole(v === 'year')}
          options={[
            { value: 'recent', label: '近三个月' },
            { value: 'year', label: '全年' },
          ]}
        />
      )}
      <Table<Row>
        rowKey="orgId"
        size="small"
        columns={columns}
        dataSource={matrix?.rows ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: (mobile ? 120 : 200) + windowed.length * 56, y: 560 }}
      />
    </>
  );
}

/** The average of the branches' attendance rates (exempt members not counted). */
export function averageAttendance(compliance: Compliance): number | null {
  const rates = compliance.branches.map((b) => b.attendanceRate).filter((r): r is number => r != null);
  return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
}

export function MembersCard({
  items,
  loading,
  mobile,
}: {
  items: MemberAttendance[];
  loading: boolean;
  mobile: boolean;
}) {
  return (
    <Card size="small" title="出勤率最低的党员（全年，应参加 6 次以上）" style={{ flex: 1, minWidth: 0 }}>
      <Table<MemberAttendance>
        rowKey={(r) => `${r.personId}-${r.branchId}`}
        size="small"
        loading={loading}
        dataSource={items.filter((m) => m.expected >= 6).slice(0, 10)}
        pagination={false}
        columns={[
          mobile
            ? {
                title: '姓名',
                dataIndex: 'name',
                render: (n: string, r: MemberAttendance) => (
                  <div style={{ lineHeight: 1.3 }}>
                    <div>{n}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.branchName}
                    </Typography.Text>
                  </div>
                ),
              }
            : {
                title: '姓名',
                dataIndex: 'name',
                width: 80,
                render: (n: string, r: MemberAttendance) => (
                  <Link to={`/meetings/members/${r.personId}`}>{n}</Link>
                ),
              },
          ...(mobile ? [] : [{ title: '党支部', dataIndex: 'branchName', ellipsis: true }]),
          { title: '应参加', dataIndex: 'expected', width: 64 },
          { title: '出席', dataIndex: 'present', width: 56 },
          { title: '补学', dataIndex: 'madeUp', width: 56 },
          { title: '出勤率', dataIndex: 'rate', width: 72, render: pct },
        ]}
      />
    </Card>
  );
}

export function RankingCard({ compliance }: { compliance: Compliance }) {
  return (
    <Card size="small" title="支部排名（本单位已开启）" style={{ flex: 1, minWidth: 0 }}>
      <Table
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={[...compliance.branches]
          .map((b) => ({ ...b, score: b.expected ? (b.held - b.late * 0.5) / b.expected : 1 }))
          .sort((a, b) => b.score - a.score)
          .slice(0, 10)}
        columns={[
          { title: '名次', width: 56, render: (_: unknown, __: unknown, i: number) => i + 1 },
          { title: '党支部', dataIndex: 'name', ellipsis: true },
          { title: '落实率', dataIndex: 'score', width: 72, render: pct },
          { title: '出勤率', dataIndex: 'attendanceRate', width: 72, render: pct },
        ]}
      />
    </Card>
  );
}
