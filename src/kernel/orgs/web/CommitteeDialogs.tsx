import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  Modal,
  Select,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { api, showFormError } from '../../../web/api';
import { PersonPicker } from '../../../web/components/PersonPicker';
import { fmtDate, fromDateString, toDateString, today } from '../../../web/format';
import { electionTimingProblem, POST_LABELS, POSTS, termEnd } from '../committee-rules';
import type { PostItem } from '../contract';

/**
 * The committee's write dialogs: appoint a post, end one (with its reason), record a new term (换届),
 * and the one-off migration of the free-text party posts. Each refreshes every `['orgs', …]` query on
 * success, so the committee card, the tree's flags and the terms page follow.
 */

type Values = Record<string, unknown>;

const notAfterToday = (d: Dayjs) => d.isAfter(today(), 'day');

/** A dialog with one form whose submission is one request; server field errors land on the fields. */
function FormDialog({
  title,
  okText,
  danger,
  form,
  initialValues,
  submit,
  success,
  onClose,
  children,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  form: FormInstance<Values>;
  initialValues: Values;
  submit: (v: Values) => Promise<unknown>;
  success: string | ((r: unknown) => string);
  onClose: () => void;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: submit,
    meta: { handlesError: true },
    onSuccess: (r) => {
      message.success(typeof success === 'string' ? success : success(r));
      queryClient.invalidateQueries({ queryKey: ['orgs'] });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ loading: run.isPending, danger }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => run.mutate(v)}>
        {children}
      </Form>
    </Modal>
  );
}

const dateOf = (v: Values, k: string) => toDateString(v[k] as Dayjs | null);
const textOf = (v: Values, k: string) => String(v[k] ?? '').trim();

