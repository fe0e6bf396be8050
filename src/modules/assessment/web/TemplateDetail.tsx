import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import { fmtDateTime } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { Template } from '../contract';
import { PERIOD_KIND_LABELS } from '../rules';
import { TEMPLATE_STATUS } from './Templates';

type Item = Template['items'][number];

/** A template version: its items, each with its source and rule in words. */
export default function TemplateDetail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const t = useQuery({
    queryKey: ['assessment', 'template', id],
    queryFn: () => api<Template>(`/assessment/templates/${id}`),
  });
  const retire = useMutation({
    mutationFn: () => api<Template>(`/assessment/templates/${id}/retire`, { method: 'POST' }),
    onSuccess: (d) => {
      message.success('模板已停用；已完成的考核不受影响');
      qc.setQueryData(['assessment', 'template', id], d);
      qc.invalidateQueries({ queryKey: ['assessment', 'templates'] });
    },
    onError: showError,
  });
  if (t.isPending) return <Loading />;
  if (t.isError) return <Alert type="error" title={(t.error as Error).message} />;
  const d = t.data;
  const columns = [
    { title: '考核项目', dataIndex: 'name', mobile: 'title' as const },
    {
      title: '类型',
      key: 'kind',
      mobile: 'extra' as const,
      width: 90,
      render: (_: unknown, i: Item) => (
        <Tag color={i.kind === 'deduction' ? 'red' : i.kind === 'bonus' ? 'green' : 'blue'}>
          {i.kindLabel}
        </Tag>
      ),
    },
    {
      title: '分值',
      dataIndex: 'maxPoints',
      mobile: 'meta' as const,
      width: 70,
      render: (v: number) => `${v} 分`,
    },
    {
      title: '来源',
      key: 'source',
      mobile: 'meta' as const,
      width: 150,
      render: (_: unknown, i: Item) => (
        <>
          {i.sourceLabel}
          {!i.available && <Tag style={{ marginInlineStart: 4 }}>数据来源未启用</Tag>}
        </>
      ),
    },
    {
      title: '计分规则',
      key: 'rule',
      mobile: 'line' as const,
      render: (_: unknown, i: Item) => (
        <span>
          {i.ruleText}
          {i.criteria && <Typography.Text type="secondary">（{i.criteria}）</Typography.Text>}
        </span>
      ),
    },
  ];
  return (
    <Page
      title={d.name}
      extra={
        <>
          {d.actions.includes('start_round') && (
            <Button onClick={() => navigate('/assessment/rounds')}>用于发起考核</Button>
          )}
          {d.actions.includes('retire') && (
            <Popconfirm
              title="停用该模板？"
              description="停用后不能再用于新的考核，已完成的考核不受影响。"
              onConfirm={() => retire.mutate()}
            >
              <Button danger loading={retire.isPending}>
                停用
              </Button>
            </Popconfirm>
          )}
          {d.actions.includes('revise') && (
            <Button type="primary" onClick={() => navigate(`/assessment/templates/new?from=${d.id}`)}>
              修订（生成新版本）
            </Button>
          )}
        </>
      }
    >
      <Flex vertical gap={12}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="状态">
              <Tag color={TEMPLATE_STATUS[d.status].color}>{TEMPLATE_STATUS[d.status].label}</Tag>第
              {d.version}版
            </Descriptions.Item>
            <Descriptions.Item label="考核对象">{d.targetLabel}</Descriptions.Item>
            <Descriptions.Item label="周期">
              {d.periodKind ? PERIOD_KIND_LABELS[d.periodKind] : '不限'}
            </Descriptions.Item>
            <Descriptions.Item label="制定单位">{d.orgName}</Descriptions.Item>
            <Descriptions.Item label="满分">
              {d.maxTotal} 分{d.bonusCap !== null ? `，加分最多 ${d.bonusCap} 分` : ''}
              {d.deductionCap !== null ? `，扣分最多 ${d.deductionCap} 分` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="制定">
              {d.createdByName} {fmtDateTime(d.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          {d.description && (
            <Typography.Paragraph style={{ margin: 0 }}>{d.description}</Typography.Paragraph>
          )}
        </Card>
        <Card size="small" title={`考核项目（${d.items.length} 项）`}>
          {mobile ? (
            <ResponsiveList<Item> rowKey="id" items={d.items} columns={columns} empty="没有考核项目" />
          ) : (
            <Table<Item> rowKey="id" size="small" dataSource={d.items} columns={columns} pagination={false} />
          )}
        </Card>
        <Typography.Text type="secondary">
          系统计算的项目直接读取各模块的记录，支部不必另行报送；“数据来源未启用”的项目不计入总分，也不计入满分。
        </Typography.Text>
      </Flex>
    </Page>
  );
}
