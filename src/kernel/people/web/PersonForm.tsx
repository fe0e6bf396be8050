import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Result, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fromDateString } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useOrgs } from '../../orgs/web/hooks';
import type { PersonDetail } from '../contract';
import { parseIdNumber } from '../rules';
import { createBody, initialOf, NEW_PERSON, patchOf, type Values } from './form-values';
import { PartyCard, PersonalCard, WorkCard } from './PersonFormCards';

/** Saves the form: a new person, or only what changed of a stored one; then shows the record. */
function useSave(
  person: PersonDetail | undefined,
  initial: Values,
  form: ReturnType<typeof Form.useForm<Values>>[0],
) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (values: Values) => {
      if (!person) return api<PersonDetail>('/people', { method: 'POST', body: createBody(values) });
      const patch = patchOf(values, initial);
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
}

function PersonFormBody({ person }: { person?: PersonDetail }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const orgs = useOrgs();
  const watched = {
    orgId: Form.useWatch('orgId', form) as string | undefined,
    status: Form.useWatch('partyStatus', form) as string | undefined,
    lostContact: Form.useWatch('lostContact', form) as boolean | undefined,
    floating: Form.useWatch('floating', form) as boolean | undefined,
  };
  const initial = useMemo(() => (person ? initialOf(person) : NEW_PERSON), [person]);
  const save = useSave(person, initial, form);

  // A new person goes to the caller's branch when there is only one they may choose (a secretary's).
  useEffect(() => {
    if (person || form.getFieldValue('orgId')) return;
    const branches = (orgs.data ?? []).filter((o) => o.type === 'branch' && !o.dissolvedOn);
    if (branches.length === 1) form.setFieldValue('orgId', branches[0].id);
  }, [person, orgs.data, form]);

  const onIdNumber = (raw: string) => {
    const info = parseIdNumber(raw ?? '');
    if (!info.valid) return;
    const patch: Values = {};
    if (!form.getFieldValue('birthDate')) patch.birthDate = fromDateString(info.birthDate);
    if (info.gender) patch.gender = info.gender;
    form.setFieldsValue(patch);
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => save.mutate(v)}
      scrollToFirstError
    >
      <PersonalCard person={person} onIdNumber={onIdNumber} />
      <WorkCard />
      <PartyCard
        orgs={orgs.data ?? []}
        orgsLoading={orgs.isPending}
        onBranch={() => form.setFieldValue('partyGroupId', null)}
        watched={watched}
      />
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
  if (!can(me, 'people.create')) return <Result status="403" title="无权新增人员" />;
  return (
    <Page title="新增人员">
      <PersonFormBody />
    </Page>
  );
}

export function PersonEdit() {
  const { id } = useParams();
  const person = useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: () => api<PersonDetail>(`/people/${id}`),
  });
  if (person.isPending) return <Loading />;
  if (!person.data) return <Result status="404" title="人员不存在或不在您的管理范围内" />;
  if (!person.data.actions.includes('update'))
    return <Result status="403" title="无权修改此人员" subTitle="已终止在册的人员或范围外的人员不能修改。" />;
  return (
    <Page title={`编辑：${person.data.name}`}>
      <Typography.Paragraph type="secondary">
        只提交改动过的项目；每次修改都会记入变更记录。
      </Typography.Paragraph>
      <PersonFormBody person={person.data} />
    </Page>
  );
}

export default PersonCreate;
