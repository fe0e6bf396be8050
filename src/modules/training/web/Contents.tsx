import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Progress, Segmented, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { pagedListProps, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { ContentItem } from '../contract';
import { ABILITY, hoursText } from './model';

/** What a member sees of an item: finished, in progress, or not opened; red when required and overdue. */
function MyState({ c }: { c: ContentItem }) {
  if (!c.my) return null;
  if (c.my.finishedOn)
    return (
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        已完成
      </Tag>
    );
  const overdue = c.required && c.dueOn && c.dueOn < today().format('YYYY-MM-DD');
  return (
    <Tag color={overdue ? 'red' : c.my.openedAt ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
      {overdue
        ? '已逾期'
        : c.my.openedAt
          ? `学习中 ${Math.round((100 * c.my.seconds) / (c.minutes * 60))}%`
          : '未学习'}
    </Tag>
  );
}

/** 网上学习: articles, documents and videos published to the caller's branch or by the organizations they manage. */
export default function Contents() {
  const me = useMe();
  const navigate = useNavigate();
  const manager = can(me, ABILITY.organize);
  const { filters, setFilters, page, pageSize, setPage, active } = useUrlFilters({
    required: '',
    status: '',
  });
  const query = { required: filters.required || undefined, status: filters.status || undefined };
  const list = useQuery({
    queryKey: ['training', 'contents', query, page, pageSize],
    queryFn: () =>
      api<{ items: ContentItem[]; total: number }>('/training/contents', {
        query: { ...query, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title="网上学习"
      extra={
        manager && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/training/contents/new')}>
            发布学习内容
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Segmented
            value={filters.required}
            onChange={(v) => setFilters({ required: String(v) })}
            options={[
              { value: '', label: '全部' },
              { value: 'true', label: '必学' },
              { value: 'false', label: '选学' },
            ]}
          />
          {me.user.personId && (
            <Segmented
              value={filters.status}
              onChange={(v) => setFilters({ status: String(v) })}
              options={[
                { value: '', label: '不限' },
                { value: 'todo', label: '未完成' },
                { value: 'done', label: '已完成' },
              ]}
            />
          )}
        </Flex>
      </Card>
      <ResponsiveList<ContentItem>
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        onOpen={(c) => navigate(`/training/contents/${c.id}`)}
        empty={
          active
            ? '没有符合条件的学习内容'
            : manager
              ? '还没有发布学习内容：发布后，范围内党员在这里学习，学完记入学时'
              : '本支部还没有收到学习内容'
        }
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            mobile: 'title',
            render: (v: string, r) => <Link to={`/training/contents/${r.id}`}>{v}</Link>,
          },
          {
            title: '状态',
            key: 'state',
            mobile: 'extra',
            width: 150,
            render: (_, c) => (
              <Flex gap={4} wrap>
                {c.required && (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    必学
                  </Tag>
                )}
                <MyState c={c} />
              </Flex>
            ),
          },
          { title: '类型', dataIndex: 'kindLabel', mobile: 'meta', width: 80 },
          {
            title: '时长',
            dataIndex: 'minutes',
            mobile: 'meta',
            width: 80,
            render: (m: number) => `${m} 分钟`,
          },
          {
            title: '学时',
            dataIndex: 'hours',
            mobile: 'meta',
            width: 70,
            render: (h: number) => `${hoursText(h)} 学时`,
          },
          {
            title: '期限',
            dataIndex: 'dueOn',
            width: 110,
            render: (d: string | null) => (d ? `${d} 前` : '—'),
          },
          {
            title: '发布',
            key: 'pub',
            width: 200,
            ellipsis: true,
            render: (_, c) => `${c.orgName} · ${c.publishedOn}`,
          },
          {
            title: '完成情况',
            key: 'stats',
            width: 150,
            mobile: manager ? 'line' : 'hidden',
            render: (_, c) =>
              c.stats ? (
                <Progress
                  size="small"
                  percent={c.stats.audience ? Math.round((100 * c.stats.finished) / c.stats.audience) : 0}
                  format={() => `${c.stats?.finished}/${c.stats?.audience}`}
                />
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Page>
  );
}
