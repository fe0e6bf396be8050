import { Button, Card, Descriptions, Flex } from 'antd';
import { fmtDate } from '../../../web/format';
import type { OrgItem } from '../contract';
import { ORG_TYPE_LABELS } from '../rules';
import { OrgTypeTags, people } from './OrgTags';

/** An organization as it was on a date: where it hung and how many people it had, nothing to act on. */
export function PastOrgCard({
  org,
  all,
  on,
  onToday,
}: {
  org: OrgItem;
  all: OrgItem[];
  on: string;
  onToday: () => void;
}) {
  const parent = all.find((x) => x.id === org.parentId);
  const children = all.filter((x) => x.parentId === org.id);
  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center" wrap style={{ padding: '6px 0' }}>
          <span style={{ whiteSpace: 'normal' }}>{org.name}</span>
          <OrgTypeTags org={{ ...org, dissolvedOn: null }} />
        </Flex>
      }
      extra={
        <Button type="link" size="small" onClick={onToday}>
          查看当前
        </Button>
      }
    >
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'on', label: '日期', children: fmtDate(on) },
          { key: 'type', label: '类型', children: ORG_TYPE_LABELS[org.type] },
          { key: 'parent', label: '当日上级组织', children: parent?.name ?? '—' },
          { key: 'est', label: '成立日期', children: fmtDate(org.establishedOn) },
          { key: 'members', label: '当日党员（含下级）', children: people(org.memberCount) },
          {
            key: 'split',
            label: '正式 / 预备',
            children:
              org.fullMemberCount === null ? '—' : `${org.fullMemberCount} / ${org.probationaryCount}`,
          },
          { key: 'employees', label: '当日在册职工（含下级）', children: people(org.employeeCount) },
          { key: 'children', label: '当日下级组织', children: `${children.length} 个` },
          ...(org.dissolvedOn
            ? [{ key: 'dis', label: '后于', children: `${fmtDate(org.dissolvedOn)} 撤销` }]
            : []),
        ]}
      />
    </Card>
  );
}
