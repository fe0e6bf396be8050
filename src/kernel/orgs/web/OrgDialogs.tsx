import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  TreeSelect,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { fromDateString, toDateString, today } from '../../../web/format';
import { canContain, ORG_TYPES, type OrgType } from '../rules';
import { ORG_TYPE_LABELS, type OrgItem, orgSelectTree } from './hooks';

export type OrgDialog = 'create_child' | 'update' | 'move' | 'merge' | 'dissolve';

const TITLES: Record<OrgDialog, string> = {
  create_child: '新建下级组织',
  update: '修改组织信息',
  move: '调整隶属关系',
  merge: '合并党支部',
  dissolve: '撤销组织',
};

const OK_TEXT: Record<OrgDialog, string> = {
  create_child: '新建',
  update: '保存',
  move: '调整',
  merge: '合并',
  dissolve: '撤销',
};

type Values = Record<string, unknown>;

const PLACEHOLDERS: Record<string, string> = {
  committee: '如：海拉尔车务段党委',
  general_branch: '如：海拉尔站党总支',
  branch: '如：海拉尔站运转一班党支部',
  party_group: '如：第一党小组',
};

function bodyOf(dialog: OrgDialog, v: Values, org: OrgItem): Values {
  const date = (k: string) => toDateString(v[k] as Dayjs | null);
  const flags = {
    isJoint: Boolean(v.isJoint),
    isTemporary: Boolean(v.isTemporary),
    isRetiree: Boolean(v.isRetiree),
    hasCommittee: Boolean(v.hasCommittee),
  };
  switch (dialog) {
    case 'create_child':
      return {
        parentId: org.id,
        type: v.type,
        name: String(v.name ?? '').trim(),
        ...(v.code ? { code: String(v.code).trim() } : {}),
        establishedOn: date('establishedOn'),
        ...(v.type === 'branch' ? flags : {}),
      };
    case 'update': {
      const all: Values = {
        name: String(v.name ?? '').trim(),
        code: String(v.code ?? '').trim(),
        establishedOn: date('establishedOn'),
        ...(org.type === 'branch' ? flags : {}),
      };
      const before: Values = {
        name: org.name,
        code: org.code,
        establishedOn: org.establishedOn,
        isJoint: org.isJoint,
        isTemporary: org.isTemporary,
        isRetiree: org.isRetiree,
        hasCommittee: org.hasCommittee,
      };
      return Object.fromEntries(Object.entries(all).filter(([k, x]) => x !== before[k]));
    }
    case 'move':
      return { parentId: v.parentId, on: date('on') };
    case 'merge':
      return { targetId: v.targetId, on: date('on') };
    case 'dissolve':
      return { on: date('on') };
  }
}

function pathOf(dialog: OrgDialog, org: OrgItem): { method: 'POST' | 'PATCH'; path: string } {
  switch (dialog) {
    case 'create_child':
      return { method: 'POST', path: '/orgs' };
    case 'update':
      return { method: 'PATCH', path: `/orgs/${org.id}` };
    default:
      return { method: 'POST', path: `/orgs/${org.id}/${dialog}` };
  }
}

