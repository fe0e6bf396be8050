import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useOrgs } from '../../../kernel/orgs/web/hooks';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { dayjs, ZONE } from '../../../web/format';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import {
  ATTENDANCE_LABELS,
  type AttendanceStatus,
  MEETING_KIND_LABELS,
  type MeetingDetail,
  type MeetingKind,
  type RosterPerson,
  useMeeting,
  VOTE_TYPE_LABELS,
  type VoteInput,
} from './model';

const TOPIC_HINTS: Partial<Record<MeetingKind, string[]>> = {
  branch_committee_meeting: [
    '研究本月党建和安全生产重点工作',
    '研究入党积极分子培养考察',
    '分析本月两违情况，研究整改措施',
  ],
  theme_party_day: ['重温入党誓词', '学习《中国共产党支部工作条例（试行）》', '党员志愿服务'],
  party_group_meeting: ['学习上级会议精神，交流岗位安全体会', '开展批评与自我批评'],
  branch_general_meeting: ['传达上级党委工作部署，通报支部季度工作', '讨论发展党员和预备党员转正事项'],
  party_lecture: ['书记讲党课'],
  organization_life_meeting: ['年度组织生活会'],
  democratic_review: ['年度民主评议党员'],
};
const BRANCH_KINDS: MeetingKind[] = [
  'branch_committee_meeting',
  'theme_party_day',
  'branch_general_meeting',
  'party_lecture',
  'organization_life_meeting',
  'democratic_review',
  'other',
];
const GROUP_KINDS: MeetingKind[] = ['party_group_meeting', 'other'];

interface Line {
  status: AttendanceStatus;
  reason?: string | null;
  makeUpOn?: string | null;
  makeUpHow?: string | null;
}

interface FormValues {
  orgId: string;
  kind: MeetingKind;
  topic: string;
  heldAt: Dayjs;
  place: string;
  hostPersonId?: string | null;
  recorderPersonId?: string | null;
  lecturer?: string | null;
  agenda?: string[];
  minutes?: string | null;
  resolutions?: string | null;
  votes?: VoteInput[];
  reason?: string;
}

const PLACE_KEY = 'bl.meetings.place';

export default function RecordMeeting() {
  const { id } = useParams();
  const existing = useMeeting(id);
  if (id && existing.isPending) return <Loading />;
  if (id && !existing.data) return <Result status="404" title="会议记录不存在或不在您的范围内" />;
  return <MeetingForm meeting={existing.data} />;
}

