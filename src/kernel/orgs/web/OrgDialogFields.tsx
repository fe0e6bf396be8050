import { Alert, Checkbox, DatePicker, Flex, Form, Input, Select, TreeSelect, Typography } from 'antd';
import type { OrgItem } from '../contract';
import { canContain, ORG_TYPES, type OrgType } from '../rules';
import { byPinyin, ORG_TYPE_LABELS, orgSelectTree } from './hooks';

/** The fields of each organization dialog (OrgDialogs.tsx holds the dialog and its request). */

const PLACEHOLDERS: Record<string, string> = {
  committee: '如：海拉尔车务段党委',
  general_branch: '如：海拉尔站党总支',
  branch: '如：海拉尔站运转一班党支部',
  party_group: '如：第一党小组',
};

export function DateField({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** A new organization under this one, or this one's own record: type, name, code, founding, flags. */
export function OrgRecordFields({
  dialog,
  org,
  type,
}: {
  dialog: 'create_child' | 'update';
  org: OrgItem;
  type: OrgType | undefined;
}) {
  const childTypes = ORG_TYPES.filter((t) => canContain(org.type, t));
  const showFlags = dialog === 'update' ? org.type === 'branch' : type === 'branch';
  return (
    <>
      {dialog === 'create_child' && (
        <Form.Item name="type" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
          <Select options={childTypes.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))} />
        </Form.Item>
      )}
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
      <DateField name="establishedOn" label="成立日期" />
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
  );
}

export function MoveFields({
  all,
  canMoveTo,
  noTarget,
}: {
  all: OrgItem[];
  canMoveTo: (o: OrgItem) => boolean;
  noTarget: boolean;
}) {
  return (
    <>
      {noTarget && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="您的管理范围内没有其他可作为上级的组织；跨党总支调整请联系党委组织部。"
        />
      )}
      <Form.Item name="parentId" label="新的上级组织" rules={[{ required: true, message: '请选择上级组织' }]}>
        <TreeSelect
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeData={orgSelectTree(all, canMoveTo)}
          treeDefaultExpandAll={all.length < 40}
          placeholder="选择新的上级"
        />
      </Form.Item>
      <DateField name="on" label="生效日期" />
      <Typography.Paragraph type="secondary">
        此前的隶属关系会保留在历史中，过去的记录仍归属当时的组织。
      </Typography.Paragraph>
    </>
  );
}

/** The branch to merge into: the other active branches in sight, by name in pinyin order. */
export function MergeFields({ org, all }: { org: OrgItem; all: OrgItem[] }) {
  const targets = all
    .filter((o) => o.type === 'branch' && o.id !== org.id && !o.dissolvedOn)
    .sort((a, b) => byPinyin(a.name, b.name));
  return (
    <>
      <Form.Item
        name="targetId"
        label="并入的党支部"
        rules={[{ required: true, message: '请选择目标党支部' }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择目标党支部"
          options={targets.map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <DateField name="on" label="合并日期" />
      <Alert
        type="warning"
        showIcon
        title={`合并后，${org.name}的全部人员转入目标党支部，本支部随之撤销。`}
      />
    </>
  );
}
