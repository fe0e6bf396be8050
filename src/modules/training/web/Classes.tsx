import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { pagedListProps, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { ClassItem } from '../contract';
import { PARTICIPANT_STATUS_LABELS } from '../rules';
import { ABILITY, hoursText } from './model';

export const PHASE: Record<ClassItem['phase'], { label: string; color: string }> = {
  upcoming: { label: '未开班', color: 'blue' },
  ongoing: { label: '进行中', color: 'green' },
  ended: { label: '已结业', color: 'default' },
  cancelled: { label: '已取消', color: 'default' },
};

export const dates = (c: Pick<ClassItem, 'startsOn' | 'endsOn'>) =>
  c.startsOn === c.endsOn ? c.startsOn : `${c.startsOn} 至 ${c.endsOn}`;

/** 培训班次: the classes the caller organizes, oversees, attends or may sign up for. */
export default function Classes() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const manager = can(me, ABILITY.organize);
  const { filters, setFilters, page, pageSize, setPage, active } = useUrlFilters({
    orgId: undefined as string | undefined,
    phase: '',
    mine: manager ? '' : 'true',
  });
  const query = { orgId: filters.orgId, phase: filters.phase || undefined, mine: filters.mine || undefined };
  const list = useQuery({
    queryKey: ['training', 'classes', query, page, pageSize],
    queryFn: () =>
      api<{ items: ClassItem[]; total: number }>('/training/classes', {
        query: { ...query, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title="培训班次"
      extra={
        manager && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/training/classes/new')}>
            举办培训班
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <Segmented
            value={filters.phase}
            onChange={(v) => setFilters({ phase: String(v) })}
            options={[
              { value: '', label: '全部' },
              { value: 'upcoming', label: '未开班' },
              { value: 'ongoing', label: '进行中' },
              { value: 'ended', label: '已结业' },
            ]}
          />
          {manager && (
            <>
              <Segmented
                value={filters.mine}
                onChange={(v) => setFilters({ mine: String(v) })}
                options={[
                  { value: '', label: '管辖范围' },
                  { value: 'true', label: '我参加的' },
                ]}
              />
              <OrgTreeSelect
                placeholder="主办组织（含下级）"
                prefillSingle={false}
                style={{ width: mobile ? '100%' : 220 }}
                value={filters.orgId}
                onChange={(orgId) => setFilters({ orgId })}
                filter={(o) => o.type !== 'party_group'}
              />
            </>
          )}
        </Flex>
      </Card>
      <ResponsiveList<ClassItem>
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        onOpen={(c) => navigate(`/training/classes/${c.id}`)}
        empty={
          active
            ? '没有符合条件的培训班，请调整筛选条件'
            : manager
              ? '范围内还没有培训班。可以从需求调查的主题办班，或点“举办培训班”'
              : '暂时没有安排您参加的培训班，主办单位指定或开放报名后会出现在这里'
        }
        columns={[
          {
            title: '班次',
            dataIndex: 'title',
            mobile: 'title',
            render: (v: string, r) => <Link to={`/training/classes/${r.id}`}>{v}</Link>,
          },
          {
            title: '状态',
            dataIndex: 'phase',
            mobile: 'extra',
            width: 150,
            render: (p: ClassItem['phase'], r) => (
              <Flex gap={4} wrap>
                <Tag color={PHASE[p].color} style={{ marginInlineEnd: 0 }}>
                  {PHASE[p].label}
                </Tag>
                {r.myStatus && r.myStatus !== 'withdrawn' && (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {PARTICIPANT_STATUS_LABELS[r.myStatus]}
                  </Tag>
                )}
                {r.phase === 'ended' && !r.attendanceRecorded && r.actions.includes('manage') && (
                  <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                    待考勤
                  </Tag>
                )}
              </Flex>
            ),
          },
          { title: '日期', key: 'dates', mobile: 'meta', width: 200, render: (_, r) => dates(r) },
          { title: '主办', dataIndex: 'orgName', mobile: 'meta', ellipsis: true },
          {
            title: '地点',
            key: 'place',
            width: 160,
            ellipsis: true,
            render: (_, r) => (r.online ? '线上' : r.place),
          },
          { title: '学时', dataIndex: 'hours', width: 64, align: 'right', render: hoursText },
          {
            title: '学员',
            key: 'people',
            width: 110,
            render: (_, r) =>
              `${r.participantCount}${r.capacity ? `/${r.capacity}` : ''} 人${r.attendanceRecorded ? `，出勤 ${r.presentCount}` : ''}`,
          },
        ]}
      />
    </Page>
  );
}
