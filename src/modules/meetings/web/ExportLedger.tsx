import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Modal, Progress, Select, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { ApiError, api, queryString, saveFile, showError } from '../../../web/api';
import { today } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import { MEETING_KIND_LABELS, MEETING_KINDS } from './model';

/** The server refuses larger ledgers (export.ts MAX_LEDGER_ROWS). */
const MAX_ROWS = 20000;

type Preset = 'month' | 'quarter' | 'year' | 'last_year' | 'custom';
const PRESETS: { value: Preset; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
  { value: 'last_year', label: '上一年' },
  { value: 'custom', label: '自定义' },
];

function rangeOf(preset: Preset): [Dayjs, Dayjs] | null {
  const t = today();
  if (preset === 'month') return [t.startOf('month'), t.endOf('month')];
  if (preset === 'quarter') {
    const from = t.month(Math.floor(t.month() / 3) * 3).startOf('month');
    return [from, from.add(2, 'month').endOf('month')];
  }
  if (preset === 'year') return [t.startOf('year'), t.endOf('year')];
  if (preset === 'last_year')
    return [t.subtract(1, 'year').startOf('year'), t.subtract(1, 'year').endOf('year')];
  return null;
}

interface Progressing {
  phase: 'generating' | 'downloading';
  received: number;
  total: number | null;
  startedAt: number;
}

/** Fetches the ledger, reporting the bytes received, and saves it under the server's file name. */
async function fetchLedger(
  query: Record<string, string | undefined>,
  onProgress: (p: Pick<Progressing, 'phase' | 'received' | 'total'>) => void,
  signal: AbortSignal,
) {
  const res = await fetch(`/api/v1/meetings/export${queryString(query)}`, {
    credentials: 'same-origin',
    signal,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(res.status, body.code ?? 'http_error', body.message ?? `导出失败（${res.status}）`);
  }
  const total = Number(res.headers.get('content-length')) || null;
  const chunks: BlobPart[] = [];
  let received = 0;
  onProgress({ phase: 'downloading', received, total });
  const reader = res.body?.getReader();
  if (reader)
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress({ phase: 'downloading', received, total });
    }
  else chunks.push(await res.blob());
  saveFile(
    new Blob(chunks, { type: res.headers.get('content-type') ?? undefined }),
    res.headers.get('content-disposition'),
    '组织生活台账.xlsx',
  );
}

const kb = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/** Downloads the ledger with its progress; `stop` aborts it. */
function useLedgerDownload() {
  const [progress, setProgress] = useState<Progressing | null>(null);
  const abort = useRef<AbortController | null>(null);
  const run = async (query: Record<string, string | undefined>, done: () => void) => {
    const controller = new AbortController();
    abort.current = controller;
    const startedAt = Date.now();
    setProgress({ phase: 'generating', received: 0, total: null, startedAt });
    try {
      await fetchLedger(query, (p) => setProgress({ ...p, startedAt }), controller.signal);
      done();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') showError(e);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };
  return { progress, run, stop: () => abort.current?.abort() };
}

/** The bar while the server builds the workbook (no bytes yet: it creeps towards 90%), then the download. */
function ProgressNote({ progress }: { progress: Progressing }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 300);
    return () => clearInterval(t);
  }, []);
  const seconds = Math.max(0, Math.round((now - progress.startedAt) / 1000));
  const percent =
    progress.phase === 'generating'
      ? Math.round(90 * (1 - Math.exp(-(now - progress.startedAt) / 4000)))
      : progress.total
        ? 90 + Math.round((10 * progress.received) / progress.total)
        : 95;
  return (
    <div style={{ marginTop: 12 }}>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {progress.phase === 'generating'
          ? `服务器正在生成台账，已用 ${seconds} 秒…`
          : `正在下载 ${kb(progress.received)}${progress.total ? ` / ${kb(progress.total)}` : ''}`}
      </Typography.Text>
    </div>
  );
}

/** How many records the ledger will hold, or why it cannot be exported. */
function CountNote({
  badRange,
  tooMany,
  counting,
  total,
  from,
  to,
}: {
  badRange: boolean;
  tooMany: boolean;
  counting: boolean;
  total: number | undefined;
  from: Dayjs | null;
  to: Dayjs | null;
}) {
  if (badRange)
    return <Alert type="warning" showIcon message="请选择开始和结束日期，开始日期不能晚于结束日期" />;
  if (tooMany)
    return (
      <Alert
        type="error"
        showIcon
        message={`共 ${total} 条，超过一次导出的上限 ${MAX_ROWS} 条，请缩小范围或时间段`}
      />
    );
  return (
    <Typography.Text type="secondary">
      {counting || total === undefined
        ? '正在统计记录数…'
        : total === 0
          ? '所选范围和时间段内没有会议记录，导出的台账将只有表头。'
          : `${from!.format('YYYY年M月D日')}至${to!.format('YYYY年M月D日')}，共 ${total} 条记录（不含已取消的计划）。`}
    </Typography.Text>
  );
}