/** 任命职务: a person of the organization (a full member, the server checks) to a post from a date. */
export function AppointDialog({ org, onClose }: { org: { id: string; name: string }; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  return (
    <FormDialog
      title={`任命职务：${org.name}`}
      okText="任命"
      form={form}
      initialValues={{ from: today() }}
      submit={(v) =>
        api(`/orgs/${org.id}/committee`, {
          method: 'POST',
          body: {
            post: v.post,
            personId: v.personId,
            from: dateOf(v, 'from'),
            ...(textOf(v, 'reason') ? { reason: textOf(v, 'reason') } : {}),
          },
        })
      }
      success="任命成功"
      onClose={onClose}
    >
      <Form.Item name="post" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
        <Select
          placeholder="选择职务"
          // Eight posts, all shown: a virtual list leaves the last ones unrendered on a phone's taller rows.
          virtual={false}
          options={POSTS.map((p) => ({ value: p, label: POST_LABELS[p] }))}
        />
      </Form.Item>
      <Form.Item
        name="personId"
        label="任职人"
        extra="本组织的正式党员；书记、副书记和各委员职务一人一职，任命后原任职人当日离任"
        rules={[{ required: true, message: '请选择任职人' }]}
      >
        <PersonPicker orgId={org.id} />
      </Form.Item>
      <Form.Item name="from" label="任职日期" rules={[{ required: true, message: '请选择任职日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
      </Form.Item>
      <Form.Item label="产生方式">
        <Typography.Text>任命（上级党组织）</Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          选举产生的职务随党员大会选举记录登记
        </Typography.Text>
      </Form.Item>
      <Form.Item name="reason" label="任职依据" rules={[{ max: 200, message: '不能超过 200 个字符' }]}>
        <Input placeholder="如：上级党组织任命文件文号（选填）" />
      </Form.Item>
    </FormDialog>
  );
}

/** 结束任职: the post ends on a date (免职、调离、辞职), the reason required. */
export function EndPostDialog({
  orgId,
  post,
  onClose,
}: {
  orgId: string;
  post: PostItem;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  return (
    <FormDialog
      title={`结束任职：${post.postLabel} ${post.name}`}
      okText="结束任职"
      danger
      form={form}
      initialValues={{ on: today() }}
      submit={(v) =>
        api(`/orgs/${orgId}/committee/${post.id}/end`, {
          method: 'POST',
          body: { on: dateOf(v, 'on'), reason: textOf(v, 'reason') },
        })
      }
      success="已结束任职"
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {post.name} 自 {fmtDate(post.from)} 起任{post.postLabel}（{post.sourceLabel}）。离任当日起不再担任。
      </Typography.Paragraph>
      <Form.Item name="on" label="离任日期" rules={[{ required: true, message: '请选择离任日期' }]}>
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => notAfterToday(d) || d.isBefore(fromDateString(post.from), 'day')}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="离任原因"
        rules={[
          { required: true, whitespace: true, message: '请填写离任原因' },
          { max: 200, message: '不能超过 200 个字符' },
        ]}
      >
        <Input.TextArea rows={3} placeholder="如：工作调动、免职、辞职" />
      </Form.Item>
    </FormDialog>
  );
}

export interface TermTarget {
  orgId: string;
  orgName: string;
  /** The term in force (or the last one, overdue); null when none is recorded. */
  current: { startedOn: string; endsOn: string } | null;
  termYears: number;
}

/**
 * 登记换届: the new term begins on the election's date and ends `years` later (the setting's length by
 * default). An election off the current term's end needs a reason, more than a year off is refused —
 * the same rule the server applies (`electionTimingProblem`), shown here before submitting.
 */
export function RecordTermDialog({ target, onClose }: { target: TermTarget; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const startedOn = toDateString(Form.useWatch('startedOn', form) as Dayjs | null | undefined);
  const years = (Form.useWatch('years', form) as number | undefined) ?? target.termYears;
  const previous = target.current?.endsOn ?? null;
  const offTime = Boolean(previous && startedOn && startedOn !== previous);
  const tooFar = previous && startedOn ? electionTimingProblem(previous, startedOn, '—') : null;
  const early = Boolean(previous && startedOn && startedOn < previous);
  return (
    <FormDialog
      title={`登记换届：${target.orgName}`}
      okText="登记"
      form={form}
      initialValues={{ startedOn: today(), years: target.termYears }}
      submit={(v) =>
        api(`/orgs/${target.orgId}/terms`, {
          method: 'POST',
          body: {
            startedOn: dateOf(v, 'startedOn'),
            years: v.years,
            ...(textOf(v, 'reason') ? { reason: textOf(v, 'reason') } : {}),
          },
        })
      }
      success="已登记新一届任期"
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {target.current
          ? `本届任期 ${fmtDate(target.current.startedOn)} 至 ${fmtDate(target.current.endsOn)}。`
          : '尚未登记任期。'}
        在选举大会记录中登记的选举会自动换届；此处登记其他方式产生的新一届任期。
      </Typography.Paragraph>
      <Form.Item
        name="startedOn"
        label="换届（选举）日期"
        rules={[{ required: true, message: '请选择换届日期' }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
      </Form.Item>
      <Form.Item name="years" label="任期" rules={[{ required: true, message: '请选择任期' }]}>
        <Select
          options={[3, 5].map((y) => ({
            value: y,
            label: `${y} 年${y === target.termYears ? '（本党委设置）' : ''}`,
          }))}
        />
      </Form.Item>
      <Form.Item label="届满日期">
        <Typography.Text data-testid="term-ends-on">
          {startedOn ? fmtDate(termEnd(startedOn, years)) : '—'}
        </Typography.Text>
      </Form.Item>
      {tooFar && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={tooFar} />}
      {offTime && !tooFar && (
        <Form.Item
          name="reason"
          label={`${early ? '提前' : '延期'}换届的原因`}
          extra={`上届任期至 ${previous}：${early ? '提前' : '延期'}换届须经上级党组织批准，一般不超过一年`}
          rules={[
            { required: true, whitespace: true, message: `请说明${early ? '提前' : '延期'}换届的原因` },
            { max: 500, message: '不能超过 500 个字符' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：经上级党委批准（文号）" />
        </Form.Item>
      )}
    </FormDialog>
  );
}

/** 迁移党内职务: turns the members' free-text party posts into posts, once, for a branch with none. */
export function ImportPostsButton({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: () =>
      api<{ orgs: number; posts: number }>('/orgs/committee/import', { method: 'POST', body: { orgId } }),
    onSuccess: (r) => {
      if (r.posts > 0) message.success(`已从党内职务迁移 ${r.posts} 项委员会职务`);
      else message.info('人员的党内职务中没有本支部委员会的职务，未迁移任何记录');
      queryClient.invalidateQueries({ queryKey: ['orgs'] });
    },
  });
  return (
    <Button loading={run.isPending} onClick={() => run.mutate()}>
      迁移党内职务
    </Button>
  );
}
