import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, download, showError, showFormError } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { Page } from '../../../web/components/Page';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { type dayjs, fmtDateTime, toDateString, today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { NoticeDetail, NoticeList, ViolationList } from '../contract';
import { ABILITY } from './model';

/** 两违通报 with per-branch read receipts; a secretary confirms reading with one tap. */
function IssueNotice({ issuers, onClose }: { issuers: NoticeList['issuers']; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const orgId = Form.useWatch('orgId', form) as string | undefined;
  const range = Form.useWatch('range', form) as [dayjs.Dayjs, dayjs.Dayjs] | undefined;
  const from = toDateString(range?.[0]) ?? undefined;
  const to = toDateString(range?.[1]) ?? undefined;
  const candidates = useQuery({
    queryKey: ['violations', 'for-notice', orgId, from, to],
    queryFn: () =>
      api<ViolationList>('/violations', { query: { orgId, from, to, pageSize: 200 } }).then((r) => r.items),
    enabled: !!orgId,
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api('/safety/notices', {
        method: 'POST',
        body: { orgId: v.orgId, title: v.title, body: v.body, violationIds: v.violationIds ?? [] },
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety', 'notices'] });
      message.success('通报已发布，各支部将收到阅读提醒');
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  const sorted = [...(candidates.data ?? [])].sort((a, b) => Number(b.wasMember) - Number(a.wasMember));
  return (
    <Modal
      open
      title="发布两违通报"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          orgId: issuers[0]?.orgId,
          range: [today().subtract(1, 'month').startOf('month'), today().subtract(1, 'month').endOf('month')],
        }}
      >
        <Form.Item name="orgId" label="发布组织" rules={[{ required: true, message: '请选择发布组织' }]}>
          <Select options={issuers.map((r) => ({ value: r.orgId, label: r.orgName }))} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={100} placeholder="关于×月份党员违章违纪情况的通报" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="range" label="违章期间">
          <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="violationIds" label="通报的违章违纪（党员在前）">
          <Select
            mode="multiple"
            loading={candidates.isFetching}
            showSearch={{ optionFilterProp: 'label' }}
            options={sorted.map((v) => ({
              value: v.id,
              label: `${v.wasMember ? '【党员】' : ''}${v.personName}·${v.orgName}·${v.occurredOn}·${v.categoryName}`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One notice: its text, the violations it names, and the receipts of the caller's view. */
function NoticeBody({ d }: { d: NoticeDetail }) {
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label="发布">{d.orgName}</Descriptions.Item>
        <Descriptions.Item label="日期">{d.issuedOn}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.body}</Typography.Paragraph>
      <Table
        size="small"
        rowKey={(r) => r.id ?? `${r.occurredOn}-${r.personName}-${r.description}`}
        pagination={false}
        dataSource={d.violations}
        scroll={{ x: 600 }}
        columns={[
          { title: '日期', dataIndex: 'occurredOn', width: 100 },
          {
            title: '姓名',
            dataIndex: 'personName',
            width: 110,
            render: (v: string, r) => (
              <>
                {v} {r.wasMember && <Tag color="red">党员</Tag>}
              </>
            ),
          },
          { title: '党支部', dataIndex: 'orgName', ellipsis: true },
          { title: '类别', dataIndex: 'categoryName', width: 120 },
          { title: '情况', dataIndex: 'description', ellipsis: true },
        ]}
      />
      <Typography.Text strong>阅读回执</Typography.Text>
      <Flex gap={6} wrap>
        {d.receipts.map((r) => (
          <Tag
            key={r.orgId}
            color={r.readAt ? 'green' : 'default'}
            title={r.readAt ? fmtDateTime(r.readAt) : '未读'}
          >
            {r.orgName}
            {r.readAt ? ' ✓' : ''}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}

/** The open notice, with its export and, for a receiving branch's secretary, 确认已阅. */
function NoticeModal({ openId, onClose }: { openId: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['safety', 'notices', openId],
    queryFn: () => api<NoticeDetail>(`/safety/notices/${openId}`),
    enabled: !!openId,
  });
  const markRead = useMutation({
    mutationFn: () => api(`/safety/notices/${openId}/read`, { method: 'POST' }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety', 'notices'] });
      message.success('已确认阅读');
    },
    onError: showError,
  });
  const d = detail.data;
  return (
    <Modal
      open={!!openId}
      width={880}
      title={d?.title}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button
            onClick={() => download(`/safety/notices/${openId}/export`, {}, '通报.xlsx').catch(showError)}
          >
            导出
          </Button>
          {d?.actions.includes('mark_read') && (
            <Button type="primary" loading={markRead.isPending} onClick={() => markRead.mutate()}>
              确认已阅
            </Button>
          )}
        </Flex>
      }
    >
      {d && <NoticeBody d={d} />}
    </Modal>
  );
}

type NoticeRow = NoticeList['items'][number];

function columns(open: (n: NoticeRow) => void): ResponsiveColumn<NoticeRow>[] {
  return [
    {
      title: '通报',
      dataIndex: 'title',
      mobile: 'title',
      render: (v: string, n) => (
        <>
          {n.unreadByMe && <Badge status="error" style={{ marginInlineEnd: 6 }} title="未确认阅读" />}
          <Typography.Link onClick={() => open(n)}>{v}</Typography.Link>
        </>
      ),
    },
    { title: '发布组织', dataIndex: 'orgName', width: 200, ellipsis: true, mobile: 'meta' },
    { title: '日期', dataIndex: 'issuedOn', width: 110, mobile: 'meta' },
    {
      title: '违章违纪',
      dataIndex: 'violationCount',
      width: 100,
      mobile: 'hidden',
      render: (v: number) => `${v} 件`,
    },
    {
      title: '通报',
      key: 'countLine',
      hidden: true,
      mobile: 'meta',
      render: (_: unknown, n) => `通报 ${n.violationCount} 件`,
    },
    {
      title: '已阅',
      key: 'receipts',
      width: 220,
      render: (_: unknown, n) => (
        <Flex gap={8} align="center" style={{ width: '100%' }}>
          <span style={{ flex: 'none' }}>
            {n.receipts.read}/{n.receipts.total}
          </span>
          <Progress
            percent={n.receipts.total ? Math.round((n.receipts.read / n.receipts.total) * 100) : 0}
            size="small"
            showInfo={false}
            style={{ flex: 1, margin: 0, minWidth: 80 }}
          />
        </Flex>
      ),
    },
  ];
}

export default function Notices() {
  const me = useMe();
  const [openId, setOpenId] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const { page, pageSize, setPage, query } = useUrlFilters({}, { pageSize: 50 });
  const list = useQuery({
    queryKey: ['safety', 'notices', 'list', query],
    queryFn: () => api<NoticeList>('/safety/notices', { query }),
  });
  const issuers = list.data?.issuers ?? [];
  const issuer = can(me, ABILITY.issueNotice) && issuers.length > 0;
  const open = (n: NoticeRow) => setOpenId(n.id);
  return (
    <Page
      title="两违通报"
      extra={
        <>
          {issuer && (
            <Button type="primary" onClick={() => setIssuing(true)}>
              发布通报
            </Button>
          )}
          <ExportButton path="/safety/notices/export" filename="两违通报台账.xlsx" label="导出通报台账" />
        </>
      }
    >
      {issuing && <IssueNotice issuers={issuers} onClose={() => setIssuing(false)} />}
      <ResponsiveList
        rowKey="id"
        columns={columns(open)}
        {...pagedListProps(list, { page, pageSize, setPage })}
        empty={
          issuer
            ? '还没有两违通报：可点击“发布通报”，把违章违纪情况通报给下级支部'
            : '还没有收到或发布的两违通报，上级发布后会在这里显示并提醒确认阅读'
        }
        onOpen={open}
      />
      <NoticeModal openId={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}
