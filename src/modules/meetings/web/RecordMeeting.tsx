import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { dayjs, ZONE } from '../../../web/format';
import { DraftNotice } from '../../../web/offline/DraftNotice';
import type { DraftRequest } from '../../../web/offline/drafts';
import { useDraft } from '../../../web/offline/useDraft';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import { GradesCard, useGrades } from './GradesCard';
import type { MeetingDetail, RecordableOrg, RosterResponse, SettingsResponse } from './model';
import { useMeeting } from './parts';
import { BasicsCard, ContentCard, VotesCard } from './RecordCards';
import { RollCallCard } from './RollCallCard';
import {
  BRANCH_KINDS,
  type FormValues,
  GROUP_KINDS,
  initialValues,
  type Line,
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

/** The tenant's settings (default 学时 per kind, the 优秀 ratio): readable by whoever records. */
const useMeetingSettings = () =>
  useQuery({
    queryKey: ['meetings', 'settings'],
    queryFn: () => api<SettingsResponse>('/meetings/settings'),
    staleTime: 300_000,
  }).data;

/**
 * What saving sends (new or changed record; then, when asked and allowed, its submission): through the
 * draft kept on the phone (web/offline), with an idempotency key, and for a change the version it was
 * based on, so an edit made offline over a record changed meanwhile comes back as a conflict.
 */
function saveRequest(
  meeting: MeetingDetail | undefined,
  body: Record<string, unknown>,
  submit: boolean,
): DraftRequest {
  if (meeting)
    return {
      method: 'PATCH',
      path: `/meetings/${meeting.id}`,
      body,
      ifMatch: String(meeting.version),
      thenSubmit: submit,
    };
  const { reason: _unused, ...create } = body;
  return { method: 'POST', path: '/meetings', body: create, thenSubmit: submit };
}

/** The words of the form's fields, for a conflict's comparison. */
const FIELD_LABELS: Record<string, string> = {
  topic: '会议主题',
  heldAt: '召开时间',
  place: '会议地点',
  agenda: '议程',
  minutes: '会议记录',
  resolutions: '决议',
  lecturer: '授课人',
  classHours: '学时',
  kind: '会议类型',
};

type RollCall = ReturnType<typeof useRollCall>;
type RollCallDraft = { lines: Record<string, Line>; chosen: string[]; guests: string[] };
const rollCallDraft = (rc: RollCall): RollCallDraft => ({
  lines: Object.fromEntries(rc.expected.map((p) => [p.personId, rc.lineOf(p.personId)])),
  chosen: rc.chosen,
  guests: rc.guests,
});
function restoreRollCall(rc: RollCall, saved: unknown) {
  const d = saved as Partial<RollCallDraft> | undefined;
  for (const [personId, line] of Object.entries(d?.lines ?? {})) rc.setLine(personId, line);
  if (d?.chosen) rc.setChosen(d.chosen);
  if (d?.guests) rc.setGuests(d.guests);
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
  const { message } = App.useApp();
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
  // A plan's roll call waits for the day: members ask for leave and sign in themselves.
  const future = !!heldAt && heldAt.isAfter(dayjs());
  const rollCall = useRollCall(meeting, roster.data?.items ?? [], kind, future);
  const gradesState = useGrades(meeting);
  // Kept on the phone as it is typed (fields and roll call), restored after a reload or a closed app.
  const draft = useDraft({
    kind: 'meeting',
    form,
    formKey: meeting ? `edit:${meeting.id}` : 'new',
    title: (v) => `会议记录${v.topic ? ` · ${v.topic}` : ''}`,
    extra: { get: () => rollCallDraft(rollCall), set: (v) => restoreRollCall(rollCall, v) },
    enabled: !recordable.isPending,
  });
  const rc: RollCall = {
    ...rollCall,
    setLine: (personId, patch) => {
      rollCall.setLine(personId, patch);
      draft.changed();
    },
    setChosen: (v) => {
      rollCall.setChosen(v);
      draft.changed();
    },
    setGuests: (v) => {
      rollCall.setGuests(v);
      draft.changed();
    },
  };
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
      ...(values.kind === 'democratic_review' ? { grades: gradesState.body(rc.expected) } : {}),
    };
    try {
      localStorage.setItem(PLACE_KEY, values.place);
      const outcome = await draft.send(saveRequest(meeting, body, submit));
      if (outcome.kind === 'conflict') return; // shown above the form, the user chooses
      if (outcome.kind === 'queued') {
        message.warning('没有网络：会议记录已保存在本机，联网后自动发送');
        navigate(meeting ? `/meetings/${meeting.id}` : '/meetings', { replace: true });
        return;
      }
      const saved = outcome.answer as MeetingDetail;
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/meetings/${saved.id}`, { replace: true });
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSaving(null);
    }
  };
  return {
    form,
    params,
    recordable,
    orgs,
    kind,
    heldAt,
    orgId,
    roster,
    rc,
    gradesState,
    kinds,
    save,
    saving,
    draft,
  };
}

function MeetingForm({ meeting }: { meeting?: MeetingDetail }) {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const {
    form,
    params,
    recordable,
    orgs,
    kind,
    heldAt,
    orgId,
    roster,
    rc,
    gradesState,
    kinds,
    save,
    saving,
    draft,
  } = useRecordForm(meeting);
  const settings = useMeetingSettings();
  const hoursByKind = settings?.classHoursByKind;
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
      <DraftNotice
        control={draft}
        labels={FIELD_LABELS}
        onTakeServer={() => navigate(meeting ? `/meetings/${meeting.id}` : '/meetings', { replace: true })}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues(meeting, params.get('kind'), me.user.personId)}
        requiredMark="optional"
        size={mobile ? 'large' : 'middle'}
        // Another kind: its own default hours (the server fills an empty field).
        onValuesChange={(changed) => {
          if ('kind' in changed) form.setFieldValue('classHours', undefined);
          draft.changed();
        }}
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
        <ContentCard people={rc.people} kind={kind} defaultHours={kind && hoursByKind?.[kind]} />
        {kind === 'democratic_review' && !rc.future && (
          <GradesCard people={rc.expected} state={gradesState} settings={settings} />
        )}
        {kind === 'branch_general_meeting' && !rc.future && <VotesCard people={rc.people} />}
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
