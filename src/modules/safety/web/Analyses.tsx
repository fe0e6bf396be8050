import { WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useOrgs } from '../../../kernel/orgs/web/hooks';
import { api, showFormError } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { Page } from '../../../web/components/Page';
import { PersonPicker } from '../../../web/components/PersonPicker';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { type dayjs, toDateString, today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { Analysis, AnalysisList, SafetyAnalysis } from '../contract';
import { ABILITY, rateText } from './model';

type Dialog = { kind: 'create'; orgId?: string } | { kind: 'close'; item: Analysis } | null;

/** Branches flagged this year that have no analysis yet: what the superior has to chase. */
function FlaggedWithout({ onWrite }: { onWrite: (orgId: string) => void }) {
  const me = useMe();
  const year = today().year();
  const flagged = useQuery({
    queryKey: ['safety', 'analysis', 'flagged', year],
    queryFn: () => api<SafetyAnalysis>('/safety/analysis', { query: { year } }),
    enabled: can(me, ABILITY.analyses),
  });
  const missing = (flagged.data?.items ?? []).filter((b) => b.flagged && !b.analysis);
  if (!missing.length) return null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderColor: '#ffa39e' }}
      title={
        <span>
          <WarningOutlined style={{ color: '#cf1322' }} /> {year}年违章率超出阈值、尚未剖析的支部（
          {missing.length}）
        </span>
      }
    >
      <List
        size="small"
        dataSource={missing}
        renderItem={(b) => (
          <List.Item
            actions={
              can(me, ABILITY.writeAnalysis)
                ? [
                    <Button key="write" size="small" type="link" onClick={() => onWrite(b.orgId)}>
                      填写剖析
                    </Button>,
                  ]
                : []
            }
          >
            <Flex vertical>
              <Typography.Text strong>{b.orgName}</Typography.Text>
              <Typography.Text type="secondary">
                {b.parentName ? `${b.parentName}·` : ''}党员违章违纪 {b.memberViolations}{' '}
                件，折合每百名党员每年 {rateText(b.memberRateYearly)} 件（阈值 {flagged.data?.threshold}）
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

const closingText = (a: Analysis) =>
  a.closingComment ? `${a.closingComment}（${a.closedByName ?? '—'}，${a.closedOn ?? '—'}）` : '—';

function columns(close: (a: Analysis) => void): ResponsiveColumn<Analysis>[] {
  return [
    {
      title: '党支部',
      dataIndex: 'orgName',
      ellipsis: true,
      mobile: 'title',
      render: (v: string, a) => <Link to={`/safety/analyses/${a.id}`}>{v}</Link>,
    },
    {
      title: '状态',
      key: 'status',
      width: 170,
      mobile: 'extra',
      render: (_: unknown, a) => (
        <Flex gap={4} wrap>
          {a.trigger === 'threshold' && <Tag color="volcano">超阈值</Tag>}
          {a.overdue && <Tag color="red">逾期</Tag>}
          <Tag color={a.status === 'open' ? 'blue' : 'green'}>
            {a.status === 'open' ? '整改中' : '已闭环'}
          </Tag>
        </Flex>
      ),
    },
    {
      title: '剖析期间',
      key: 'period',
      width: 200,
      mobile: 'meta',
      render: (_: unknown, a) => `${a.periodFrom} 至 ${a.periodTo}`,
    },
    { title: '责任人', dataIndex: 'responsibleName', width: 90, mobile: 'hidden' },
    { title: '整改期限', dataIndex: 'dueOn', width: 110, mobile: 'hidden' },
    // On a phone's grey line, with their names.
    {
      title: '责任人',
      key: 'responsibleLine',
      hidden: true,
      mobile: 'meta',
      render: (_: unknown, a) => `责任人 ${a.responsibleName ?? '—'}`,
    },
    {
      title: '期限',
      key: 'dueLine',
      hidden: true,
      mobile: 'meta',
      render: (_: unknown, a) => `期限 ${a.dueOn}`,
    },
    { title: '原因剖析', dataIndex: 'rootCauses', width: 260, ellipsis: true },
    // The table shows the measures and the closing in the opened row.
    { title: '整改措施', dataIndex: 'measures', hidden: true },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      mobile: 'hidden',
      render: (_: unknown, a) =>
        a.actions.includes('close') ? (
          <Button size="small" onClick={() => close(a)}>
            确认闭环
          </Button>
        ) : null,
    },
  ];
}

function AnalysisFields({ branches }: { branches: { id: string; name: string }[] }) {
  return (
    <>
      <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={branches.map((b) => ({ value: b.id, label: b.name }))}
        />
      </Form.Item>
      <Form.Item name="trigger" label="起因">
        <Select
          options={[
            { value: 'threshold', label: '党员违章率超过阈值' },
            { value: 'manual', label: '支部自行剖析' },
          ]}
        />
      </Form.Item>
      <Form.Item name="period" label="剖析期间">
        <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="rootCauses" label="原因剖析" rules={[{ required: true, message: '请填写原因' }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="measures" label="整改措施" rules={[{ required: true, message: '请填写措施' }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="responsiblePersonId" label="责任人">
        <PersonPicker />
      </Form.Item>
      <Form.Item name="dueOn" label="整改期限" rules={[{ required: true, message: '请选择期限' }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
    </>
  );
}

/** Writing an analysis (prefilled for a flagged branch), or closing one as its superior. */
function AnalysisDialog({ dialog, onDone }: { dialog: Dialog; onDone: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const orgs = useOrgs();
  // The branches the caller may write for (the orgs answer says which it manages).
  const branches = (orgs.data ?? []).filter((o) => o.type === 'branch' && o.actions.length > 0);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      if (dialog?.kind === 'close')
        return api(`/safety/analyses/${dialog.item.id}/close`, {
          method: 'POST',
          body: { comment: v.comment },
        });
      const [from, to] = v.period as [dayjs.Dayjs, dayjs.Dayjs];
      return api('/safety/analyses', {
        method: 'POST',
        body: {
          orgId: v.orgId,
          periodFrom: toDateString(from),
          periodTo: toDateString(to),
          trigger: v.trigger,
          rootCauses: v.rootCauses,
          measures: v.measures,
          responsiblePersonId: v.responsiblePersonId ?? null,
          dueOn: toDateString(v.dueOn as dayjs.Dayjs),
        },
      });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety'] });
      message.success('已保存');
      onDone();
    },
    onError: (e) => showFormError(form, e),
  });
  const prefillOrg = dialog?.kind === 'create' ? dialog.orgId : undefined;
  return (
    <Modal
      open={!!dialog}
      title={dialog?.kind === 'close' ? `确认闭环：${dialog.item.orgName}` : '填写安全剖析'}
      onCancel={onDone}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          orgId: prefillOrg ?? (branches.length === 1 ? branches[0].id : undefined),
          trigger: prefillOrg ? 'threshold' : 'manual',
          // A flag is answered by an analysis of the flagged year.
          period: prefillOrg ? [today().startOf('year'), today()] : [today().subtract(3, 'month'), today()],
          dueOn: today().add(1, 'month'),
        }}
      >
        {dialog?.kind === 'close' ? (
          <Form.Item name="comment" label="闭环意见" rules={[{ required: true, message: '请填写意见' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        ) : (
          <AnalysisFields branches={branches} />
        )}
      </Form>
    </Modal>
  );
}

/** 剖析: the flagged branch writes root causes and measures; the superior follows it to closure. */
export default function Analyses() {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // `?orgId=` (from the board and the to-do list) opens the form for that branch.
  const [dialog, setDialog] = useState<Dialog>(
    params.get('orgId') ? { kind: 'create', orgId: params.get('orgId') ?? undefined } : null,
  );
  const { filters, setFilters, page, pageSize, setPage, query } = useUrlFilters({ status: 'open' });
  const list = useQuery({
    queryKey: ['safety', 'analyses', query],
    queryFn: () => api<AnalysisList>('/safety/analyses', { query }),
  });
  const close = (a: Analysis) => setDialog({ kind: 'close', item: a });
  const emptyText =
    filters.status === 'open' ? '没有整改中的剖析；违章率超出阈值的支部会在上方列出' : '还没有已闭环的剖析';
  return (
    <Page
      title="安全剖析"
      extra={
        <>
          {can(me, ABILITY.writeAnalysis) && (
            <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
              填写剖析
            </Button>
          )}
          {can(me, ABILITY.analyses) && (
            <ExportButton
              path="/safety/analyses/export"
              query={{ status: filters.status }}
              filename="安全剖析台账.xlsx"
              label="导出台账"
            />
          )}
        </>
      }
    >
      <FlaggedWithout onWrite={(orgId) => setDialog({ kind: 'create', orgId })} />
      <Segmented
        options={[
          { value: 'open', label: '整改中' },
          { value: 'closed', label: '已闭环' },
        ]}
        value={filters.status}
        onChange={(v) => setFilters({ status: String(v) })}
        style={{ marginBottom: 12 }}
      />
      <ResponsiveList
        rowKey="id"
        columns={columns(close)}
        {...pagedListProps(list, { page, pageSize, setPage })}
        scrollX={1150}
        tableProps={{
          expandable: {
            expandedRowRender: (a) => (
              <Flex vertical gap={4}>
                <div>原因剖析：{a.rootCauses}</div>
                <div>整改措施：{a.measures}</div>
                {a.closingComment && <div>闭环意见：{closingText(a)}</div>}
              </Flex>
            ),
          },
        }}
        empty={emptyText}
        onOpen={(a) => navigate(`/safety/analyses/${a.id}`)}
        cardFooter={(a) =>
          a.closingComment ? (
            <div>
              <Typography.Text type="secondary">闭环意见：</Typography.Text>
              {closingText(a)}
            </div>
          ) : null
        }
        cardActions={(a) =>
          a.actions.includes('close') ? (
            <Button size="small" onClick={() => close(a)}>
              确认闭环
            </Button>
          ) : null
        }
      />
      {dialog && <AnalysisDialog dialog={dialog} onDone={() => setDialog(null)} />}
    </Page>
  );
}
