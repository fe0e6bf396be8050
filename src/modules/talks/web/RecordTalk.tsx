import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { PersonPicker } from '../../../web/components/PersonPicker';
import { fromDateString, toDateString, today } from '../../../web/format';
import { DraftNotice } from '../../../web/offline/DraftNotice';
import { useDraft } from '../../../web/offline/useDraft';
import type { Violation } from '../../safety/contract';
import { TALK_KIND_LABELS, TALK_KINDS } from '../rules';

const KINDS = TALK_KINDS.map((value) => ({ value, label: TALK_KIND_LABELS[value] }));

export default function RecordTalk() {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const violationId = params.get('violationId') ?? undefined;
  const violation = useQuery({
    queryKey: ['violations', violationId],
    queryFn: () => api<Violation>(`/violations/${violationId}`),
    enabled: !!violationId,
  });
  const v = violation.data;
  // Kept on the phone as it is typed; sent with an idempotency key, or queued until the signal returns.
  const draft = useDraft({
    kind: 'talk',
    form,
    formKey: violationId ? `violation:${violationId}` : 'new',
    title: () => `谈话${v ? ` · ${v.personName}` : ''}`,
    enabled: !violationId || !violation.isPending,
  });
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      draft.send({
        method: 'POST',
        path: '/talks',
        body: { ...values, heldOn: toDateString(values.heldOn as never), violationId: violationId ?? null },
      }),
    onSuccess: (outcome) => {
      if (outcome.kind !== 'sent') {
        message.warning('没有网络：谈话已保存在本机，联网后自动发送');
        navigate('/talks');
        return;
      }
      client.invalidateQueries({ queryKey: ['talks'] });
      client.invalidateQueries({ queryKey: ['violations'] });
      client.invalidateQueries({ queryKey: ['safety'] });
      message.success(violationId ? '谈话已记录，谈话任务已完成' : '谈话已记录');
      navigate('/talks');
    },
    onError: (e) => showFormError(form, e),
  });
  if (violationId && violation.isPending) return null;
  return (
    <Page title="记录谈话">
      <Card size="small" style={{ maxWidth: 640 }}>
        {v && (
          <Alert
            style={{ marginBottom: 12 }}
            type="info"
            title={`${v.personName}·${v.occurredOn} ${v.kindLabel}（${v.categoryName}）`}
            description={v.description}
          />
        )}
        <DraftNotice control={draft} />
        <Form
          form={form}
          onValuesChange={draft.changed}
          layout="vertical"
          initialValues={{
            personId: params.get('personId') ?? undefined,
            kind: violationId ? 'violation_followup' : 'yearly',
            heldOn: today(),
          }}
          onFinish={(values) => save.mutate(values)}
        >
          <Form.Item name="personId" label="谈话对象" rules={[{ required: true, message: '请选择谈话对象' }]}>
            <PersonPicker initialLabel={v?.personName} disabled={!!violationId} />
          </Form.Item>
          <Form.Item name="kind" label="谈话类型">
            <Select options={KINDS} disabled={!!violationId} />
          </Form.Item>
          <Form.Item name="heldOn" label="谈话日期" rules={[{ required: true, message: '请选择谈话日期' }]}>
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly
              disabledDate={(d) =>
                d.isAfter(today(), 'day') || (!!v && d.isBefore(fromDateString(v.occurredOn), 'day'))
              }
            />
          </Form.Item>
          <Form.Item name="summary" label="谈话内容" rules={[{ required: true, message: '请填写谈话内容' }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder="谈话要点、对方的认识和表态" />
          </Form.Item>
          <Form.Item name="followUp" label="后续措施">
            <Input.TextArea rows={2} maxLength={2000} placeholder="如：班组长盯控一个月" />
          </Form.Item>
          <Form.Item name="talkerName" label="谈话人" extra="默认为当前登录人">
            <Input maxLength={50} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
            保存谈话
          </Button>
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title="谈话内容加密保存，只有本支部书记和上级组织可以查看，每次查看都会记入审计日志。"
          />
        </Form>
      </Card>
    </Page>
  );
}
