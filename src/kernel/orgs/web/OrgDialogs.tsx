import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, type FormInstance, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { fromDateString, toDateString, today } from '../../../web/format';
import type { OrgItem } from '../contract';
import { canContain, ORG_TYPES, type OrgType } from '../rules';
import { DateField, MergeFields, MoveFields, OrgRecordFields } from './OrgDialogFields';

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

export const descendantsOf = (id: string, all: OrgItem[]): Set<string> => {
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

/** The form's first values: the organization's own for an edit, a sensible default otherwise. */
function initialValues(dialog: OrgDialog, org: OrgItem): Values {
  if (dialog === 'update')
    return {
      name: org.name,
      code: org.code,
      establishedOn: fromDateString(org.establishedOn),
      isJoint: org.isJoint,
      isTemporary: org.isTemporary,
      isRetiree: org.isRetiree,
      hasCommittee: org.hasCommittee,
    };
  if (dialog === 'create_child') {
    const childTypes = ORG_TYPES.filter((t) => canContain(org.type, t));
    return { type: childTypes[childTypes.length - 1], establishedOn: today() };
  }
  return { on: today() };
}

/** Where an organization may be moved: not into itself or below, not where it is, only where its type fits. */
const moveTargets = (org: OrgItem, all: OrgItem[]) => {
  const excluded = descendantsOf(org.id, all);
  return (o: OrgItem) =>
    !excluded.has(o.id) && o.id !== org.parentId && !o.dissolvedOn && canContain(o.type, org.type);
};

/** Runs the dialog's request; on success refreshes the tree and goes where the organization now is. */
function useOrgAction(
  org: OrgItem,
  dialog: OrgDialog | null,
  form: FormInstance<Values>,
  onClose: () => void,
) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return useMutation({
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
}

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
  const type = Form.useWatch('type', form) as OrgType | undefined;
  const run = useOrgAction(org, dialog, form, onClose);
  if (!dialog) return null;
  const canMoveTo = moveTargets(org, all);
  const noMoveTarget = dialog === 'move' && !all.some(canMoveTo);

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
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues(dialog, org)}
        onFinish={(v) => run.mutate(v)}
      >
        {(dialog === 'create_child' || dialog === 'update') && (
          <OrgRecordFields dialog={dialog} org={org} type={type} />
        )}
        {dialog === 'move' && <MoveFields all={all} canMoveTo={canMoveTo} noTarget={noMoveTarget} />}
        {dialog === 'merge' && <MergeFields org={org} all={all} />}
        {dialog === 'dissolve' && (
          <>
            <DateField name="on" label="撤销日期" />
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
