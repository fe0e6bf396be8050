import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Flex, Form, type FormInstance, Input, Modal, Select } from 'antd';
import { useOrgs } from '../../../kernel/orgs/web/hooks';
import { api, showFormError } from '../../../web/api';
import { PersonPicker } from '../../../web/components/PersonPicker';
import { type dayjs, toDateString, today } from '../../../web/format';
import type { AnalysisList, Project, ProjectDetail, ViolationList } from '../contract';

export type ProjectDialogState = { kind: 'create' } | { kind: 'update' | 'complete'; item: Project } | null;

const dates = (v: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      x && typeof x === 'object' && 'format' in x ? toDateString(x as dayjs.Dayjs) : x,
    ]),
  );

function Milestones() {
  return (
    <Form.List name="milestones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Flex key={f.key} gap={8} align="baseline">
              <Form.Item
                name={[f.name, 'title']}
                rules={[{ required: true, message: '节点名称' }]}
                style={{ flex: 2 }}
              >
                <Input placeholder="节点" />
              </Form.Item>
              <Form.Item
                name={[f.name, 'dueOn']}
                rules={[{ required: true, message: '日期' }]}
                style={{ flex: 1 }}
              >
                <DatePicker inputReadOnly />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(f.name)} />
            </Flex>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>
            添加节点
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** A new project: the leading organization, what started it (its analyses and violations), the plan. */
function CreateFields({ form }: { form: FormInstance }) {
  const orgs = useOrgs();
  const chosenOrg = Form.useWatch('orgId', form) as string | undefined;
  const sources = useQuery({
    queryKey: ['safety', 'project-sources', chosenOrg],
    enabled: !!chosenOrg,
    queryFn: async () => ({
      analyses: (await api<AnalysisList>('/safety/analyses', { query: { orgId: chosenOrg, pageSize: 100 } }))
        .items,
      violations: (await api<ViolationList>('/violations', { query: { orgId: chosenOrg, pageSize: 200 } }))
        .items,
    }),
  });
  return (
    <>
      <Form.Item name="orgId" label="牵头组织" rules={[{ required: true, message: '请选择组织' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(orgs.data ?? [])
            .filter((o) => o.type !== 'party_group' && o.actions.length > 0)
            .map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <Form.Item name="analysisId" label="起因：安全剖析（可选）">
        <Select
          allowClear
          placeholder={chosenOrg ? '选择本组织的剖析' : '先选择牵头组织'}
          options={(sources.data?.analyses ?? []).map((a) => ({
            value: a.id,
            label: `${a.orgName} ${a.periodFrom}~${a.periodTo}：${a.rootCauses.slice(0, 20)}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="violationIds" label="起因：违章违纪（可多选）">
        <Select
          mode="multiple"
          allowClear
          placeholder={chosenOrg ? '选择本组织的违章违纪' : '先选择牵头组织'}
          optionFilterProp="label"
          options={(sources.data?.violations ?? []).map((v) => ({
            value: v.id,
            label: `${v.occurredOn} ${v.personName} ${v.categoryName}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="title" label="项目名称" rules={[{ required: true, message: '请填写名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="problem" label="存在问题" rules={[{ required: true, message: '请填写问题' }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="target" label="攻关目标" rules={[{ required: true, message: '请填写目标' }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="leaderPersonId" label="负责人" rules={[{ required: true, message: '请选择负责人' }]}>
        <PersonPicker />
      </Form.Item>
      <Flex gap={8}>
        <Form.Item name="startedOn" label="开始日期" style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="dueOn" label="完成期限" style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </Flex>
      <Milestones />
    </>
  );
}

function UpdateFields({ projectId }: { projectId: string }) {
  const detail = useQuery({
    queryKey: ['safety', 'projects', 'detail', projectId],
    queryFn: () => api<ProjectDetail>(`/safety/projects/${projectId}`),
  });
  return (
    <>
      <Form.Item name="on" label="日期">
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="note" label="进展" rules={[{ required: true, message: '请填写进展' }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="milestoneId" label="同时完成节点">
        <Select
          allowClear
          options={(detail.data?.milestoneList ?? [])
            .filter((m) => !m.doneOn)
            .map((m) => ({ value: m.id, label: `${m.title}（${m.dueOn}）` }))}
        />
      </Form.Item>
    </>
  );
}

const CompleteFields = () => (
  <>
    <Form.Item name="result" label="攻关成果" rules={[{ required: true, message: '请填写成果' }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
    <Form.Item name="evaluation" label="评价" rules={[{ required: true, message: '请填写评价' }]}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  </>
);

function save(dialog: NonNullable<ProjectDialogState>, raw: Record<string, unknown>) {
  const v = dates(raw);
  if (dialog.kind === 'create')
    return api('/safety/projects', {
      method: 'POST',
      body: {
        ...v,
        violationIds: (raw.violationIds as string[] | undefined) ?? [],
        memberPersonIds: [],
        milestones: ((raw.milestones as { title: string; dueOn: dayjs.Dayjs }[] | undefined) ?? []).map(
          (m) => ({
            title: m.title,
            dueOn: toDateString(m.dueOn),
          }),
        ),
      },
    });
  const path = dialog.kind === 'update' ? 'updates' : 'complete';
  return api(`/safety/projects/${dialog.item.id}/${path}`, { method: 'POST', body: v });
}

/** 攻关立项, 记录进展 or 结项. */
export function ProjectDialog({
  dialog,
  onDone,
}: {
  dialog: NonNullable<ProjectDialogState>;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const mutation = useMutation({
    mutationFn: (raw: Record<string, unknown>) => save(dialog, raw),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety', 'projects'] });
      message.success('已保存');
      onDone();
    },
    onError: (e) => showFormError(form, e),
  });
  const title =
    dialog.kind === 'create'
      ? '攻关立项'
      : dialog.kind === 'update'
        ? `记录进展：${dialog.item.title}`
        : `结项：${dialog.item.title}`;
  return (
    <Modal
      open
      title={title}
      onCancel={onDone}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{ startedOn: today(), on: today() }}
      >
        {dialog.kind === 'create' && <CreateFields form={form} />}
        {dialog.kind === 'update' && <UpdateFields projectId={dialog.item.id} />}
        {dialog.kind === 'complete' && <CompleteFields />}
      </Form>
    </Modal>
  );
}