type Range = [Dayjs | null, Dayjs | null];

/** What to export: the scope, the period (a preset or two dates), the kind. */
function LedgerForm({
  disabled,
  orgId,
  setOrgId,
  kind,
  setKind,
  preset,
  setPreset,
  range,
  setRange,
}: {
  disabled: boolean;
  orgId?: string;
  setOrgId: (v: string | undefined) => void;
  kind?: string;
  setKind: (v: string | undefined) => void;
  preset: Preset;
  setPreset: (p: Preset) => void;
  range: Range;
  setRange: (r: Range) => void;
}) {
  const mobile = useIsMobile();
  const orgs = useOrgs();
  const [from, to] = range;
  const pick = (r: Range) => {
    setPreset('custom');
    setRange(r);
  };
  const datePicker = (value: Dayjs | null, onChange: (d: Dayjs | null) => void, placeholder: string) => (
    <DatePicker
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      inputReadOnly={mobile}
      style={{ flex: 1, minWidth: 0 }}
    />
  );
  return (
    <Form layout="vertical" disabled={disabled}>
      <Form.Item label="范围（含下级组织）">
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder="我管理的全部组织"
          treeData={orgSelectTree(orgs.data ?? [])}
          value={orgs.data ? orgId : undefined}
          onChange={setOrgId}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item label="时间段（按召开日期）">
        <Select
          value={preset}
          options={PRESETS}
          onChange={(p: Preset) => {
            setPreset(p);
            const r = rangeOf(p);
            if (r) setRange(r);
          }}
          style={{ marginBottom: 8 }}
        />
        {mobile ? (
          <Flex gap={8} align="center">
            {datePicker(from, (d) => pick([d, to]), '开始日期')}
            <span>至</span>
            {datePicker(to, (d) => pick([from, d]), '结束日期')}
          </Flex>
        ) : (
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => pick([v?.[0] ?? null, v?.[1] ?? null])}
            style={{ width: '100%' }}
          />
        )}
      </Form.Item>
      <Form.Item label="会议类型">
        <Select
          allowClear
          placeholder="全部类型"
          value={kind}
          options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))}
          onChange={setKind}
        />
      </Form.Item>
    </Form>
  );
}

/** 导出台账: any scope and period, on a phone too, with progress while the server builds the workbook. */
export function ExportLedgerButton({
  orgId: initialOrg,
  kind: initialKind,
}: {
  orgId?: string;
  kind?: string;
}) {
  const mobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const [orgId, setOrgId] = useState<string | undefined>(initialOrg);
  const [kind, setKind] = useState<string | undefined>(initialKind);
  const [preset, setPreset] = useState<Preset>('year');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null]>(rangeOf('year')!);
  const { progress, run, stop } = useLedgerDownload();

  const [from, to] = range;
  const badRange = !from || !to || from.isAfter(to);
  const query = {
    orgId,
    kind,
    from: from?.format('YYYY-MM-DD'),
    to: to?.format('YYYY-MM-DD'),
  };
  const count = useQuery({
    queryKey: ['meetings', 'export-count', query],
    queryFn: () => api<{ total: number }>('/meetings', { query: { ...query, page: 1, pageSize: 1 } }),
    enabled: open && !badRange,
  });
  const total = count.data?.total;
  const tooMany = (total ?? 0) > MAX_ROWS;

  const start = () => run(query, () => setOpen(false));
  const close = () => {
    stop();
    setOpen(false);
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => setOpen(true)}>
        导出台账
      </Button>
      <Modal
        title="导出组织生活台账（Excel）"
        open={open}
        onCancel={close}
        okText={progress ? '正在导出…' : '导出'}
        cancelText={progress ? '停止' : '取消'}
        okButtonProps={{ disabled: badRange || tooMany || !!progress, loading: !!progress }}
        onOk={start}
        destroyOnHidden
      >
        <LedgerForm
          disabled={!!progress}
          orgId={orgId}
          setOrgId={setOrgId}
          kind={kind}
          setKind={setKind}
          preset={preset}
          setPreset={setPreset}
          range={range}
          setRange={setRange}
        />
        <CountNote
          badRange={badRange}
          tooMany={tooMany}
          counting={count.isFetching}
          total={total}
          from={from}
          to={to}
        />
        {progress && <ProgressNote progress={progress} />}
      </Modal>
    </>
  );
}
