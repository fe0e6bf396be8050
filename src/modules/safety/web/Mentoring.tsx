import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Segmented,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, download, showError, showFormError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { PersonPicker } from '../../../web/components/PersonPicker';
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

function WeakCard({ w, open }: { w: WeakPerson; open: (d: Dialog) => void }) {
  return (
    <Card size="small">
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text strong>
          {w.personName}
          <Typography.Text type="secondary">（{w.orgName}）</Typography.Text>
        </Typography.Text>
        <Flex gap={4}>
          {w.source === 'rule' && <Tag>规则建议</Tag>}
          {w.endedOn ? (
            <Tag color={w.outcome === 'improved' ? 'green' : 'orange'}>{w.outcomeLabel}</Tag>
          ) : w.followupOverdue ? (
            <Tag color="red">帮教逾期</Tag>
          ) : (
            <Tag color="blue">包保中</Tag>
          )}
        </Flex>
      </Flex>
      <div>
        包保人：{w.mentorName}　开始：{w.startedOn}
        {w.endedOn ? `　结束：${w.endedOn}` : ''}
      </div>
      <div>原因：{w.reason}</div>
      <div>目标：{w.goals}</div>
      <Typography.Text type="secondary">
        帮教 {w.followupCount} 次{w.lastFollowupOn ? `，最近 ${w.lastFollowupOn}` : ''}
        {w.nextFollowupDue ? `，下次应于 ${w.nextFollowupDue} 前` : ''}
      </Typography.Text>
      <Flex gap={8} style={{ marginTop: 8 }}>
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
      </Flex>
    </Card>
  );
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
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'active';
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useQuery({
    queryKey: ['safety', 'weak', status],
    queryFn: () =>
      api<{ items: WeakPerson[]; total: number }>('/safety/weak-persons', {
        query: { status: status === 'all' ? undefined : status, pageSize: 200 },
      }),
  });
  return (
    <Page
      title="薄弱人包保"
      extra={
        can(me, ABILITY.mentor) && (
          <>
            <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
              确定薄弱人
            </Button>
            <Button
              onClick={() =>
                download('/safety/weak-persons/export', {}, '薄弱人包保台账.xlsx').catch(showError)
              }
            >
              导出台账
            </Button>
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
        onChange={(v) => setParams({ status: String(v) }, { replace: true })}
        style={{ marginBottom: 12 }}
      />
      <List
        className="bl-card-list"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description="没有包保记录" /> }}
        renderItem={(w) => <WeakCard w={w} open={setDialog} />}
      />
      {dialog && <WeakDialog dialog={dialog} onDone={() => setDialog(null)} />}
    </Page>
  );
}
