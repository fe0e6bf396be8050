import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fromDateString, toDateString, today } from '../../../web/format';
import { useMe } from '../../../web/session';
import { orgSelectTree, useOrgs } from '../../orgs/web/hooks';
import { isLandline, isMobile, parseIdNumber } from '../rules';
import {
  EDUCATION_LEVELS,
  PERSON_FIELD_LABELS as L,
  PARTY_STATUS_LABELS,
  PARTY_STATUSES,
  PERSON_CATEGORIES,
  type PersonDetail,
  SENSITIVE_FIELDS,
  STANDING_LABELS,
} from './model';

const DATE_FIELDS = ['birthDate', 'joinedPartyOn', 'fullMemberOn', 'lostContactOn', 'startedWorkOn'] as const;
type Values = Record<string, unknown>;

const col = (node: ReactNode, wide = false) => (
  <Col xs={24} md={wide ? 24 : 12} xl={wide ? 24 : 8}>
    {node}
  </Col>
);

function toBody(values: Values): Values {
  const body: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if ((DATE_FIELDS as readonly string[]).includes(k)) body[k] = toDateString(v as Dayjs | null);
    else if (typeof v === 'string') body[k] = v.trim() === '' ? null : v.trim();
    else body[k] = v ?? null;
  }
  return body;
}

/** Clears what the chosen status makes meaningless, so the server's cross-field rules hold. */
function consistent(v: Values): Values {
  const out = { ...v };
  const member = out.partyStatus === 'full' || out.partyStatus === 'probationary';
  if (!member) {
    out.joinedPartyOn = null;
    out.lostContact = false;
    out.floating = false;
  }
  if (out.partyStatus !== 'full') out.fullMemberOn = null;
  if (!out.lostContact) out.lostContactOn = null;
  if (!out.floating) out.floatingTo = null;
  return out;
}

function initialOf(p: PersonDetail): Values {
  const v: Values = {};
  for (const key of Object.keys(L)) {
    if (key in p) v[key] = (p as unknown as Values)[key];
  }
  for (const f of DATE_FIELDS) v[f] = fromDateString(p[f]);
  for (const f of SENSITIVE_FIELDS) v[f] = undefined;
  delete v.orgName;
  delete v.partyGroupName;
  delete v.endedOn;
  delete v.endReason;
  return v;
}

