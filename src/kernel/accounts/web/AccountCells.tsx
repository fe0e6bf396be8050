import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Flex, Modal, Popconfirm, Tag, Typography } from 'antd';
import { type AccountItem, ROLE_LABELS } from '../contract';
import type { Dialog } from './AccountDialog';

/** What a row offers comes from the account's `actions`, as the server decided them. */

export function StatusTag({ a }: { a: AccountItem }) {
  if (a.disabled) return <Tag color="default">已停用</Tag>;
  if (a.locked) return <Tag color="orange">已锁定</Tag>;
  return <Tag color="green">正常</Tag>;
}

export function RoleTags({
  a,
  onRevoke,
}: {
  a: AccountItem;
  onRevoke: (roleId: string) => Promise<unknown>;
}) {
  return (
    <Flex gap={4} wrap>
      {a.adminRole && <Tag color="purple">{ROLE_LABELS[a.adminRole] ?? a.adminRole}</Tag>}
      {a.roles.map((r) => (
        <Tag
          key={r.id}
          color="red"
          style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
          closable={a.actions.includes('revoke_role')}
          onClose={(e) => {
            e.preventDefault();
            Modal.confirm({
              title: '收回角色',
              content: `确定收回 ${a.displayName} 在“${r.orgName}”的${ROLE_LABELS[r.role] ?? r.role}角色吗？`,
              okText: '收回',
              okButtonProps: { danger: true },
              onOk: () => onRevoke(r.id),
            });
          }}
        >
          {ROLE_LABELS[r.role] ?? r.role}（{r.orgName}）
        </Tag>
      ))}
      {!a.adminRole && !a.roles.length && <Typography.Text type="secondary">无角色</Typography.Text>}
    </Flex>
  );
}

export function AccountButtons({
  a,
  onDialog,
  onToggle,
}: {
  a: AccountItem;
  onDialog: (d: Dialog) => void;
  onToggle: () => Promise<unknown>;
}) {
  return (
    <Flex gap={4} wrap>
      {!a.actions.some((x) => x !== 'revoke_role') && <Typography.Text type="secondary">—</Typography.Text>}
      {a.actions.includes('grant_role') && (
        <Button
          size="small"
          icon={<SafetyOutlined />}
          onClick={() => onDialog({ kind: 'grant', account: a })}
        >
          授予角色
        </Button>
      )}
      {a.actions.includes('reset_password') && (
        <Button size="small" icon={<KeyOutlined />} onClick={() => onDialog({ kind: 'reset', account: a })}>
          重置密码
        </Button>
      )}
      {a.actions.includes('disable') && (
        <Popconfirm
          title={a.disabled ? `启用 ${a.displayName}？` : `停用 ${a.displayName}？停用后立即不能登录。`}
          okText={a.disabled ? '启用' : '停用'}
          okButtonProps={{ danger: !a.disabled }}
          onConfirm={onToggle}
        >
          <Button size="small" danger={!a.disabled}>
            {a.disabled ? '启用' : '停用'}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );
}
