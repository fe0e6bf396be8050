import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { ZONE } from '../../../web/format';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { MeetingDetail, RecordableOrg, RosterResponse } from './model';
import { useMeeting } from './parts';
import { BasicsCard, ContentCard, VotesCard } from './RecordCards';
import { RollCallCard } from './RollCallCard';
import {
  BRANCH_KINDS,
  type FormValues,
  GROUP_KINDS,
  initialValues,
  PLACE_KEY,
  useRollCall,
} from './recordForm';

export default function RecordMeeting() {
  const { id } = useParams();
  const existing = useMeeting(id);
  if (id && existing.isPending) return <Loading />;
  if (id && !existing.data) return <Result status="404" title="会议记录不存在或不在您的范围内" />;
  return <MeetingForm meeting={existing.data} />;
}

/** The branches and groups the server lets the caller record for. */
const useRecordable = () =>
  useQuery({
    queryKey: ['meetings', 'recordable'],
    queryFn: () => api<{ items: RecordableOrg[] }>('/meetings/recordable'),
  });

/** Saves the record (new or changed) and, when asked and allowed, submits it; the saved record. */
async function saveRecord(
  meeting: MeetingDetail | undefined,
  body: Record<string, unknown>,
  submit: boolean,
) {
  let saved: MeetingDetail;
  if (meeting) saved = await api<MeetingDetail>(`/meetings/${meeting.id}`, { method: 'PATCH', body });
  else {
    const { reason: _unused, ...create } = body;
    saved = await api<MeetingDetail>('/meetings', { method: 'POST', body: create });
  }
  if (submit && saved.actions.includes('submit'))
    saved = await api<MeetingDetail>(`/meetings/${saved.id}/submit`, { method: 'POST', body: {} });
  return saved;
}

function FormButtons({
  meeting,
  saving,
  save,
  mobile,
}: {
  meeting?: MeetingDetail;
  saving: null | 'draft' | 'submit';
  save: (submit: boolean) => void;
  mobile: boolean;
}) {
  const navigate = useNavigate();
  return (
    <div style={{ padding: mobile ? '4px 0 12px' : 0 }}>
      <Flex gap={8} justify="flex-end">
        <Button size="large" onClick={() => navigate(-1)}>
          取消
        </Button>
        <Button size="large" loading={saving === 'draft'} disabled={!!saving} onClick={() => save(false)}>
          {meeting && meeting.status !== 'draft' ? '保存修改' : '保存草稿'}
        </Button>
        {(!meeting || meeting.status === 'draft' || meeting.status === 'returned') && (
          <Button
            type="primary"
            size="large"
            loading={saving === 'submit'}
            disabled={!!saving}
            onClick={() => save(true)}
          >
            {meeting?.status === 'returned' ? '保存并重新提交' : '提交审核'}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        记录时间由服务器自动记录；会后超过规定天数（本单位设置，默认 7 天）才提交的记录标记为“补录”。
      </Typography.Text>
    </div>
  );
}

/** The form's state: the organizations offered, the watched fields, the day's roster, the roll call, saving. */
function useRecordForm(meeting: MeetingDetail | undefined) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const recordable = useRecordable();
  const orgs = recordable.data?.items ?? [];
  const [saving, setSaving] = useState<null | 'draft' | 'submit'>(null);

  const orgId = Form.useWatch('orgId', form);
  const kind = Form.useWatch('kind', form);
  const heldAt = Form.useWatch('heldAt', form);
  const org = orgs.find((o) => o.id === orgId);
  const date = heldAt ? heldAt.tz(ZONE).format('YYYY-MM-DD') : undefined;

  useEffect(() => {
    if (meeting || orgId || !orgs.length) return;
    const wanted = params.get('orgId');
    form.setFieldValue('orgId', orgs.find((o) => o.id === wanted)?.id ?? orgs[0].id);
  }, [orgs, meeting, orgId, params, form]);

  const roster = useQuery({
    queryKey: ['meetings', 'roster', orgId, date],
    queryFn: () => api<RosterResponse>('/meetings/roster', { query: { orgId, date } }),
    enabled: !!orgId && !!date,
  });
  const rc = useRollCall(meeting, roster.data?.items ?? [], kind);
  const kinds =
    org?.type === 'party_group'
      ? GROUP_KINDS
      : BRANCH_KINDS.filter((k) => k !== 'branch_committee_meeting' || org?.hasCommittee !== false);

  const save = async (submit: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(submit ? 'submit' : 'draft');
    const body = {
      ...values,
      heldAt: values.heldAt.tz(ZONE).format(),
      agenda: values.agenda ?? [],
      votes: values.kind === 'branch_general_meeting' ? (values.votes ?? []) : [],
      attendance: rc.body(),
    };
    try {
      localStorage.setItem(PLACE_KEY, values.place);
      const saved = await saveRecord(meeting, body, submit);
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/meetings/${saved.id}`, { replace: true });
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSaving(null);
    }
  };
  return { form, params, recordable, orgs, kind, heldAt, orgId, roster, rc, kinds, save, saving };
}

function MeetingForm({ meeting }: { meeting?: MeetingDetail }) {
  const me = useMe();
  const mobile = useIsMobile();
  const { form, params, recordable, orgs, kind, heldAt, orgId, roster, rc, kinds, save, saving } =
    useRecordForm(meeting);
  if (recordable.isPending) return <Loading />;
  if (!meeting && !orgs.length)
    return (
      <Result
        status="info"
        title="您不是支部书记"
        subTitle="会议记录由支部书记（或受委托的支部委员）填写。"
      />
    );

  const afterSubmission = meeting && meeting.status !== 'draft';
  return (
    <Page title={meeting ? '修改会议记录' : '记录会议'}>
      {meeting?.status === 'returned' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message="被退回"
          description={`审核意见：${meeting.reviewComment}`}
        />
      )}
      {afterSubmission && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="记录已提交，本次修改将作为修订保留（修改人、时间、原因和改动内容），审核人可以查看。"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues(meeting, params.get('kind'), me.user.personId)}
        requiredMark="optional"
        size={mobile ? 'large' : 'middle'}
      >
        <BasicsCard
          orgs={orgs}
          kinds={kinds}
          kind={kind}
          heldAt={heldAt}
          disabledOrg={!!meeting && !orgs.length}
          mobile={mobile}
        />
        <RollCallCard
          rc={rc}
          kind={kind}
          loading={roster.isPending && !!orgId}
          loaded={!!roster.data}
          mobile={mobile}
        />
        <ContentCard people={rc.people} kind={kind} />
        {kind === 'branch_general_meeting' && <VotesCard />}
        {afterSubmission && (
          <Card size="small" style={{ marginBottom: 12 }}>
            <Form.Item
              name="reason"
              label="修改原因"
              rules={[{ required: true, whitespace: true, message: '提交后的修改须说明原因' }]}
            >
              <Input placeholder="如：按审核意见补充决议" />
            </Form.Item>
          </Card>
        )}
        <FormButtons meeting={meeting} saving={saving} save={save} mobile={mobile} />
      </Form>
    </Page>
  );
}
