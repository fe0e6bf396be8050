import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { type dayjs, today } from '../../../web/format';
import type { Zone } from '../contract';

export type ZoneDialogState = { kind: 'create'; orgId?: string } | { kind: 'edit'; zone: Zone } | null;

/** Party members of a branch (probationary included), for naming who is responsible. */
function useBranchMembers(orgId: string | undefined) {
  return useQuery({
    queryKey: ['people', 'members-of', orgId],
    enabled: !!orgId,
    queryFn: () =>
      api<{ items: { id: string; name: string }[] }>('/people', {
        query: { orgId, partyStatus: 'full,probationary', pageSize: 200 },
      }).then((r) => r.items),
  });
}

/** 设立 or 修改 a responsibility zone (党员责任区) or model post (党员示范岗). */
export function ZoneDialog({ state, onClose }: { state: ZoneDialogState; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const editing = state?.kind === 'edit' ? state.zone : null;
  const orgId = (Form.useWatch('orgId', form) as string | undefined) ?? editing?.orgId;
  const members = useBranchMembers(orgId);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      editing
        ? api<Zone>(`/assessment/zones/${editing.id}`, {
            method: 'PUT',
            body: {
              name: v.name,
              area: v.area,
              goals: v.goals,
              personIds: v.personIds,
              version: editing.version,
            },
          })
        : api<Zone>('/assessment/zones', {
            method: 'POST',
            body: { ...v, startedOn: (v.startedOn as dayjs.Dayjs).format('YYYY-MM-DD') },
          }),
    onSuccess: () => {
      message.success(editing ? '已保存' : '已设立');
      qc.invalidateQueries({ queryKey: ['assessment'] });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  const initial = editing
    ? {
        name: editing.name,
        area: editing.area,
        goals: editing.goals,
        personIds: editing.people.map((p) => p.id),
      }
    : { kind: 'zone', orgId: state?.kind === 'create' ? state.orgId : undefined, startedOn: today() };
  const known = new Map([...(editing?.people ?? []), ...(members.data ?? [])].map((p) => [p.id, p.name]));
  return (
    <Modal
      open={state !== null}
      title={editing ? `修改${editing.kindLabel}` : '设立责任区或示范岗'}
      okText="保存"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {!editing && (
          <>
            <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
              <OrgTreeSelect types={['branch']} allowClear={false} filter={(o) => !o.dissolvedOn} />
            </Form.Item>
            <Form.Item name="kind" label="类型">
              <Radio.Group
                options={[
                  { value: 'zone', label: '党员责任区' },
                  { value: 'model_post', label: '党员示范岗' },
                ]}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={60} placeholder="如：咽喉区安全责任区、值班员党员示范岗" />
        </Form.Item>
        <Form.Item name="area" label="区域或岗位" rules={[{ required: true, message: '请填写区域或岗位' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="personIds" label="责任党员" rules={[{ required: true, message: '请选择责任党员' }]}>
          <Select
            mode="multiple"
            loading={members.isFetching}
            placeholder={orgId ? '选择本支部党员' : '先选择党支部'}
            showSearch={{ optionFilterProp: 'label' }}
            options={[...known].map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="goals" label="目标" rules={[{ required: true, message: '请填写目标' }]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        {!editing && (
          <Form.Item name="startedOn" label="设立日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(today())} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
