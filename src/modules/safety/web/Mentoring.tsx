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
import { toDateString, today } from '../../../web/format';
import { useMe } from '../../../web/session';
import { PersonPicker } from './PersonPicker';

interface WeakCase {
  id: string;
  orgId: string;
  orgName: string;
  personId: string;
  personName: string;
  mentorName: string;
  source: string;
  reason: string;
  goals: string;
  startedOn: string;
  endedOn: string | null;
  outcomeLabel: string | null;
  followupCount: number;
  lastFollowupOn: string | null;
  nextFollowupDue: string | null;
  followupOverdue: boolean;
  actions: string[];
}
interface Candidate {
  personId: string;
  personName: string;
  orgId: string;
  orgName: string;
  reason: string;
}

type Dialog =
  | { kind: 'create'; candidate?: Candidate }
  | { kind: 'followup'; item: WeakCase }
  | { kind: 'end'; item: WeakCase }
  | null;

/** 薄弱人包保: the rule's proposals, the cases, monthly follow-ups, outcomes. */
export default function Mentoring() {
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'active';
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['safety', 'weak', status],
    queryFn: () =>
      api<{ items: WeakCase[]; total: number }>('/safety/weak-persons', {
        query: { status: status === 'all' ? undefined : status, pageSize: 200 },
      }),
  });
  const candidates = useQuery({
    queryKey: ['safety', 'weak', 'candidates'],
    queryFn: () =>
      api<{ items: Candidate[]; rule: { count: number; days: number } }>('/safety/weak-persons/candidates'),
    enabled: me.scope.managesOrgs,
  });
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const d = dialog!;
      const dates = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          v && typeof v === 'object' && 'format' in v ? toDateString(v as never) : v,
        ]),
      );
      if (d.kind === 'create')
        return api('/safety/weak-persons', {
          method: 'POST',
          body: {
            ...dates,
            source: d.candidate ? 'rule' : 'manual',
            personId: d.candidate?.personId ?? dates.personId,
          },
        });
      if (d.kind === 'followup')
        return api(`/safety/weak-persons/${d.item.id}/followups`, { method: 'POST', body: dates });
      return api(`/safety/weak-persons/${d.item.id}/end`, { method: 'POST', body: dates });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety'] });
      message.success('已保存');
      setDialog(null);
      form.resetFields();
    },
    onError: (e) => showFormError(form, e),
  });

  const open = (d: Dialog) => {
    form.resetFields();
    setDialog(d);
  };

  return (
    <Page
      title="薄弱人包保"
      extra={
        me.scope.managesOrgs && (
          <>
            <Button type="primary" onClick={() => open({ kind: 'create' })}>
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
      {(candidates.data?.items.length ?? 0) > 0 && (
        <Card
          size="small"
          style={{ marginBottom: 12 }}
          title={`按规则建议（${candidates.data!.rule.days}天内违章违纪${candidates.data!.rule.count}次及以上）`}
        >
          <List
            size="small"
            dataSource={candidates.data!.items}
            renderItem={(c) => (
              <List.Item
                actions={[
                  <Button key="pick" size="small" onClick={() => open({ kind: 'create', candidate: c })}>
                    列入包保
                  </Button>,
                ]}
              >
                {c.personName}·{c.orgName}·{c.reason}
              </List.Item>
            )}
          />
        </Card>
      )}
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
        renderItem={(w) => (
          <Card size="small">
            <Flex justify="space-between" wrap gap={8}>
              <Typography.Text strong>
                {w.personName}
                <Typography.Text type="secondary">（{w.orgName}）</Typography.Text>
              </Typography.Text>
              <Flex gap={4}>
                {w.source === 'rule' && <Tag>规则建议</Tag>}
                {w.endedOn ? (
                  <Tag color={w.outcomeLabel === '已转化' ? 'green' : 'orange'}>{w.outcomeLabel}</Tag>
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
        )}
      />
      <Modal
        open={!!dialog}
        title={
          dialog?.kind === 'create'
            ? `确定薄弱人${dialog.candidate ? `：${dialog.candidate.personName}` : ''}`
            : dialog?.kind === 'followup'
              ? `记录帮教：${dialog.item.personName}`
              : dialog?.kind === 'end'
                ? `结束包保：${dialog.item.personName}`
                : ''
        }
        onCancel={() => setDialog(null)}
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
            reason: dialog?.kind === 'create' ? dialog.candidate?.reason : undefined,
          }}
        >
          {dialog?.kind === 'create' && (
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
          )}
          {dialog?.kind === 'followup' && (
            <>
              <Form.Item name="heldOn" label="帮教日期">
                <DatePicker style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
              <Form.Item name="note" label="帮教情况" rules={[{ required: true, message: '请填写帮教情况' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'end' && (
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
          )}
        </Form>
      </Modal>
    </Page>
  );
}
