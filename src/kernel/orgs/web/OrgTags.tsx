import { Tag, Tooltip } from 'antd';
import type { OrgItem } from '../contract';
import { ORG_TYPE_LABELS } from '../rules';

/** How an organization is marked wherever it is shown: its type and flags, its warnings, its head count. */

const TYPE_COLORS: Record<string, string> = {
  committee: 'red',
  general_branch: 'volcano',
  branch: 'gold',
  party_group: 'blue',
};

export function OrgTypeTags({ org }: { org: OrgItem }) {
  return (
    <>
      <Tag color={TYPE_COLORS[org.type]} style={{ marginInlineEnd: 4 }}>
        {ORG_TYPE_LABELS[org.type]}
      </Tag>
      {org.isJoint && <Tag style={{ marginInlineEnd: 4 }}>联合</Tag>}
      {org.isTemporary && <Tag style={{ marginInlineEnd: 4 }}>临时</Tag>}
      {org.isRetiree && <Tag style={{ marginInlineEnd: 4 }}>离退休</Tag>}
      {org.dissolvedOn && <Tag style={{ marginInlineEnd: 4 }}>已撤销</Tag>}
    </>
  );
}

export const people = (n: number | null) => (n === null ? '—' : `${n} 人`);

/** The 需关注 mark of an organization with warnings, the warnings in its tooltip. */
export function WarningTag({ warnings }: { warnings: OrgItem['warnings'] }) {
  return (
    <Tooltip title={warnings.map((w) => w.message).join('；')}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        需关注
      </Tag>
    </Tooltip>
  );
}