function MeetingForm({ meeting }: { meeting?: MeetingDetail }) {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const orgs = useOrgs();
  const [saving, setSaving] = useState<null | 'draft' | 'submit'>(null);

  const recordable = useMemo(() => {
    const branchIds = new Set(me.roles.filter((r) => r.role === 'branch_secretary').map((r) => r.orgId));
    return (orgs.data ?? []).filter(
      (o) =>
        !o.dissolvedOn &&
        ((o.type === 'branch' && branchIds.has(o.id)) ||
          (o.type === 'party_group' && branchIds.has(o.parentId ?? ''))),
    );
  }, [orgs.data, me.roles]);

  const orgId = Form.useWatch('orgId', form);
  const kind = Form.useWatch('kind', form);
  const heldAt = Form.useWatch('heldAt', form);
  const org = recordable.find((o) => o.id === orgId);
  const date = heldAt ? heldAt.tz(ZONE).format('YYYY-MM-DD') : undefined;

  useEffect(() => {
    if (meeting || orgId || !recordable.length) return;
    const wanted = params.get('orgId');
    form.setFieldValue('orgId', recordable.find((o) => o.id === wanted)?.id ?? recordable[0].id);
  }, [recordable, meeting, orgId, params, form]);

  const roster = useQuery({
    queryKey: ['meetings', 'roster', orgId, date],
    queryFn: () =>
      api<{ items: RosterPerson[]; committee: string[] }>('/meetings/roster', { query: { orgId, date } }),
    enabled: !!orgId && !!date,
  });

  const [lines, setLines] = useState<Record<string, Line>>(() =>
    Object.fromEntries(
      (meeting?.attendance ?? []).map((a) => [
        a.personId,
        { status: a.status, reason: a.reason, makeUpOn: a.makeUpOn, makeUpHow: a.makeUpHow },
      ]),
    ),
  );
  // 'other' meetings: whoever the secretary picks; committee meetings: the committee plus guests (列席).
  const [chosen, setChosen] = useState<string[]>(() =>
    meeting?.kind === 'other' ? meeting.attendance.map((a) => a.personId) : [],
  );
  const [guests, setGuests] = useState<string[]>(() =>
    (meeting?.attendance ?? []).filter((a) => a.guest).map((a) => a.personId),
  );
  const signedIn = new Map(
    (meeting?.attendance ?? []).filter((a) => a.signedInAt).map((a) => [a.personId, a.signedInAt!]),
  );

  const people = roster.data?.items ?? [];
  const committeeMeeting = kind === 'branch_committee_meeting';
  const expected = committeeMeeting
    ? people.filter((p) => p.committee)
    : kind === 'other'
      ? people.filter((p) => chosen.includes(p.personId))
      : people;
  const guestOptions = people.filter((p) => !p.committee).map((p) => ({ value: p.personId, label: p.name }));
  const lineOf = (personId: string): Line => lines[personId] ?? { status: 'present' };
  const setLine = (personId: string, patch: Partial<Line>) =>
    setLines((l) => ({ ...l, [personId]: { ...lineOf(personId), ...patch } }));
  const counts = expected.reduce(
    (c, p) => {
      c[lineOf(p.personId).status] += 1;
      return c;
    },
    { present: 0, leave: 0, absent: 0 } as Record<AttendanceStatus, number>,
  );

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
      attendance: [
        ...expected.map((p) => {
          const l = lineOf(p.personId);
          return {
            personId: p.personId,
            status: l.status,
            reason: l.status === 'present' ? null : (l.reason ?? null),
            makeUpOn: l.status === 'present' ? null : (l.makeUpOn ?? null),
            makeUpHow: l.status === 'present' ? null : (l.makeUpHow ?? null),
          };
        }),
        ...(committeeMeeting
          ? guests
              .filter((id) => people.some((p) => p.personId === id && !p.committee))
              .map((personId) => ({ personId, status: 'present' as const }))
          : []),
      ],
    };
    try {
      localStorage.setItem(PLACE_KEY, values.place);
      let saved: MeetingDetail;
      if (meeting) {
        saved = await api<MeetingDetail>(`/meetings/${meeting.id}`, { method: 'PATCH', body });
      } else {
        const { reason: _unused, ...create } = body;
        saved = await api<MeetingDetail>('/meetings', { method: 'POST', body: create });
      }
      if (submit && saved.actions.includes('submit'))
        saved = await api<MeetingDetail>(`/meetings/${saved.id}/submit`, { method: 'POST', body: {} });
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/meetings/${saved.id}`, { replace: true });
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSaving(null);
    }
  };

  if (orgs.isPending) return <Loading />;
  if (!meeting && !recordable.length)
    return (
      <Result
        status="info"
        title="您不是支部书记"
        subTitle="会议记录由支部书记（或受委托的支部委员）填写。"
      />
    );

  const afterSubmission = meeting && meeting.status !== 'draft';
  const initial: Partial<FormValues> = meeting
    ? {
        orgId: meeting.orgId,
        kind: meeting.kind,
        topic: meeting.topic,
        heldAt: dayjs(meeting.heldAt).tz(ZONE),
        place: meeting.place,
        hostPersonId: meeting.hostPersonId,
        recorderPersonId: meeting.recorderPersonId,
        lecturer: meeting.lecturer,
        agenda: meeting.agenda,
        minutes: meeting.minutes,
        resolutions: meeting.resolutions,
        votes: meeting.votes.map(
          ({ subject, type, yes, no, abstain, writtenYes, writtenNo, writtenAbstain }) => ({
            subject,
            type,
            yes,
            no,
            abstain,
            writtenYes,
            writtenNo,
            writtenAbstain,
          }),
        ),
      }
    : {
        kind: (params.get('kind') as MeetingKind) ?? 'branch_committee_meeting',
        heldAt: dayjs().tz(ZONE).minute(0).second(0),
        place: localStorage.getItem(PLACE_KEY) ?? '',
        hostPersonId: me.user.personId,
      };
  const personOptions = people.map((p) => ({ value: p.personId, label: p.name }));

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
        initialValues={initial}
        requiredMark="optional"
        size={mobile ? 'large' : 'middle'}
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="orgId" label="召开组织" rules={[{ required: true, message: '请选择组织' }]}>
            <Select
              options={recordable.map((o) => ({ value: o.id, label: o.name }))}
              disabled={!!meeting && !recordable.length}
            />
          </Form.Item>
          <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
            >
              {kinds.map((k) => (
                <Radio.Button key={k} value={k} style={{ borderRadius: 6 }}>
                  {MEETING_KIND_LABELS[k]}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="topic"
            label="会议主题"
            rules={[{ required: true, whitespace: true, message: '请填写会议主题' }]}
          >
            <AutoComplete
              options={(TOPIC_HINTS[kind as MeetingKind] ?? []).map((t) => ({ value: t }))}
              placeholder="可从建议中选择"
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="heldAt"
              label="召开时间"
              rules={[{ required: true, message: '请选择召开时间' }]}
              style={{ flex: '1 1 200px' }}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                inputReadOnly={mobile}
              />
            </Form.Item>
            <Form.Item
              name="place"
              label="地点"
              rules={[{ required: true, whitespace: true, message: '请填写地点' }]}
              style={{ flex: '1 1 200px' }}
            >
              <Input placeholder="如：车站党员活动室" />
            </Form.Item>
          </Flex>
          {heldAt?.isAfter(dayjs()) && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message="这是一次计划中的会议：可先保存草稿，会议召开后再提交。"
            />
          )}
        </Card>

        <Card
          size="small"
          style={{ marginBottom: 12 }}
          title={`出勤（应到 ${expected.length} 人：出席 ${counts.present}，请假 ${counts.leave}，缺席 ${counts.absent}）`}
        >
          {kind === 'other' && (
            <Form.Item label="参加人员">
              <Select
                mode="multiple"
                value={chosen}
                onChange={setChosen}
                options={personOptions}
                optionFilterProp="label"
                placeholder="选择参会人员"
              />
            </Form.Item>
          )}
          {committeeMeeting && roster.data && expected.length === 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              message="本支部还没有登记支部委员"
              description="支委会的应到名单按人员信息中的党内职务（党支部书记、副书记、组织委员、宣传委员、纪检委员等）确定。请先在人员信息中登记党内职务。"
            />
          )}
          {committeeMeeting && expected.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
              应到：支部委员会 {expected.length}{' '}
              人（按党内职务）。其他党员可作为列席人员登记，不计入应到和到会人数。
            </Typography.Paragraph>
          )}
          {roster.isPending && orgId && <Loading />}
          {committeeMeeting && expected.length > 0 && counts.present * 2 <= expected.length && (
            <Alert
              type="warning"
              showIcon
              message="到会委员未超过半数，按规定支部委员会不能召开"
              style={{ marginBottom: 8 }}
            />
          )}
          {kind === 'branch_general_meeting' &&
            (() => {
              const voters = expected.filter(
                (p) => p.partyStatus === 'full' && (!p.exempt || lineOf(p.personId).status === 'present'),
              );
              const present = voters.filter((p) => lineOf(p.personId).status === 'present').length;
              return voters.length > 0 && present * 2 <= voters.length ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 8 }}
                  message={`到会有表决权的正式党员 ${present} 人，未超过应到 ${voters.length} 人的半数，不能进行表决`}
                />
              ) : null;
            })()}
          {expected.map((p) => {
            const l = lineOf(p.personId);
            return (
              <div key={p.personId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <span>
                    {p.name}
                    {p.partyStatus === 'probationary' && (
                      <Tag color="cyan" style={{ marginInlineStart: 6 }}>
                        预备
                      </Tag>
                    )}
                    {p.exempt && <Tag style={{ marginInlineStart: 6 }}>免参加</Tag>}
                    {committeeMeeting && p.partyPosts && (
                      <Tag style={{ marginInlineStart: 6 }}>{p.partyPosts}</Tag>
                    )}
                    {signedIn.has(p.personId) && (
                      <Tag color="green" style={{ marginInlineStart: 6 }}>
                        {dayjs(signedIn.get(p.personId)).tz(ZONE).format('HH:mm')} 本人签到
                      </Tag>
                    )}
                  </span>
                  <Segmented<AttendanceStatus>
                    value={l.status}
                    onChange={(v) => setLine(p.personId, { status: v })}
                    options={(['present', 'leave', 'absent'] as const).map((s) => ({
                      value: s,
                      label: ATTENDANCE_LABELS[s],
                    }))}
                  />
                </Flex>
                {l.status !== 'present' && (
                  <Flex gap={8} wrap style={{ marginTop: 6 }}>
                    {l.status === 'leave' && (
                      <Input
                        size="middle"
                        placeholder="请假原因（如：倒班）"
                        value={l.reason ?? ''}
                        onChange={(e) => setLine(p.personId, { reason: e.target.value })}
                        style={{ flex: '1 1 140px' }}
                      />
                    )}
                    <DatePicker
                      size="middle"
                      placeholder="补学日期"
                      value={l.makeUpOn ? dayjs(l.makeUpOn) : null}
                      onChange={(d) => setLine(p.personId, { makeUpOn: d ? d.format('YYYY-MM-DD') : null })}
                      inputReadOnly={mobile}
                      style={{ flex: '1 1 120px' }}
                    />
                    <Input
                      size="middle"
                      placeholder="补学方式"
                      value={l.makeUpHow ?? ''}
                      onChange={(e) => setLine(p.personId, { makeUpHow: e.target.value })}
                      style={{ flex: '1 1 140px' }}
                    />
                  </Flex>
                )}
              </div>
            );
          })}
          {committeeMeeting && expected.length > 0 && (
            <Form.Item label="列席人员（不计入应到）" style={{ marginTop: 12, marginBottom: 0 }}>
              <Select
                mode="multiple"
                value={guests}
                onChange={setGuests}
                options={guestOptions}
                optionFilterProp="label"
                placeholder="非支委的党员列席时选择"
              />
            </Form.Item>
          )}
        </Card>

        <Card size="small" style={{ marginBottom: 12 }} title="会议内容">
          <Flex gap={12} wrap>
            <Form.Item name="hostPersonId" label="主持人" style={{ flex: '1 1 160px' }}>
              <Select allowClear options={personOptions} optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="recorderPersonId" label="记录人" style={{ flex: '1 1 160px' }}>
              <Select allowClear options={personOptions} optionFilterProp="label" />
            </Form.Item>
            {kind === 'party_lecture' && (
              <Form.Item name="lecturer" label="授课人" style={{ flex: '1 1 160px' }}>
                <Input />
              </Form.Item>
            )}
          </Flex>
          <Form.Item name="agenda" label="议程">
            <Select mode="tags" placeholder="输入后回车，可多项" open={false} />
          </Form.Item>
          <Form.Item name="minutes" label="会议记录">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} placeholder="发言要点、讨论情况" />
          </Form.Item>
          <Form.Item name="resolutions" label="决议">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
        </Card>

        {kind === 'branch_general_meeting' && (
          <Card size="small" style={{ marginBottom: 12 }} title="表决（只有正式党员有表决权）">
            <Form.List name="votes">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Card
                      key={f.key}
                      size="small"
                      style={{ marginBottom: 8 }}
                      extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                    >
                      <Form.Item
                        name={[f.name, 'subject']}
                        label="表决事项"
                        rules={[{ required: true, message: '请填写表决事项' }]}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'type']} label="类型" initialValue="decision">
                        <Select
                          options={Object.entries(VOTE_TYPE_LABELS).map(([value, label]) => ({
                            value,
                            label,
                          }))}
                        />
                      </Form.Item>
                      <Space wrap>
                        {(
                          [
                            ['yes', '赞成'],
                            ['no', '反对'],
                            ['abstain', '弃权'],
                            ['writtenYes', '书面赞成'],
                            ['writtenNo', '书面反对'],
                            ['writtenAbstain', '书面弃权'],
                          ] as const
                        ).map(([name, label]) => (
                          <Form.Item
                            key={name}
                            name={[f.name, name]}
                            label={label}
                            initialValue={0}
                            style={{ marginBottom: 8 }}
                          >
                            <InputNumber min={0} style={{ width: 90 }} />
                          </Form.Item>
                        ))}
                      </Space>
                    </Card>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ type: 'decision', yes: 0, no: 0, abstain: 0 })}
                    block
                  >
                    添加表决事项
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        )}

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
      </Form>
    </Page>
  );
}
