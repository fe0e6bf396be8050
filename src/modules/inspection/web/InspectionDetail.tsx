import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { InspectionDetail as Detail, Finding } from '../contract';
import { BranchRecords } from './BranchRecords';
import { FindingModal } from './FindingModal';
import { Evidence, RectTag } from './parts';
import { RectificationTable } from './Rectifications';

function FindingCard({ f, onChange }: { f: Finding; onChange: () => void }) {
  return (
    <Card size="small" style={{ marginTop: 8, background: f.verdict === 'problem' ? '#fffbf0' : '#f6ffed' }}>
      <Flex justify="space-between" gap={8} wrap>
        <Tag color={f.verdict === 'problem' ? 'orange' : 'green'}>{f.verdictLabel}</Tag>
        {f.rectification && (
          <Link to={`/rectifications/${f.rectification.id}`}>
            <Flex gap={4} align="center">
              整改 <RectTag status={f.rectification.status} /> {f.rectification.rectifyBy} 前
            </Flex>
          </Link>
        )}
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0' }}>
        {f.finding}
      </Typography.Paragraph>
      {f.links.length > 0 && (
        <Flex vertical gap={2} style={{ marginBottom: 6 }}>
          {f.links.map((l) => (
            <Link key={`${l.kind}${l.id}`} to={l.link} style={{ fontSize: 13 }}>
              ▸ {l.label}
            </Link>
          ))}
        </Flex>
      )}
      <Evidence files={f.files} onChange={onChange} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {f.createdByName}
      </Typography.Text>
    </Card>
  );
}

/** The checklist's items, each with its findings and (for the inspector) 记录发现; findings for other items last. */
function Items({
  d,
  onRecord,
  onChange,
}: {
  d: Detail;
  onRecord: (item?: string) => void;
  onChange: () => void;
}) {
  const byId = new Map(d.findings.map((f) => [f.id, f]));
  const others = d.findings.filter((f) => !d.items.some((i) => i.findings.includes(f.id)));
  const recording = d.actions.includes('record');
  return (
    <Flex vertical gap={12}>
      {d.items.map((item, n) => (
        <Card
          key={item.key}
          size="small"
          title={
            <Typography.Text strong style={{ whiteSpace: 'normal' }}>
              {n + 1}. {item.title}
            </Typography.Text>
          }
          extra={
            recording && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => onRecord(item.title)}>
                记录发现
              </Button>
            )
          }
        >
          {item.guidance && <Typography.Text type="secondary">{item.guidance}</Typography.Text>}
          {item.findings.length === 0 && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                尚未记录
              </Typography.Text>
            </div>
          )}
          {item.findings.map((id) => (
            <FindingCard key={id} f={byId.get(id)!} onChange={onChange} />
          ))}
        </Card>
      ))}
      {(others.length > 0 || recording) && (
        <Card
          size="small"
          title={d.items.length ? '其他发现' : '检查发现'}
          extra={
            recording && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => onRecord()}>
                记录发现
              </Button>
            )
          }
        >
          {others.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="清单以外的发现记在这里" />
          )}
          {others.map((f) => (
            <div key={f.id}>
              <Typography.Text strong>{f.item}</Typography.Text>
              <FindingCard f={f} onChange={onChange} />
            </div>
          ))}
        </Card>
      )}
    </Flex>
  );
}

export default function InspectionDetail() {
  const { id } = useParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [recording, setRecording] = useState<{ item?: string } | null>(null);
  const [completing, setCompleting] = useState(false);
  const [summary, setSummary] = useState('');
  const q = useQuery({
    queryKey: ['inspections', 'detail', id],
    queryFn: () => api<Detail>(`/inspections/${id}`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['inspections'] });
  const complete = useMutation({
    mutationFn: () => api(`/inspections/${id}/complete`, { method: 'POST', body: { summary } }),
    onSuccess: () => {
      message.success('检查已完成');
      setCompleting(false);
      refresh();
    },
    onError: showError,
  });
  const d = q.data;
  if (!d) return <Loading />;
  const tab = params.get('tab') ?? 'items';
  return (
    <Page
      title={d.title}
      extra={
        d.actions.includes('complete') && (
          <Button icon={<CheckOutlined />} onClick={() => setCompleting(true)}>
            完成检查
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="被检查党支部">{d.orgName}</Descriptions.Item>
          <Descriptions.Item label="检查组织">{d.inspectorOrgName}</Descriptions.Item>
          <Descriptions.Item label="方式">
            {d.modeLabel} · {d.inspectedOn}
          </Descriptions.Item>
          <Descriptions.Item label="查阅期间">
            {d.periodFrom} 至 {d.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="检查清单">
            {d.checklist ? `${d.checklist.name}（第 ${d.checklist.version} 版）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={d.status === 'open' ? 'processing' : 'default'}>{d.statusLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="整改">
            共 {d.rectifications.total}，已销号 {d.rectifications.closed}
            {d.rectifications.overdue > 0 && (
              <Typography.Text type="danger" strong style={{ marginInlineStart: 8 }}>
                逾期 {d.rectifications.overdue}
              </Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
        {d.summary && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            检查结论：{d.summary}
          </Typography.Paragraph>
        )}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'items',
            label: '检查项目',
            children: <Items d={d} onRecord={(item) => setRecording({ item })} onChange={refresh} />,
          },
          { key: 'records', label: '支部记录（网上查阅）', children: <BranchRecords inspectionId={d.id} /> },
          {
            key: 'rectifications',
            label: `整改事项（${d.rectifications.total}）`,
            children: (
              <RectificationTable
                query={{ inspectionId: d.id, pageSize: 100 }}
                empty="本次检查没有下达整改事项"
              />
            ),
          },
        ]}
      />
      {recording && <FindingModal d={d} item={recording.item} onClose={() => setRecording(null)} />}
      <Modal
        open={completing}
        title="完成检查"
        okText="完成"
        onOk={() => complete.mutate()}
        confirmLoading={complete.isPending}
        onCancel={() => setCompleting(false)}
      >
        <Form layout="vertical">
          <Form.Item
            label="检查结论（可不填）"
            extra="完成后不能再记录检查发现；已下达的整改事项继续跟踪到销号。"
          >
            <Input.TextArea
              rows={4}
              maxLength={2000}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
