import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Select, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { type OrgOption, OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { dayjs, fromDateString, toDateString } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { Violation, ViolationList as ViolationPage } from '../contract';
import { ABILITY, TALK_STATUS } from './model';
import { useViolationMeta } from './useViolationMeta';

export function TalkStatusTag({ talk }: { talk: Violation['talk'] }) {
  if (!talk) return null;
  const s = TALK_STATUS[talk.status];
  return <Tag color={s.color}>{s.label}</Tag>;
}

const talkPath = (r: Violation) => `/talks/new?violationId=${r.id}&personId=${r.personId}`;

const columns: ResponsiveColumn<Violation>[] = [
  { title: '日期', dataIndex: 'occurredOn', width: 110, mobile: 'meta' },
  {
    title: '姓名',
    dataIndex: 'personName',
    width: 110,
    mobile: 'title',
    render: (v: string, r) => (
      <Flex gap={4} align="center">
        <Link to={`/safety/violations/${r.id}`}>{v}</Link>
        {r.wasMember && <Tag color="red">党员</Tag>}
      </Flex>
    ),
  },
  { title: '党支部', dataIndex: 'orgName', ellipsis: true, mobile: 'meta' },
  {
    title: '岗位',
    dataIndex: 'post',
    width: 100,
    ellipsis: true,
    mobile: 'meta',
    render: (v: string | null) => v ?? '—',
  },
  { title: '类型', dataIndex: 'kindLabel', width: 70, mobile: 'meta' },
  { title: '类别', dataIndex: 'categoryName', ellipsis: true, mobile: 'meta' },
  { title: '等级', dataIndex: 'severityName', width: 110, mobile: 'meta' },
  { title: '情况', dataIndex: 'description', ellipsis: true },
  { title: '来源', dataIndex: 'sourceLabel', width: 90, mobile: 'hidden' },
  {
    title: '谈话',
    dataIndex: 'talk',
    width: 120,
    mobile: 'hidden',
    render: (t: Violation['talk'], r) =>
      r.actions.includes('record_talk') ? (
        <Link to={talkPath(r)}>
          <TalkStatusTag talk={t} />
          记录
        </Link>
      ) : (
        <TalkStatusTag talk={t} />
      ),
  },
  // On a phone the talk's status sits beside the name; recording it is the card's button.
  {
    title: '谈话状态',
    key: 'talkStatus',
    hidden: true,
    mobile: 'extra',
    render: (_: unknown, r) => <TalkStatusTag talk={r.talk} />,
  },
];

// Party groups hold no violations of their own.
const notPartyGroup = (o: OrgOption) => o.type !== 'party_group';

export default function ViolationList() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const manager = can(me, ABILITY.board);
  const meta = useViolationMeta();
  const { filters, setFilters, page, pageSize, setPage, active } = useUrlFilters({
    orgId: undefined as string | undefined,
    from: undefined as string | undefined,
    to: undefined as string | undefined,
    // Links from the assessment pages give a whole year.
    year: undefined as string | undefined,
    category: undefined as string | undefined,
  });
  const { year } = filters;
  const shown = {
    orgId: filters.orgId,
    from: filters.from ?? (year ? `${year}-01-01` : undefined),
    to: filters.to ?? (year ? `${year}-12-31` : undefined),
    category: filters.category,
  };
  const list = useQuery({
    queryKey: ['violations', 'list', shown, page, pageSize],
    queryFn: () => api<ViolationPage>('/violations', { query: { ...shown, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const recorder = can(me, ABILITY.recordViolation);
  const recordButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/safety/violations/new')}>
      录入
    </Button>
  );
  return (
    <Page
      title="两违记录"
      extra={
        <>
          {recorder && recordButton}
          {manager && (
            <ExportButton
              path="/violations/export"
              query={shown}
              filename="违章违纪台账.xlsx"
              label="导出台账"
            />
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          {manager && (
            <OrgTreeSelect
              placeholder="组织（含下级）"
              prefillSingle={false}
              filter={notPartyGroup}
              style={{ width: mobile ? '100%' : 240 }}
              value={filters.orgId}
              onChange={(orgId) => setFilters({ orgId })}
            />
          )}
          <DatePicker.RangePicker
            style={{ width: mobile ? '100%' : 260 }}
            value={[fromDateString(shown.from), fromDateString(shown.to)]}
            onChange={(r) =>
              setFilters({
                from: toDateString(r?.[0] ?? null) ?? undefined,
                to: toDateString(r?.[1] ?? null) ?? undefined,
                year: undefined,
              })
            }
            presets={[
              { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
              { label: '本年', value: [dayjs().startOf('year'), dayjs()] },
            ]}
          />
          <Select
            allowClear
            placeholder="类别"
            style={{ width: mobile ? '100%' : 200 }}
            value={filters.category}
            options={(meta.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            onChange={(category) => setFilters({ category })}
          />
        </Flex>
      </Card>
      <ResponsiveList
        rowKey="id"
        columns={columns}
        {...pagedListProps(list, { page, pageSize, setPage })}
        tableProps={{ size: 'small' }}
        empty={
          active
            ? '这段时间、这个范围内没有符合条件的违章违纪记录，请调整筛选条件'
            : '范围内还没有违章违纪记录'
        }
        emptyAction={!active && recorder ? recordButton : undefined}
        onOpen={(r) => navigate(`/safety/violations/${r.id}`)}
        cardActions={(r) =>
          r.actions.includes('record_talk') ? (
            <Button block onClick={() => navigate(talkPath(r))}>
              记录谈话
            </Button>
          ) : null
        }
      />
    </Page>
  );
}
