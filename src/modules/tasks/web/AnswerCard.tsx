import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
} from 'antd';
import { api, showFormError } from '../../../web/api';
import { fmtDateTime, fromDateString, toDateString } from '../../../web/format';
import type { TaskDetail, TaskFieldItem, TaskTarget } from '../contract';
import { DeadlineTag, FileList, StatusTag } from './parts';

/** A form value as shown: a number with its unit, a date, a choice, words. */
export const valueText = (f: TaskFieldItem, v: number | string | null | undefined) =>
  v === null || v === undefined || v === ''
    ? '—'
    : `${v}${f.unit && typeof v === 'number' ? ` ${f.unit}` : ''}`;

/** The form values of an answer, with what the records said beside each prefilled one. */
export function AnswerValues({ task, target }: { task: TaskDetail; target: TaskTarget }) {
  if (!task.fields.length) return null;
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 8 }}>
      {task.fields.map((f) => {
        const v = target.values?.[f.key];
        const sys = target.prefilled?.[f.key];
        return (
          <Descriptions.Item key={f.key} label={f.label}>
            {valueText(f, v)}
            {f.prefill && sys !== undefined && sys !== null && (
              <Typography.Text
                type={sys === v ? 'success' : 'warning'}
                style={{ marginInlineStart: 8, fontSize: 13 }}
              >
                {sys === v ? '与系统记录一致' : `系统统计为 ${sys}，支部作了修改`}
              </Typography.Text>
            )}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}

function FieldInput({ f, prefill }: { f: TaskFieldItem; prefill: number | null | undefined }) {
  const rules = f.required ? [{ required: true, message: `请填写${f.label}` }] : [];
  const name = ['values', f.key];
  if (f.type === 'number')
    return (
      <Form.Item
        name={name}
        label={f.label}
        rules={rules}
        extra={
          f.prefill
            ? `系统统计：${prefill ?? 0}（${f.prefillLabel}）。与实际相符直接提交，不符请修改并在回复中说明。`
            : undefined
        }
      >
        <InputNumber min={0} style={{ width: 180 }} addonAfter={f.unit} inputMode="decimal" />
      </Form.Item>
    );
  if (f.type === 'date')
    return (
      <Form.Item
        name={name}
        label={f.label}
        rules={rules}
        getValueProps={(v) => ({ value: fromDateString(v) })}
        normalize={(d) => toDateString(d)}
      >
        <DatePicker inputReadOnly />
      </Form.Item>
    );
  if (f.type === 'choice')
    return (
      <Form.Item name={name} label={f.label} rules={rules}>
        <Select style={{ maxWidth: 280 }} options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />
      </Form.Item>
    );
  return (
    <Form.Item name={name} label={f.label} rules={rules}>
      <Input maxLength={500} />
    </Form.Item>
  );
}

/** The target's side: what is owed and by when, the return's comment, the form (prefilled), the files, submit. */
export function AnswerCard({ task, target }: { task: TaskDetail; target: TaskTarget }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const refresh = () => client.invalidateQueries({ queryKey: ['tasks'] });
  const submit = useMutation({
    mutationFn: (v: { content: string; values?: Record<string, number | string | null> }) =>
      api<TaskDetail>(`/tasks/${task.id}/responses`, {
        method: 'POST',
        body: { orgId: target.orgId, content: v.content, values: v.values ?? {} },
      }),
    onSuccess: () => {
      message.success('已提交，等待上级审核');
      refresh();
      client.invalidateQueries({ queryKey: ['todo'] });
    },
    onError: (e) => showFormError(form, e),
  });
  const answering = target.actions.includes('answer');
  const initial = {
    content: target.content ?? '',
    values: Object.fromEntries(
      task.fields.map((f) => [
        f.key,
        target.values?.[f.key] ?? (f.prefill ? (target.prefill?.[f.key] ?? 0) : undefined),
      ]),
    ),
  };
  const lastRemind = [...target.history].reverse().find((h) => h.kind === 'remind');
  return (
    <Card
      size="small"
      title={`${target.orgName}的回复`}
      extra={
        <Flex gap={4}>
          <StatusTag status={target.status} />
          {answering && <DeadlineTag deadline={target.deadline} urgency={target.urgency} />}
        </Flex>
      }
      style={{ marginBottom: 12 }}
      data-testid="answer-card"
    >
      {target.status === 'returned' || (target.status === 'overdue' && target.reviewComment) ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`被退回：${target.reviewerName ?? ''}（${fmtDateTime(target.reviewedAt)}）`}
          description={
            <>
              <div>审核意见：{target.reviewComment}</div>
              <div>请在 {target.deadline} 前修改后重新提交。</div>
            </>
          }
        />
      ) : null}
      {answering && lastRemind && target.status !== 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${lastRemind.actorName}已催办（${fmtDateTime(lastRemind.at)}）${lastRemind.comment ? `：${lastRemind.comment}` : ''}`}
        />
      )}
      {answering ? (
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => submit.mutate(v)}>
          {task.fields.map((f) => (
            <FieldInput key={f.key} f={f} prefill={target.prefill?.[f.key]} />
          ))}
          <Form.Item name="content" label="回复内容" rules={[{ required: true, message: '请填写回复内容' }]}>
            <Input.TextArea rows={4} maxLength={5000} placeholder="落实情况、说明" />
          </Form.Item>
          <Form.Item label={task.requireFiles ? '附件（必须上传）' : '附件'} required={task.requireFiles}>
            <FileList
              files={target.files}
              taskId={task.id}
              uploadPath={`/tasks/${task.id}/responses/${target.orgId}/files`}
              canRemove
              onChange={refresh}
              hint="可上传现场照片、扫描件或文件（每个 ≤ 10 MB）"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
            {target.submissions > 0 ? '重新提交' : '提交回复'}
          </Button>
        </Form>
      ) : (
        <>
          {target.status === 'accepted' && (
            <Typography.Paragraph type="success">
              <CheckCircleFilled /> 已通过审核（{target.reviewerName}，{fmtDateTime(target.reviewedAt)}）
              {target.reviewComment ? `：${target.reviewComment}` : ''}
            </Typography.Paragraph>
          )}
          {target.status === 'submitted' && (
            <Typography.Paragraph type="secondary">
              已于 {fmtDateTime(target.submittedAt)} 提交，等待上级审核。
            </Typography.Paragraph>
          )}
          <AnswerValues task={task} target={target} />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{target.content}</Typography.Paragraph>
          <FileList files={target.files} taskId={task.id} onChange={refresh} />
        </>
      )}
    </Card>
  );
}
