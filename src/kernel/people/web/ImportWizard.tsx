import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Flex,
  Progress,
  Result,
  Steps,
  Table,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, download, showError, upload } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { useMe } from '../../../web/session';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import { ROSTER_HEADERS } from '../roster-rules';

interface ImportJob {
  status: 'running' | 'failed' | 'done';
  phase: 'parsing' | 'validating' | 'writing' | 'done';
  processed: number;
  total: number;
  errors: { row: number; column: string; message: string }[];
  created: number;
  message?: string;
}

const PHASE_LABELS: Record<string, string> = {
  parsing: '正在读取文件',
  validating: '正在逐行校验',
  writing: '正在写入',
  done: '已完成',
};

const COLUMNS = ROSTER_HEADERS.join('、');

export default function ImportWizard() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const orgs = useOrgs();
  const [step, setStep] = useState(0);
  const [orgId, setOrgId] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [templateLoading, setTemplateLoading] = useState(false);

  const job = useQuery({
    queryKey: ['people', 'import', jobId],
    queryFn: () => api<ImportJob>(`/people/import/${jobId}`),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
  });
  const finished = job.data && job.data.status !== 'running';

  useEffect(() => {
    if (finished) {
      setStep(3);
      if (job.data?.status === 'done') {
        queryClient.invalidateQueries({ queryKey: ['people', 'list'] });
        queryClient.invalidateQueries({ queryKey: ['people', 'stats'] });
        queryClient.invalidateQueries({ queryKey: ['orgs'] });
      }
    }
  }, [finished, job.data?.status, queryClient]);

  if (!me.scope.managesOrgs) return <Result status="403" title="只有组织管理员和支部书记可以导入名册" />;

  const getTemplate = async () => {
    setTemplateLoading(true);
    try {
      await download('/people/import/template', undefined, '人员名册导入模板.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setTemplateLoading(false);
    }
  };

  const start = async () => {
    if (!file) return;
    setUploading(true);
    setPercent(0);
    try {
      const r = await upload<{ jobId: string }>('/people/import', file, { orgId }, setPercent);
      setJobId(r.jobId);
      setStep(2);
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };

  const restart = () => {
    setStep(0);
    setFile(null);
    setJobId(null);
    setPercent(0);
  };

  const j = job.data;
  const jobPercent = j && j.total > 0 ? Math.round((j.processed / j.total) * 100) : 0;

  return (
    <Page title="导入人员名册">
      <Card size="small">
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          responsive
          items={[{ title: '下载模板' }, { title: '上传文件' }, { title: '校验与导入' }, { title: '结果' }]}
        />
        {step === 0 && (
          <Flex vertical gap={16}>
            <Typography.Paragraph style={{ margin: 0 }}>
              请按模板填写名册（.xlsx），列的顺序不能改变（前列与全国党员管理信息系统汇总表一致）：
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
              {COLUMNS}
            </Typography.Paragraph>
            <Alert
              type="info"
              showIcon
              title="整表校验：只要有一行有误，整份名册都不会导入，请按错误清单改正后重新上传。"
            />
            <div>
              <Button icon={<DownloadOutlined />} loading={templateLoading} onClick={getTemplate}>
                下载导入模板
              </Button>
            </div>
            <div>
              <Typography.Text>默认导入到：</Typography.Text>
              <TreeSelect
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                style={{ width: 280, maxWidth: '100%', marginTop: 4, display: 'block' }}
                placeholder="不选则按表中“所在党支部”列"
                treeData={orgSelectTree(orgs.data ?? [], (o) => o.type === 'branch' && !o.dissolvedOn)}
                value={orgId}
                onChange={(v) => setOrgId(v)}
                loading={orgs.isPending}
              />
            </div>
            <Flex justify="flex-end">
              <Button type="primary" onClick={() => setStep(1)}>
                下一步：上传文件
              </Button>
            </Flex>
          </Flex>
        )}
        {step === 1 && (
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
                  ? [
                      {
                        uid: 'file',
                        name: file.name,
                        size: file.size,
                        status: uploading ? 'uploading' : 'done',
                      },
                    ]
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
              <Button onClick={() => setStep(0)} disabled={uploading}>
                上一步
              </Button>
              <Button
                type="primary"
                icon={<UploadOutlined />}
                disabled={!file}
                loading={uploading}
                onClick={start}
              >
                开始上传
              </Button>
            </Flex>
          </Flex>
        )}
        {step === 2 && (
          <Flex vertical gap={16} align="center" style={{ padding: '24px 0' }}>
            <Progress type="circle" percent={jobPercent} status={job.isError ? 'exception' : 'active'} />
            <Typography.Text>
              {j
                ? `${PHASE_LABELS[j.phase] ?? j.phase}：${j.processed} / ${j.total || '?'} 行`
                : '已上传，等待处理…'}
            </Typography.Text>
            {job.isError && <Button onClick={() => job.refetch()}>重新查询进度</Button>}
          </Flex>
        )}
        {step === 3 && j?.status === 'done' && (
          <Result
            status="success"
            title={`导入成功，新增 ${j.created} 人`}
            subTitle={`共处理 ${j.total} 行。`}
            extra={[
              <Button type="primary" key="list" onClick={() => navigate('/people')}>
                查看人员
              </Button>,
              <Button key="again" onClick={restart}>
                继续导入
              </Button>,
            ]}
          />
        )}
        {step === 3 && j?.status === 'failed' && (
          <Flex vertical gap={12}>
            <Result
              status="error"
              title="全部未导入"
              subTitle={
                j.errors.length
                  ? `名册中有 ${j.errors.length} 处错误，整份名册均未导入。请改正后重新上传。`
                  : (j.message ?? '导入失败，整份名册均未导入。')
              }
              extra={
                <Button type="primary" onClick={restart}>
                  改正后重新导入
                </Button>
              }
              style={{ padding: '16px 0' }}
            />
            {j.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={j.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 处` }}
                columns={[
                  {
                    title: '行',
                    dataIndex: 'row',
                    width: 64,
                    render: (r: number) => (r === 0 ? '整个文件' : r),
                  },
                  { title: '列', dataIndex: 'column', width: 140, render: (c: string) => c || '整行' },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            )}
          </Flex>
        )}
      </Card>
    </Page>
  );
}
