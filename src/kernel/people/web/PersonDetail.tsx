import { EditOutlined, EyeOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Modal,
  Result,
  Select,
  Space,
  Table,
  Tabs,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { type dayjs, fmtDate, fmtDateCn, fmtDateTime, toDateString, today } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import {
  END_REASON_LABELS,
  GENDER_LABELS,
  type HistoryItem,
  MEMBERSHIP_REASON_LABELS,
  PARTY_STATUS_LABELS,
  PERSON_FIELD_LABELS,
  type PersonDetail as Person,
  postOf,
  type RevealResult,
  type SensitiveField,
  STANDING_LABELS,
} from './model';
import { PersonFlags, StatusTag } from './PeopleList';

const yesNo = (v: unknown) => (v ? '是' : '否');

/** A value of a change record in words: statuses and flags by their Chinese names. */
function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'boolean') return yesNo(v);
  if (key === 'partyStatus') return PARTY_STATUS_LABELS[v as keyof typeof PARTY_STATUS_LABELS] ?? String(v);
  if (key === 'gender') return GENDER_LABELS[v as keyof typeof GENDER_LABELS] ?? String(v);
  if (key === 'standing') return STANDING_LABELS[v as keyof typeof STANDING_LABELS] ?? String(v);
  if (key === 'endReason') return END_REASON_LABELS[v as keyof typeof END_REASON_LABELS] ?? String(v);
  if (v === '***') return '（已加密，不显示）';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function Sensitive({ person, field }: { person: Person; field: SensitiveField }) {
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const reveal = useMutation({
    mutationFn: () =>
      api<RevealResult>(`/people/${person.id}/reveal`, {
        method: 'POST',
        body: { field },
      }),
    onSuccess: (r) => setValue(r.value),
  });
  const masked = person[field];
  if (value !== undefined) return <Typography.Text copyable={!!value}>{value ?? '未填写'}</Typography.Text>;
  if (!masked) return <Typography.Text type="secondary">未填写</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{masked}</span>
      {person.actions.includes('reveal') && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={reveal.isPending}
          onClick={() => reveal.mutate()}
        >
          查看
        </Button>
      )}
    </Space>
  );
}