function PersonFormBody({ person }: { person?: PersonDetail }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const orgs = useOrgs();
  const orgId = Form.useWatch('orgId', form) as string | undefined;
  const status = Form.useWatch('partyStatus', form) as string | undefined;
  const lostContact = Form.useWatch('lostContact', form) as boolean | undefined;
  const floating = Form.useWatch('floating', form) as boolean | undefined;
  const member = status === 'full' || status === 'probationary';
  const initial = useMemo(
    () =>
      person
        ? initialOf(person)
        : {
            gender: 'male',
            partyStatus: 'masses',
            standing: 'normal',
            lostContact: false,
            floating: false,
            exempt: false,
          },
    [person],
  );

  const groups = (orgs.data ?? []).filter(
    (o) => o.parentId === orgId && o.type === 'party_group' && !o.dissolvedOn,
  );
  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = toBody(consistent(values));
      if (!person) return api<PersonDetail>('/people', { method: 'POST', body });
      const before = toBody(initial);
      const patch: Values = {};
      for (const [k, v] of Object.entries(body)) {
        if ((SENSITIVE_FIELDS as readonly string[]).includes(k)) {
          if (v !== null) patch[k] = v;
        } else if (JSON.stringify(v) !== JSON.stringify(before[k] ?? null)) patch[k] = v;
      }
      if (!Object.keys(patch).length) return Promise.resolve(person);
      return api<PersonDetail>(`/people/${person.id}`, { method: 'PATCH', body: patch });
    },
    meta: { handlesError: true },
    onSuccess: (saved) => {
      message.success(person ? '已保存' : '已新增');
      queryClient.invalidateQueries({ queryKey: ['people'] });
      queryClient.invalidateQueries({ queryKey: ['orgs'] });
      navigate(`/people/${saved.id}`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });

  const onIdNumber = (raw: string) => {
    const info = parseIdNumber(raw ?? '');
    if (!info.valid) return;
    const patch: Values = {};
    if (!form.getFieldValue('birthDate')) patch.birthDate = fromDateString(info.birthDate);
    if (info.gender) patch.gender = info.gender;
    form.setFieldsValue(patch);
  };
  const sensitivePlaceholder = (f: (typeof SENSITIVE_FIELDS)[number]) =>
    person ? (person[f] ? `当前 ${person[f]}，不修改请留空` : '未填写') : undefined;
  const noFuture = (d: Dayjs) => d.isAfter(today());

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => save.mutate(v)}
      scrollToFirstError
    >
      <Card size="small" title="个人信息" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          {col(
            <Form.Item
              name="name"
              label={L.name}
              rules={[{ required: true, message: '请输入姓名' }, { max: 50 }]}
            >
              <Input />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="gender" label={L.gender} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="ethnicity" label={L.ethnicity} rules={[{ max: 20 }]}>
              <Input placeholder="如：汉族" />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="idNumber"
              label={L.idNumber}
              rules={[
                {
                  validator: (_, v: string) => {
                    if (!v) return Promise.resolve();
                    const info = parseIdNumber(v);
                    return info.valid
                      ? Promise.resolve()
                      : Promise.reject(new Error(`公民身份号码${info.reason}`));
                  },
                },
              ]}
            >
              <Input
                placeholder={sensitivePlaceholder('idNumber')}
                maxLength={18}
                onBlur={(e) => onIdNumber(e.target.value)}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="birthDate" label={L.birthDate}>
              <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="education" label={L.education}>
              <Select allowClear options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="category" label={L.category}>
              <Select allowClear options={PERSON_CATEGORIES.map((e) => ({ value: e, label: e }))} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="mobile"
              label={L.mobile}
              rules={[
                {
                  validator: (_, v: string) =>
                    !v || isMobile(v) ? Promise.resolve() : Promise.reject(new Error('手机号应为 11 位数字')),
                },
              ]}
            >
              <Input placeholder={sensitivePlaceholder('mobile')} maxLength={20} inputMode="tel" />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="landline"
              label={L.landline}
              rules={[
                {
                  validator: (_, v: string) =>
                    !v || isLandline(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error('固定电话格式如 0470-1234567')),
                },
              ]}
            >
              <Input placeholder={sensitivePlaceholder('landline') ?? '如 0470-1234567'} maxLength={20} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="address" label={L.address} rules={[{ max: 200 }]}>
              <Input placeholder={sensitivePlaceholder('address')} />
            </Form.Item>,
            true,
          )}
        </Row>
      </Card>
      <Card size="small" title="工作信息" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          {col(
            <Form.Item name="employeeNo" label={L.employeeNo} rules={[{ max: 30 }]}>
              <Input />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="workplace" label={L.workplace} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="post" label={L.post} rules={[{ max: 50 }]}>
              <Input placeholder="如：助理值班员" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="jobPost" label={L.jobPost} rules={[{ max: 50 }]}>
              <Input placeholder="全国党员管理信息系统工作岗位" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="startedWorkOn" label={L.startedWorkOn}>
              <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
            </Form.Item>,
          )}
        </Row>
      </Card>
      <Card size="small" title="党员信息" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          {col(
            <Form.Item name="orgId" label={L.orgId} rules={[{ required: true, message: '请选择所在党支部' }]}>
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={orgSelectTree(orgs.data ?? [], (o) => o.type === 'branch' && !o.dissolvedOn)}
                treeDefaultExpandAll={(orgs.data?.length ?? 0) < 30}
                loading={orgs.isPending}
                placeholder="选择党支部"
                onChange={() => form.setFieldValue('partyGroupId', null)}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="partyGroupId" label={L.partyGroupId}>
              <Select
                allowClear
                placeholder={groups.length ? '选择党小组' : '该支部未设党小组'}
                disabled={!groups.length}
                options={groups.map((g) => ({ value: g.id, label: g.name }))}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="partyStatus" label={L.partyStatus} rules={[{ required: true }]}>
              <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABELS[s] }))} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="joinedPartyOn"
              label={L.joinedPartyOn}
              rules={[{ required: member, message: '党员须填写加入党组织日期' }]}
            >
              <DatePicker style={{ width: '100%' }} disabled={!member} disabledDate={noFuture} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="fullMemberOn"
              label={L.fullMemberOn}
              rules={[{ required: status === 'full', message: '正式党员须填写转为正式党员日期' }]}
              extra={status === 'probationary' ? '预备党员转正前留空' : undefined}
            >
              <DatePicker style={{ width: '100%' }} disabled={status !== 'full'} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="partyPosts" label={L.partyPosts} rules={[{ max: 100 }]}>
              <Input placeholder="如：支部书记、组织委员" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="standing" label={L.standing}>
              <Select options={Object.entries(STANDING_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="lostContact" label={L.lostContact} valuePropName="checked">
              <Switch disabled={!member} checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="floating" label={L.floating} valuePropName="checked">
              <Switch disabled={!member} checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="exempt"
              label={L.exempt}
              valuePropName="checked"
              extra="年老体弱或重病，可不参加组织生活"
            >
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>,
          )}
          {lostContact &&
            col(
              <Form.Item
                name="lostContactOn"
                label={L.lostContactOn}
                rules={[{ required: true, message: '请填写失去联系日期' }]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
              </Form.Item>,
            )}
          {floating &&
            col(
              <Form.Item
                name="floatingTo"
                label={L.floatingTo}
                rules={[{ required: true, message: '请填写外出流向' }, { max: 100 }]}
              >
                <Input placeholder="省、市、县" />
              </Form.Item>,
            )}
          {col(
            <Form.Item name="remarks" label={L.remarks} rules={[{ max: 500 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>,
            true,
          )}
        </Row>
      </Card>
      <Flex gap={8} justify="flex-end">
        <Button onClick={() => navigate(-1)}>取消</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Flex>
    </Form>
  );
}

export function PersonCreate() {
  const me = useMe();
  const navigate = useNavigate();
  if (!me.scope.managesOrgs) return <Result status="403" title="无权新增人员" />;
  return (
    <Page
      title={
        <Flex align="center" gap={8}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />
          新增人员
        </Flex>
      }
    >
      <PersonFormBody />
    </Page>
  );
}

export function PersonEdit() {
  const { id } = useParams();
  const navigate = useNavigate();
  const person = useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: () => api<PersonDetail>(`/people/${id}`),
  });
  if (person.isPending) return <Loading />;
  if (!person.data) return <Result status="404" title="人员不存在或不在您的管理范围内" />;
  if (!person.data.actions.includes('update'))
    return <Result status="403" title="无权修改此人员" subTitle="已终止在册的人员或范围外的人员不能修改。" />;
  return (
    <Page
      title={
        <Flex align="center" gap={8}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />
          编辑：{person.data.name}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        只提交改动过的项目；每次修改都会记入变更记录。
      </Typography.Paragraph>
      <PersonFormBody person={person.data} />
    </Page>
  );
}

export default PersonCreate;