const descendantsOf = (id: string, all: OrgItem[]): Set<string> => {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of all) {
      if (o.parentId && out.has(o.parentId) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
};

/** The dialogs behind the organization's action buttons; each only opens for an allowed action. */
export function OrgDialogs({
  org,
  all,
  dialog,
  onClose,
}: {
  org: OrgItem;
  all: OrgItem[];
  dialog: OrgDialog | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const type = Form.useWatch('type', form) as OrgType | undefined;

  const run = useMutation({
    mutationFn: (v: Values) => {
      const { method, path } = pathOf(dialog!, org);
      const body = bodyOf(dialog!, v, org);
      if (dialog === 'update' && !Object.keys(body).length) return Promise.resolve(null);
      return api<{ id?: string } | null>(path, { method, body });
    },
    meta: { handlesError: true },
    onSuccess: (r) => {
      message.success(`${TITLES[dialog!].replace(/^新建下级组织$/, '新建')}成功`);
      queryClient.invalidateQueries({ queryKey: ['orgs'] });
      queryClient.invalidateQueries({ queryKey: ['people'] });
      if (dialog === 'create_child' && r?.id) navigate(`/orgs?id=${r.id}`, { replace: true });
      if (dialog === 'dissolve' || dialog === 'merge')
        navigate(`/orgs?id=${org.parentId ?? ''}`, { replace: true });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });

  if (!dialog) return null;
  const childTypes = ORG_TYPES.filter((t) => canContain(org.type, t));
  const excluded = descendantsOf(org.id, all);
  const initial: Values =
    dialog === 'update'
      ? {
          name: org.name,
          code: org.code,
          establishedOn: fromDateString(org.establishedOn),
          isJoint: org.isJoint,
          isTemporary: org.isTemporary,
          isRetiree: org.isRetiree,
          hasCommittee: org.hasCommittee,
        }
      : dialog === 'create_child'
        ? { type: childTypes[childTypes.length - 1], establishedOn: today() }
        : { on: today() };
  const canMoveTo = (o: OrgItem) =>
    !excluded.has(o.id) && o.id !== org.parentId && !o.dissolvedOn && canContain(o.type, org.type);
  const noMoveTarget = dialog === 'move' && !all.some(canMoveTo);
  const showFlags = dialog === 'update' ? org.type === 'branch' : type === 'branch';
  const date = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${TITLES[dialog]}：${org.name}`}
      okText={OK_TEXT[dialog]}
      okButtonProps={{
        loading: run.isPending,
        danger: dialog === 'dissolve' || dialog === 'merge',
        disabled: noMoveTarget,
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => run.mutate(v)}>
        {dialog === 'create_child' && (
          <Form.Item name="type" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
            <Select options={childTypes.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))} />
          </Form.Item>
        )}
        {(dialog === 'create_child' || dialog === 'update') && (
          <>
            <Form.Item
              name="name"
              label="名称"
              rules={[
                { required: true, message: '请输入名称' },
                { max: 100, message: '不能超过 100 个字符' },
              ]}
            >
              <Input placeholder={PLACEHOLDERS[(dialog === 'update' ? org.type : type) ?? 'branch']} />
            </Form.Item>
            <Form.Item
              name="code"
              label="编码"
              extra={dialog === 'create_child' ? '留空则自动编码' : undefined}
              rules={[{ pattern: /^[A-Za-z0-9-]*$/, message: '只能包含字母、数字和连字符' }]}
            >
              <Input />
            </Form.Item>
            {date('establishedOn', '成立日期')}
            {showFlags && (
              <Flex gap={12} wrap>
                <Form.Item name="isJoint" valuePropName="checked" noStyle>
                  <Checkbox>联合党支部</Checkbox>
                </Form.Item>
                <Form.Item name="isTemporary" valuePropName="checked" noStyle>
                  <Checkbox>临时党支部</Checkbox>
                </Form.Item>
                <Form.Item name="isRetiree" valuePropName="checked" noStyle>
                  <Checkbox>离退休党支部</Checkbox>
                </Form.Item>
                <Form.Item name="hasCommittee" valuePropName="checked" noStyle>
                  <Checkbox>设支部委员会</Checkbox>
                </Form.Item>
              </Flex>
            )}
          </>
        )}
        {dialog === 'move' && (
          <>
            {noMoveTarget && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title="您的管理范围内没有其他可作为上级的组织；跨党总支调整请联系党委组织部。"
              />
            )}
            <Form.Item
              name="parentId"
              label="新的上级组织"
              rules={[{ required: true, message: '请选择上级组织' }]}
            >
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={orgSelectTree(all, canMoveTo)}
                treeDefaultExpandAll={all.length < 40}
                placeholder="选择新的上级"
              />
            </Form.Item>
            {date('on', '生效日期')}
            <Typography.Paragraph type="secondary">
              此前的隶属关系会保留在历史中，过去的记录仍归属当时的组织。
            </Typography.Paragraph>
          </>
        )}
        {dialog === 'merge' && (
          <>
            <Form.Item
              name="targetId"
              label="并入的党支部"
              rules={[{ required: true, message: '请选择目标党支部' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择目标党支部"
                options={all
                  .filter((o) => o.type === 'branch' && o.id !== org.id && !o.dissolvedOn)
                  .map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
            {date('on', '合并日期')}
            <Alert
              type="warning"
              showIcon
              title={`合并后，${org.name}的全部人员转入目标党支部，本支部随之撤销。`}
            />
          </>
        )}
        {dialog === 'dissolve' && (
          <>
            {date('on', '撤销日期')}
            <Alert
              type="warning"
              showIcon
              title="撤销后该组织不再出现在组织树中；仍有在册人员或下级组织时，请先转出或合并。"
            />
          </>
        )}
      </Form>
    </Modal>
  );
}
