import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Progress,
  Radio,
  Result,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, download, showError, upload } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { pagedListProps, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { toDateString, today } from '../../../web/format';
import type { ImportItem, ImportJobView } from '../contract';
import { hoursText, useTrainingSettings } from './model';

const PHASES: Record<ImportJobView['phase'], string> = {
  reading: '读取文件',
  matching: '逐行核对人员',
  writing: '写入学时',
  done: '完成',
};

type Values = { source: 'xuexi' | 'academy' | 'other'; unit: 'hours' | 'points'; period: [Dayjs, Dayjs] };

function JobView({ job, onRestart }: { job: ImportJobView; onRestart: () => void }) {
  if (job.status === 'running')
    return (
      <Flex vertical gap={8}>
        <Typography.Text>
          {PHASES[job.phase]}… {job.processed} / {job.total}
        </Typography.Text>
        <Progress percent={job.total ? Math.round((100 * job.processed) / job.total) : 0} status="active" />
      </Flex>
    );
  if (job.status === 'done')
    return (
      <Result
        status="success"
        title={`已导入 ${job.created} 人，共 ${hoursText(job.totalHours)} 学时`}
        subTitle={
          job.nonMembers
            ? `其中 ${job.nonMembers} 人不是党员：学时已记录，但不列入党员学时台账`
            : '已记入各人的学时台账（外部学习）'
        }
        extra={<Button onClick={onRestart}>再导入一个文件</Button>}
      />
    );
  return (
    <Flex vertical gap={8}>
      <Alert
        type="error"
        showIcon
        title={`文件中有 ${job.errors.length} 处问题，未导入任何学时`}
        description="全部行核对无误后才会导入（要么全部导入，要么都不导入）。请按下表修改文件后重新上传。"
      />
      <Table
        size="small"
        rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
        dataSource={job.errors}
        pagination={job.errors.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: '行', dataIndex: 'row', width: 60, render: (r: number) => (r ? r : '—') },
          { title: '列', dataIndex: 'column', width: 110 },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
      <Button onClick={onRestart}>重新上传</Button>
    </Flex>
  );
}

function ImportForm() {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const settings = useTrainingSettings();
  const [file, setFile] = useState<File | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const unit = Form.useWatch('unit', form);
  const job = useQuery({
    queryKey: ['training', 'import', jobId],
    queryFn: () => api<ImportJobView>(`/training/imports/jobs/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 800),
  });
  useEffect(() => {
    if (job.data?.status === 'done') client.invalidateQueries({ queryKey: ['training'] });
  }, [job.data?.status, client]);
  const start = async (v: Values) => {
    if (!file) return;
    setPct(0);
    try {
      const r = await upload<{ jobId: string }>(
        '/training/imports',
        file,
        {
          source: v.source,
          unit: v.unit,
          periodFrom: toDateString(v.period[0]),
          periodTo: toDateString(v.period[1]),
        },
        setPct,
      );
      setJobId(r.jobId);
    } catch (e) {
      showError(e);
    } finally {
      setPct(null);
    }
  };
  const restart = () => {
    setJobId(null);
    setFile(null);
  };
  if (jobId && job.data) return <JobView job={job.data} onRestart={restart} />;
  // The last whole quarter: three months ending with the month before this quarter began.
  const qEnd = today()
    .startOf('month')
    .subtract(today().month() % 3, 'month')
    .subtract(1, 'day');
  const qStart = qEnd.startOf('month').subtract(2, 'month');
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ source: 'xuexi', unit: 'points', period: [qStart, qEnd] }}
      onFinish={start}
    >
      <Form.Item name="source" label="来源">
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio value="xuexi">学习强国</Radio>
          <Radio value="academy">网络学院</Radio>
          <Radio value="other">其他平台</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="unit"
        label="统计单位"
        extra={
          unit === 'points'
            ? `积分按每 ${settings.data?.pointsPerHour ?? 100} 分折合 1 学时（培训设置）`
            : '文件中“学时”列直接记入'
        }
      >
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio value="points">积分</Radio>
          <Radio value="hours">学时</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="period"
        label="统计期间"
        rules={[{ required: true, message: '请选择统计期间' }]}
        extra="同一人同一平台的期间不能重复导入"
      >
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(today(), 'day')}
          inputReadOnly
        />
      </Form.Item>
      <Form.Item label="文件（.xlsx：姓名、身份证号或工号、学时或积分）" required>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入学习强国、网络学院导出的 Excel 文件</p>
        </Upload.Dragger>
      </Form.Item>
      {pct !== null && <Progress percent={pct} />}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          htmlType="submit"
          disabled={!file}
          loading={pct !== null || (!!jobId && !job.data)}
        >
          核对并导入
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download('/training/imports/template', undefined, '学习统计导入模板.xlsx').catch(showError)
          }
        >
          下载模板
        </Button>
      </Flex>
    </Form>
  );
}

/** 学时导入: outside study statistics, matched to people by ID or employee number, all rows or none. */
export default function Imports() {
  const { page, pageSize, setPage } = useUrlFilters({});
  const list = useQuery({
    queryKey: ['training', 'imports', page, pageSize],
    queryFn: () =>
      api<{ items: ImportItem[]; total: number }>('/training/imports', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title="学时导入">
      <Flex vertical gap={12}>
        <Card size="small" title="导入学习强国 / 网络学院统计" style={{ maxWidth: 720 }}>
          <ImportForm />
        </Card>
        <Card size="small" title="导入记录">
          <ResponsiveList<ImportItem>
            rowKey="id"
            {...pagedListProps(list, { page, pageSize, setPage })}
            empty="还没有导入过外部学习统计"
            columns={[
              { title: '文件', dataIndex: 'fileName', mobile: 'title', ellipsis: true },
              { title: '来源', dataIndex: 'sourceLabel', mobile: 'extra', width: 90 },
              {
                title: '期间',
                key: 'period',
                mobile: 'meta',
                width: 210,
                render: (_, i) => `${i.periodFrom} 至 ${i.periodTo}`,
              },
              {
                title: '人数',
                dataIndex: 'rowCount',
                mobile: 'meta',
                width: 70,
                render: (n: number) => `${n} 人`,
              },
              {
                title: '学时',
                dataIndex: 'totalHours',
                width: 90,
                render: (h: number) => `${hoursText(h)} 学时`,
              },
              {
                title: '导入',
                key: 'by',
                width: 220,
                render: (_, i) => `${i.importedByName ?? ''} · ${i.importedAt.slice(0, 10)}`,
              },
            ]}
          />
        </Card>
      </Flex>
    </Page>
  );
}
