import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, List, Modal, Radio, Segmented, Tag } from 'antd';
import { useState } from 'react';
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
import { toDateString, today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { WeakCandidate, WeakCandidates, WeakPerson } from '../contract';
import { ABILITY } from './model';

type Dialog =
  | { kind: 'create'; candidate?: WeakCandidate }
  | { kind: 'followup'; item: WeakPerson }
  | { kind: 'end'; item: WeakPerson }
  | null;

/** The workers the tenant's rule proposes, not yet mentored. */
function Candidates({ onPick }: { onPick: (c: WeakCandidate) => void }) {
  const me = useMe();
  const candidates = useQuery({
    queryKey: ['safety', 'weak', 'candidates'],
    queryFn: () => api<WeakCandidates>('/safety/weak-persons/candidates'),
    enabled: can(me, ABILITY.mentor),
  });
  const data = candidates.data;
  if (!data?.items.length) return null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`按规则建议（${data.rule.days}天内违章违纪${data.rule.count}次及以上）`}
    >
      <List
        size="small"
        dataSource={data.items}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="pick" size="small" onClick={() => onPick(c)}>
                列入包保
              </Button>,
            ]}
          >
            {c.personName}·{c.orgName}·{c.reason}
          </List.Item>
        )}
      />
    </Card>
  );
}

function WeakButtons({ w, open }: { w: WeakPerson; open: (d: Dialog) => void }) {
  return (
    <>
      {w.actions.includes('followup') && (
        <Button size="small" type="primary" onClick={() => open({ kind: 'followup', item: w })}>
          记录帮教
        </Button>
      )}
      {w.actions.includes('end') && (
        <Button size="small" onClick={() => open({ kind: 'end', item: w })}>
          结束包保
        </Button>
      )}
    </>
  );
}

const followupText = (w: WeakPerson) =>
  `帮教 ${w.followupCount} 次${w.lastFollowupOn ? `，最近 ${w.lastFollowupOn}` : ''}${
    w.nextFollowupDue ? `，下次应于 ${w.nextFollowupDue} 前` : ''
  }`;

function columns(open: (d: Dialog) => void): ResponsiveColumn<WeakPerson>[] {
  return [
    { title: '薄弱人', dataIndex: 'personName', width: 100, mobile: 'title' },
    {
      title: '状态',
      key: 'status',
      width: 170,
      mobile: 'extra',
      render: (_: unknown, w) => (
        <Flex gap={4} wrap>
          {w.source === 'rule' && <Tag>规则建议</Tag>}
          {w.endedOn ? (
            <Tag color={w.outcome === 'improved' ? 'green' : 'orange'}>{w.outcomeLabel}</Tag>
          ) : w.followupOverdue ? (
            <Tag color="red">帮教逾期</Tag>
          ) : (
            <Tag color="blue">包保中</Tag>
          )}
        </Flex>
      ),
    },
    { title: '党支部', dataIndex: 'orgName', ellipsis: true, mobile: 'meta' },
    { title: '包保人', dataIndex: 'mentorName', width: 90, mobile: 'hidden' },
    {
      title: '期间',
      key: 'period',
      width: 200,
      mobile: 'hidden',
      render: (_: unknown, w) => `${w.startedOn} 起${w.endedOn ? ` 至 ${w.endedOn}` : ''}`,
    },
    // A phone's card says who mentors and since when on its grey line.
    {
      title: '包保人',
      key: 'mentorLine',
      hidden: true,
      mobile: 'meta',
      render: (_: unknown, w) => `包保人 ${w.mentorName}`,
    },
    {
      title: '期间',
      key: 'periodLine',
      hidden: true,
      mobile: 'meta',
      render: (_: unknown, w) => `${w.startedOn} 起${w.endedOn ? ` 至 ${w.endedOn}` : ''}`,
    },
    // The table shows these in the opened row.
    { title: '原因', dataIndex: 'reason', hidden: true },
    { title: '目标', dataIndex: 'goals', hidden: true },
    { title: '帮教', key: 'followups', width: 230, render: (_: unknown, w) => followupText(w) },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      mobile: 'hidden',
      render: (_: unknown, w) => (
        <Flex gap={4} wrap>
          <WeakButtons w={w} open={open} />
        </Flex>
      ),
    },
  ];
}

