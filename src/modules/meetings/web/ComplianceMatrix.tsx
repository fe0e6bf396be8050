import { SettingOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LineChart } from 'echarts/charts';
import { use } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api, showError } from '../../../web/api';
import { EChart, type EChartOption } from '../../../web/components/EChart';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { dayjs, today } from '../../../web/format';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import { KIND_STATUS_TEXT, KindMatrix } from './KindMatrix';
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

const STATUS_TEXT: Record<string, string> = {
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

function SettingsButton({ settings }: { settings: Compliance['settings'] }) {
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
        </Form>
      </Modal>
    </>
  );
}

export default function ComplianceMatrix() {
  const me = useMe();
  const committee = me.roles.some((r) => r.role === 'committee_admin');
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const thisYear = today().year();
  const year = Number(params.get('year') ?? thisYear) || thisYear;
  const orgId = params.get('orgId') ?? undefined;
  const view = params.get('view') === 'kind' ? 'kind' : 'month';
  const quarter = Number(params.get('quarter')) || undefined;
  const orgs = useOrgs();
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

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
  const kindPeriod = quarter ? periodCompliance.data : compliance.data;

  const members = useQuery({
    queryKey: ['meetings', 'member-attendance', year, orgId],
    queryFn: () => api<{ items: MemberAttendance[] }>('/compliance/attendance', { query: { year, orgId } }),
  });

  const trend = useMemo<EChartOption | null>(() => {
    if (!matrix.data) return null;
    const t = matrix.data.trend;
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
  }, [matrix.data]);

  const byKind = useMemo(() => {
    const items = compliance.data?.items ?? [];
    const map = new Map<
      string,
      { kind: string; expected: number; due: number; held: number; late: number; missing: number }
    >();
    for (const i of items) {
      const k = map.get(i.kind) ?? { kind: i.kind, expected: 0, due: 0, held: 0, late: 0, missing: 0 };
      k.expected += i.expected;
      k.due += i.due;
      k.held += i.held;
      k.late += i.late;
      k.missing += i.missing;
      map.set(i.kind, k);
    }
    return [...map.values()];
  }, [compliance.data]);

  const silent = compliance.data?.branches.filter((b) => b.silent) ?? [];
  type Row = Matrix['rows'][number];
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
    ...(matrix.data?.months ?? []).map((month, i) => ({
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
    <Page
      title="组织生活落实情况"
      extra={
        <Space wrap>
          {committee && compliance.data && <SettingsButton settings={compliance.data.settings} />}
          <Select
            value={year}
            style={{ width: 100 }}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(v) => set('year', String(v))}
          />
          <TreeSelect
            allowClear
            placeholder="全部范围"
            style={{ width: mobile ? 200 : 240 }}
            treeData={orgSelectTree(orgs.data ?? [], (o) => o.type !== 'party_group')}
            value={orgs.data ? orgId : undefined}
            onChange={(v) => set('orgId', v)}
          />
        </Space>
      }
    >
      {compliance.data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          依据：{compliance.data.rulesets.map((r) => `《${r.name}》（${r.version}）`).join('、')}
          ；党课频次、补录期限（
          {compliance.data.settings.lateAfterDays} 天）为本单位设置。未到期的月份不计为缺项。
        </Typography.Paragraph>
      )}
      {silent.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${silent.length} 个党支部超过 ${compliance.data?.settings.silentAfterDays ?? 30} 天没有组织生活（静默）`}
          description={silent.map((s) => `${s.name}（最近：${s.lastHeldOn ?? '无记录'}）`).join('；')}
        />
      )}
      <Flex gap={12} vertical={mobile} style={{ marginBottom: 12 }}>
        <Card size="small" title="按月完成率与出勤率" style={{ flex: 3, minWidth: 0 }}>
          {trend ? <EChart option={trend} height={300} /> : <Loading />}
        </Card>
        <Card size="small" title="按类型（全年应开含未到期部分）" style={{ flex: 2, minWidth: 0 }}>
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            dataSource={byKind}
            loading={compliance.isPending}
            columns={[
              {
                title: '类型',
                dataIndex: 'kind',
                render: (k: string) => MEETING_KIND_LABELS[k as MeetingKind],
              },
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
      </Flex>
      <Card
        size="small"
        title={
          <Flex gap={8} align="center" wrap style={{ padding: '6px 0' }}>
            <Segmented
              value={view}
              onChange={(v) => set('view', v === 'kind' ? 'kind' : undefined)}
              options={[
                { value: 'month', label: mobile ? '按月' : '按月（支委会、党小组会、主题党日）' },
                {
                  value: 'kind',
                  label: mobile ? '季度/年度' : '按类型（党员大会、党课、组织生活会、民主评议）',
                },
              ]}
            />
            {view === 'kind' && (
              <Select
                value={quarter ?? 0}
                style={{ width: 110 }}
                options={[
                  { value: 0, label: '全年' },
                  ...[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` })),
                ]}
                onChange={(q: number) => set('quarter', q ? String(q) : undefined)}
              />
            )}
          </Flex>
        }
        extra={
          !mobile && (
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
          )
        }
      >
        {view === 'kind' ? (
          <KindMatrix
            period={kindPeriod}
            year={compliance.data}
            loading={compliance.isPending || (!!quarter && periodCompliance.isPending)}
          />
        ) : matrix.data && matrix.data.rows.length === 0 ? (
          <Empty description="范围内没有党支部" />
        ) : (
          <Table<Row>
            rowKey="orgId"
            size="small"
            columns={columns}
            dataSource={matrix.data?.rows ?? []}
            loading={matrix.isPending}
            pagination={false}
            scroll={{ x: (mobile ? 120 : 200) + 12 * 56, y: 560 }}
          />
        )}
        {compliance.data && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            全年出勤率：
            {pct(
              (() => {
                const rates = compliance.data.branches
                  .map((b) => b.attendanceRate)
                  .filter((r): r is number => r != null);
                return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
              })(),
            )}
            （各支部平均，免于参加组织生活的党员不计入）
          </Typography.Text>
        )}
      </Card>
      <Flex gap={12} vertical={mobile} style={{ marginTop: 12 }}>
        <Card size="small" title="出勤率最低的党员（全年，应参加 6 次以上）" style={{ flex: 1, minWidth: 0 }}>
          <Table<MemberAttendance>
            rowKey={(r) => `${r.personId}-${r.branchId}`}
            size="small"
            loading={members.isPending}
            dataSource={(members.data?.items ?? []).filter((m) => m.expected >= 6).slice(0, 10)}
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
                : { title: '姓名', dataIndex: 'name', width: 80 },
              ...(mobile ? [] : [{ title: '党支部', dataIndex: 'branchName', ellipsis: true }]),
              { title: '应参加', dataIndex: 'expected', width: 64 },
              { title: '出席', dataIndex: 'present', width: 56 },
              { title: '补学', dataIndex: 'madeUp', width: 56 },
              { title: '出勤率', dataIndex: 'rate', width: 72, render: pct },
            ]}
          />
        </Card>
        {compliance.data?.settings.rankingEnabled && (
          <Card size="small" title="支部排名（本单位已开启）" style={{ flex: 1, minWidth: 0 }}>
            <Table
              rowKey="orgId"
              size="small"
              pagination={false}
              dataSource={[...(compliance.data?.branches ?? [])]
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
        )}
      </Flex>
    </Page>
  );
}