function detailsText(details: unknown): ReactNode {
  if (!details || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  const changes = (d.changes ?? d.diff ?? d.changed) as unknown;
  if (changes && typeof changes === 'object') {
    const entries = Array.isArray(changes)
      ? (changes as string[]).map((k) => [k, undefined] as const)
      : Object.entries(changes as Record<string, unknown>);
    return (
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
        {entries.map(([k, v]) => (
          <li key={k}>
            {PERSON_FIELD_LABELS[k] ?? k}
            {v !== undefined && typeof v === 'object' && v !== null && 'from' in v
              ? `：${valueText(k, (v as { from: unknown }).from)} → ${valueText(k, (v as { to?: unknown }).to)}`
              : ''}
          </li>
        ))}
      </ul>
    );
  }
  const fields = d.fields;
  if (Array.isArray(fields))
    return `涉及：${fields.map((f) => PERSON_FIELD_LABELS[String(f)] ?? f).join('、')}`;
  if (typeof d.field === 'string') return `字段：${PERSON_FIELD_LABELS[d.field] ?? d.field}`;
  const text = Object.entries(d)
    .filter(([k]) => k !== 'orgId' && k !== 'from' && k !== 'to')
    .map(([k, v]) => `${PERSON_FIELD_LABELS[k] ?? k}：${valueText(k, v)}`)
    .join('；');
  return text || null;
}

function EndDialog({ person, open, onClose }: { person: Person; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const end = useMutation({
    mutationFn: (v: { endedOn: dayjs.Dayjs; endReason: string }) =>
      api(`/people/${person.id}/end`, {
        method: 'POST',
        body: { endedOn: toDateString(v.endedOn), endReason: v.endReason },
      }),
    meta: { handlesError: true },
    onSuccess: () => {
      message.success('已终止在册');
      queryClient.invalidateQueries({ queryKey: ['people'] });
      queryClient.invalidateQueries({ queryKey: ['orgs'] });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      title={`终止在册：${person.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认终止"
      okButtonProps={{ danger: true, loading: end.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        终止后此人不再计入在册人数，历史记录仍然保留。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => end.mutate(v)}
        initialValues={{ endedOn: today() }}
      >
        <Form.Item name="endedOn" label="终止日期" rules={[{ required: true, message: '请选择终止日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
        </Form.Item>
        <Form.Item name="endReason" label="终止原因" rules={[{ required: true, message: '请选择终止原因' }]}>
          <Select
            options={Object.entries(END_REASON_LABELS).map(([value, label]) => ({ value, label }))}
            placeholder="请选择"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The record in two blocks: personal and work facts, party facts; sensitive values behind 查看. */
function InfoTab({ p }: { p: Person }) {
  const mobile = useIsMobile();
  const item = (key: string, value: ReactNode, span?: number) => ({
    key,
    label: PERSON_FIELD_LABELS[key] ?? key,
    children: value ?? '—',
    span,
  });
  const post = postOf(p);
  const basic = [
    item('name', p.name),
    item('gender', GENDER_LABELS[p.gender] ?? p.gender),
    item('ethnicity', p.ethnicity),
    item('birthDate', p.birthDate ? fmtDateCn(p.birthDate) : null),
    item('idNumber', <Sensitive person={p} field="idNumber" />),
    item('education', p.education),
    item('category', p.category),
    item('employeeNo', p.employeeNo),
    item('workplace', p.workplace),
    item('jobPost', post),
    // The unit's own 岗位 only where a roster brought one that differs from the 工作岗位.
    ...(p.post && p.post !== post ? [{ ...item('post', p.post), label: '岗位（本单位）' }] : []),
    item('startedWorkOn', p.startedWorkOn ? fmtDateCn(p.startedWorkOn) : null),
    item('mobile', <Sensitive person={p} field="mobile" />),
    item('landline', <Sensitive person={p} field="landline" />),
    item('address', <Sensitive person={p} field="address" />, 2),
  ];
  const party = [
    item('orgName', p.orgName),
    item('partyGroupName', p.partyGroupName),
    item('partyStatus', <StatusTag status={p.partyStatus} />),
    item('joinedPartyOn', p.joinedPartyOn ? fmtDateCn(p.joinedPartyOn) : null),
    item('fullMemberOn', p.fullMemberOn ? fmtDateCn(p.fullMemberOn) : null),
    item('partyPosts', p.partyPosts),
    item('standing', STANDING_LABELS[p.standing] ?? p.standing),
    item('lostContact', p.lostContact ? `是（${fmtDate(p.lostContactOn)} 起）` : '否'),
    item('floating', p.floating ? `是（${p.floatingTo ?? '去向未填'}）` : '否'),
    item('exempt', yesNo(p.exempt)),
    item('remarks', p.remarks, 2),
    ...(p.endedOn
      ? [
          item('endedOn', fmtDateCn(p.endedOn)),
          item('endReason', p.endReason ? END_REASON_LABELS[p.endReason] : null),
        ]
      : []),
  ];
  const column = mobile ? 1 : 2;
  return (
    <Flex vertical gap={16}>
      <Descriptions title="个人信息" bordered size="small" column={column} items={basic} />
      <Descriptions title="党员信息" bordered size="small" column={column} items={party} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        身份证号、电话、住址已加密保存并脱敏显示；点击“查看”会记入审计日志。最后更新：
        {fmtDateTime(p.updatedAt)}
      </Typography.Text>
    </Flex>
  );
}

function MembershipTable({ memberships }: { memberships: Person['memberships'] }) {
  return (
    <Table
      rowKey={(m) => `${m.orgId}-${m.validFrom}`}
      size="small"
      pagination={false}
      dataSource={memberships}
      scroll={{ x: 480 }}
      locale={{ emptyText: <Empty description="暂无支部归属记录" /> }}
      columns={[
        { title: '党支部', dataIndex: 'orgName' },
        { title: '起', dataIndex: 'validFrom', render: fmtDate, width: 110 },
        { title: '止', dataIndex: 'validTo', render: (v) => (v ? fmtDate(v) : '至今'), width: 110 },
        {
          title: '原因',
          dataIndex: 'reason',
          render: (r: string) => MEMBERSHIP_REASON_LABELS[r] ?? r,
          width: 110,
        },
      ]}
    />
  );
}

/** The audit events about the person, newest first, each with its action's name and what changed. */
function HistoryTimeline({ id }: { id: string }) {
  const history = useQuery({
    queryKey: ['people', 'history', id],
    queryFn: () => api<{ items: HistoryItem[] }>(`/people/${id}/history`).then((r) => r.items),
  });
  if (history.isPending) return <Loading />;
  if (!history.data?.length) return <Empty description="暂无变更记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={history.data.map((h) => ({
        key: `${h.at}-${h.action}`,
        content: (
          <div>
            <Typography.Text strong>{h.actionLabel}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {fmtDateTime(h.at)} · {h.actorName ?? '系统'}
            </Typography.Text>
            <div style={{ fontSize: 13, color: '#555', wordBreak: 'break-all' }}>
              {detailsText(h.details)}
            </div>
          </div>
        ),
      }))}
    />
  );
}

export default function PersonDetail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [ending, setEnding] = useState(false);
  const person = useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: () => api<Person>(`/people/${id}`),
    meta: { silent: true },
  });

  if (person.isPending) return <Loading />;
  if (!person.data) {
    const err = person.error;
    return (
      <Result
        status={err instanceof ApiError && err.status === 403 ? '403' : '404'}
        title="无法查看此人员"
        subTitle={err?.message ?? '人员不存在或不在您的管理范围内'}
        extra={<Button onClick={() => navigate('/people')}>返回人员列表</Button>}
      />
    );
  }
  const p = person.data;
  const can = (a: Person['actions'][number]) => p.actions.includes(a);

  return (
    <Page
      title={
        <Flex align="center" gap={8} wrap>
          <span>{p.name}</span>
          <StatusTag status={p.partyStatus} />
          <PersonFlags p={p} />
        </Flex>
      }
      extra={
        <>
          {can('update') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/people/${p.id}/edit`)}>
              编辑
            </Button>
          )}
          {can('end') && (
            <Button danger icon={<StopOutlined />} onClick={() => setEnding(true)}>
              终止在册
            </Button>
          )}
        </>
      }
    >
      <Card size="small">
        <Tabs
          items={[
            { key: 'info', label: '基本信息', children: <InfoTab p={p} /> },
            {
              key: 'memberships',
              label: '支部归属',
              children: <MembershipTable memberships={p.memberships} />,
            },
            { key: 'history', label: '变更记录', children: <HistoryTimeline id={p.id} /> },
          ]}
        />
      </Card>
      <EndDialog person={p} open={ending} onClose={() => setEnding(false)} />
    </Page>
  );
}
