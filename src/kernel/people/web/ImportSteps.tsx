import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { download, showError, upload } from '../../../web/api';
import { ROSTER_HEADERS } from '../roster-columns';
import type { ImportJobView } from './model';

/** The steps of the roster import (ImportWizard.tsx moves between them). */

const PHASE_LABELS: Record<ImportJobView['phase'], string> = {
  parsing: '正在读取文件',
  validating: '正在逐行校验',
  writing: '正在写入',
  done: '已完成',
};

export function TemplateStep({ onNext }: { onNext: () => void }) {
  const [loading, setLoading] = useState(false);
  const getTemplate = async () => {
    setLoading(true);
    try {
      await download('/people/import/template', undefined, '人员名册导入模板.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>
        请按模板填写名册（.xlsx），列的顺序不能改变（前列与全国党员管理信息系统汇总表一致）：
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
        {ROSTER_HEADERS.join('、')}
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        title="每行的“所在党支部”填写党支部全称或组织编码（模板的“党支部列表”中列出您可以导入的党支部）。整表校验：只要有一行有误，整份名册都不会导入，请按错误清单改正后重新上传。"
      />
      <div>
        <Button icon={<DownloadOutlined />} loading={loading} onClick={getTemplate}>
          下载导入模板
        </Button>
      </div>
      <Flex justify="flex-end">
        <Button type="primary" onClick={onNext}>
          下一步：上传文件
        </Button>
      </Flex>
    </Flex>
  );
}

export function UploadStep({
  onBack,
  onStarted,
}: {
  onBack: () => void;
  onStarted: (jobId: string) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState(0);
  const [uploading, setUploading] = useState(false);
  const start = async () => {
    if (!file) return;
    setUploading(true);
    setPercent(0);
    try {
      const r = await upload<{ jobId: string }>('/people/import', file, undefined, setPercent);
      onStarted(r.jobId);
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };
  return (
    <Flex vertical gap={16}>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        multiple={false}
        beforeUpload={(f) => {
          setFile(f);
          return false;
        }}
        onRemove={() => setFile(null)}
        fileList={
          file
            ? [{ uid: 'file', name: file.name, size: file.size, status: uploading ? 'uploading' : 'done' }]
            : []
        }
        disabled={uploading}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入名册文件（.xlsx，不超过 20 MB）</p>
      </Upload.Dragger>
      {uploading && <Progress percent={percent} status="active" format={(p) => `上传 ${p}%`} />}
      <Flex justify="space-between">
        <Button onClick={onBack} disabled={uploading}>
          上一步
        </Button>
        <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={uploading} onClick={start}>
          开始上传
        </Button>
      </Flex>
    </Flex>
  );
}

export function ImportProgress({
  job,
  failed,
  retry,
}: {
  job: ImportJobView | undefined;
  failed: boolean;
  retry: () => void;
}) {
  const percent = job && job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  return (
    <Flex vertical gap={16} align="center" style={{ padding: '24px 0' }}>
      <Progress type="circle" percent={percent} status={failed ? 'exception' : 'active'} />
      <Typography.Text>
        {job
          ? `${PHASE_LABELS[job.phase] ?? job.phase}：${job.processed} / ${job.total || '?'} 行`
          : '已上传，等待处理…'}
      </Typography.Text>
      {failed && <Button onClick={retry}>重新查询进度</Button>}
    </Flex>
  );
}

export function ImportResult({ job, restart }: { job: ImportJobView; restart: () => void }) {
  const navigate = useNavigate();
  if (job.status === 'done')
    return (
      <Result
        status="success"
        title={`导入成功，新增 ${job.created} 人`}
        subTitle={`共处理 ${job.total} 行。`}
        extra={[
          <Button type="primary" key="list" onClick={() => navigate('/people')}>
            查看人员
          </Button>,
          <Button key="again" onClick={restart}>
            继续导入
          </Button>,
        ]}
      />
    );
  return (
    <Flex vertical gap={12}>
      <Result
        status="error"
        title="全部未导入"
        subTitle={
          job.errors.length
            ? `名册中有 ${job.errors.length} 处错误，整份名册均未导入。请改正后重新上传。`
            : '导入失败，整份名册均未导入。'
        }
        extra={
          <Button type="primary" onClick={restart}>
            改正后重新导入
          </Button>
        }
        style={{ padding: '16px 0' }}
      />
      {job.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={job.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 处` }}
          columns={[
            { title: '行', dataIndex: 'row', width: 64, render: (r: number) => (r === 0 ? '整个文件' : r) },
            { title: '列', dataIndex: 'column', width: 140, render: (c: string) => c || '整行' },
            { title: '原因', dataIndex: 'message' },
          ]}
        />
      )}
    </Flex>
  );
}
