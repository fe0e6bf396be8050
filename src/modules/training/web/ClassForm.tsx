import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  TreeSelect,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect, orgTree, useOrgOptions } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { toDateString, today } from '../../../web/format';
import type { ClassDetail, Course } from '../contract';
import { useTrainingSettings } from './model';

type Values = {
  orgId: string;
  title: string;
  topic?: string;
  description?: string;
  range: [Dayjs, Dayjs];
  online: boolean;
  place?: string;
  onlineUrl?: string;
  hours: number;
  enrollment: 'assign' | 'signup';
  signupUntil?: Dayjs;
  capacity?: number;
  participantOrgIds: string[];
  courseIds?: string[];
};

/** The request that plans the class; members chosen in the survey come along when they are assigned. */
function classBody(v: Values, surveyId: string | undefined, personIds: string[]) {
  return {
    orgId: v.orgId,
    title: v.title,
    topic: v.topic || null,
    description: v.description || null,
    surveyId,
    startsOn: toDateString(v.range[0]),
    endsOn: toDateString(v.range[1]),
    online: v.online,
    place: v.place || null,
    onlineUrl: v.onlineUrl || null,
    hours: v.hours,
    enrollment: v.enrollment,
    signupUntil: v.enrollment === 'signup' && v.signupUntil ? toDateString(v.signupUntil) : null,
    capacity: v.capacity ?? null,
    participantOrgIds: v.participantOrgIds ?? [],
    participantPersonIds: v.enrollment === 'assign' ? personIds : [],
    courseIds: v.courseIds ?? [],
  };
}

/** What was brought over from the demand survey. */
function SurveyNotice({
  fromSurvey,
}: {
  fromSurvey: { topic: string | undefined; orgIds: string[]; personIds: string[] };
}) {
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={`按需求调查的主题“${fromSurvey.topic ?? ''}”办班`}
      description={
        fromSurvey.personIds.length
          ? `已带入选择该主题的 ${fromSurvey.personIds.length} 名党员为学员。`
          : fromSurvey.orgIds.length
            ? `已带入选择该主题的 ${fromSurvey.orgIds.length} 个党支部为参训组织。`
            : undefined
      }
    />
  );
}

/** Plans a class: from a survey topic's demand (the query says which), or from scratch. */
export default function ClassForm() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const settings = useTrainingSettings();
  const orgs = useOrgOptions();
  const surveyId = params.get('surveyId') ?? undefined;
  const fromSurvey = {
    topic: params.get('topic') ?? undefined,
    orgIds: params.get('orgIds')?.split(',').filter(Boolean) ?? [],
    personIds: params.get('personIds')?.split(',').filter(Boolean) ?? [],
  };
  const courses = useQuery({
    queryKey: ['training', 'courses', 'all'],
    queryFn: () => api<{ items: Course[] }>('/training/courses', { query: { pageSize: 200 } }),
  });
  const tree = useMemo(() => orgTree((orgs.data ?? []).filter((o) => o.type !== 'party_group')), [orgs.data]);
  const enrollment = Form.useWatch('enrollment', form);
  const online = Form.useWatch('online', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<ClassDetail>('/training/classes', {
        method: 'POST',
        body: classBody(v, surveyId, fromSurvey.personIds),
      }),
    onSuccess: (c) => {
      client.invalidateQueries({ queryKey: ['training'] });
      message.success(`已建立班次 ${c.code}，学员 ${c.participantCount} 人`);
      navigate(`/training/classes/${c.id}`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Page title="举办培训班">
      <Card size="small" style={{ maxWidth: 720 }}>
        {surveyId && <SurveyNotice fromSurvey={fromSurvey} />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            title: fromSurvey.topic ? `${fromSurvey.topic}专题培训班` : undefined,
            topic: fromSurvey.topic,
            online: false,
            enrollment: 'assign',
            hours: 2,
            range: [today().add(7, 'day'), today().add(7, 'day')],
            participantOrgIds: fromSurvey.orgIds,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="orgId" label="主办组织" rules={[{ required: true, message: '请选择主办组织' }]}>
            <OrgTreeSelect types={['committee', 'general_branch', 'branch']} allowClear={false} />
          </Form.Item>
          <Form.Item name="title" label="班次名称" rules={[{ required: true, message: '请填写班次名称' }]}>
            <Input maxLength={100} placeholder="如：2026年党支部书记培训班" />
          </Form.Item>
          <Form.Item name="topic" label="主题">
            <AutoComplete
              options={(settings.data?.topics ?? []).map((t) => ({ value: t }))}
              placeholder="选择或输入主题"
              maxLength={40}
            />
          </Form.Item>
          <Form.Item name="range" label="培训日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item name="online" label="线上举办" valuePropName="checked">
            <Switch />
          </Form.Item>
          {online ? (
            <Form.Item name="onlineUrl" label="线上地址">
              <Input maxLength={500} placeholder="https://…" />
            </Form.Item>
          ) : (
            <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
              <Input maxLength={100} placeholder="如：段党员教育培训基地" />
            </Form.Item>
          )}
          <Form.Item
            name="hours"
            label="学时"
            rules={[{ required: true, message: '请填写学时' }]}
            extra="出勤学员记入的学时，以 0.5 为单位"
          >
            <InputNumber min={0.5} max={200} step={0.5} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="enrollment" label="参训方式">
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio value="assign">指定学员</Radio>
              <Radio value="signup">党员报名</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="participantOrgIds"
            label={enrollment === 'signup' ? '可以报名的组织' : '参训组织（其全体党员为学员）'}
          >
            <TreeSelect
              multiple
              treeData={tree}
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder="选择组织（含下级）"
              popupMatchSelectWidth={false}
              styles={{ popup: { root: { maxWidth: '92vw' } } }}
            />
          </Form.Item>
          {enrollment === 'signup' && (
            <Form.Item name="signupUntil" label="报名截止" extra="默认开班当天">
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          )}
          <Form.Item name="capacity" label="名额">
            <InputNumber min={1} max={2000} style={{ width: 160 }} placeholder="不限" />
          </Form.Item>
          <Form.Item name="courseIds" label="课程">
            <Select
              mode="multiple"
              loading={courses.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="从课程库选择"
              options={(courses.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.title}（${c.hours} 学时）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="description" label="培训内容简介">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
            建立班次
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