function DialogFields({ dialog }: { dialog: NonNullable<Dialog> }) {
  if (dialog.kind === 'create')
    return (
      <>
        {!dialog.candidate && (
          <Form.Item name="personId" label="薄弱人" rules={[{ required: true, message: '请选择人员' }]}>
            <PersonPicker />
          </Form.Item>
        )}
        <Form.Item
          name="mentorPersonId"
          label="包保党员（同一支部）"
          rules={[{ required: true, message: '请选择包保人' }]}
        >
          <PersonPicker orgId={dialog.candidate?.orgId} />
        </Form.Item>
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="goals" label="包保目标" rules={[{ required: true, message: '请填写目标' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="startedOn" label="开始日期">
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </>
    );
  if (dialog.kind === 'followup')
    return (
      <>
        <Form.Item name="heldOn" label="帮教日期">
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="note" label="帮教情况" rules={[{ required: true, message: '请填写帮教情况' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </>
    );
  return (
    <>
      <Form.Item name="outcome" label="包保结果">
        <Radio.Group>
          <Radio value="improved">已转化</Radio>
          <Radio value="not_improved">未转化</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="endedOn" label="结束日期">
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="outcomeNote" label="说明">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  );
}

const dialogTitle = (d: NonNullable<Dialog>) =>
  d.kind === 'create'
    ? `确定薄弱人${d.candidate ? `：${d.candidate.personName}` : ''}`
    : d.kind === 'followup'
      ? `记录帮教：${d.item.personName}`
      : `结束包保：${d.item.personName}`;

/** Starting a case (from the rule's proposal or by hand), a follow-up, or the end of a case. */
function WeakDialog({ dialog, onDone }: { dialog: NonNullable<Dialog>; onDone: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const body = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          v && typeof v === 'object' && 'format' in v ? toDateString(v as never) : v,
        ]),
      );
      if (dialog.kind === 'create')
        return api('/safety/weak-persons', {
          method: 'POST',
          body: {
            ...body,
            source: dialog.candidate ? 'rule' : 'manual',
            personId: dialog.candidate?.personId ?? body.personId,
          },
        });
      const path = dialog.kind === 'followup' ? 'followups' : 'end';
      return api(`/safety/weak-persons/${dialog.item.id}/${path}`, { method: 'POST', body });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety'] });
      message.success('已保存');
      onDone();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open
      title={dialogTitle(dialog)}
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
          startedOn: today(),
          heldOn: today(),
          endedOn: today(),
          outcome: 'improved',
          reason: dialog.kind === 'create' ? dialog.candidate?.reason : undefined,
        }}
      >
        <DialogFields dialog={dialog} />
      </Form>
    </Modal>
  );
}

/** 薄弱人包保: the rule's proposals, the cases, monthly follow-ups, outcomes. */
export default function Mentoring() {
  const me = useMe();
  const { filters, setFilters, page, pageSize, setPage } = useUrlFilters({ status: 'active' });
  const { status } = filters;
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useQuery({
    queryKey: ['safety', 'weak', status, page, pageSize],
    queryFn: () =>
      api<{ items: WeakPerson[]; total: number }>('/safety/weak-persons', {
        query: { status: status === 'all' ? undefined : status, page, pageSize },
      }),
  });
  const mentor = can(me, ABILITY.mentor);
  return (
    <Page
      title="薄弱人包保"
      extra={
        mentor && (
          <>
            <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
              确定薄弱人
            </Button>
            <ExportButton
              path="/safety/weak-persons/export"
              filename="薄弱人包保台账.xlsx"
              label="导出台账"
            />
          </>
        )
      }
    >
      <Candidates onPick={(c) => setDialog({ kind: 'create', candidate: c })} />
      <Segmented
        options={[
          { value: 'active', label: '包保中' },
          { value: 'ended', label: '已结束' },
          { value: 'all', label: '全部' },
        ]}
        value={status}
        onChange={(v) => setFilters({ status: String(v) })}
        style={{ marginBottom: 12 }}
      />
      <ResponsiveList
        rowKey="id"
        columns={columns(setDialog)}
        {...pagedListProps(list, { page, pageSize, setPage })}
        scrollX={1100}
        tableProps={{
          expandable: {
            expandedRowRender: (w) => (
              <Flex vertical gap={4}>
                <div>原因：{w.reason}</div>
                <div>目标：{w.goals}</div>
                {w.outcomeNote && <div>结果说明：{w.outcomeNote}</div>}
              </Flex>
            ),
          },
        }}
        totalText={(t) => `共 ${t} 人`}
        empty={
          status === 'active'
            ? '没有包保中的薄弱人；按规则建议的人员会在上方列出，也可点击“确定薄弱人”列入'
            : status === 'ended'
              ? '还没有结束的包保记录'
              : '还没有包保记录'
        }
        cardActions={(w) => (w.actions.length > 0 ? <WeakButtons w={w} open={setDialog} /> : null)}
      />
      {dialog && <WeakDialog dialog={dialog} onDone={() => setDialog(null)} />}
    </Page>
  );
}
