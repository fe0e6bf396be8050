import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { pagedListProps, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { QuizItem } from '../contract';
import { ABILITY } from './model';

export function MyQuizTag({ z }: { z: QuizItem }) {
  if (!z.my) return null;
  if (z.my.passed)
    return (
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        已通过 {z.my.bestScore} 分
      </Tag>
    );
  if (z.my.attempts)
    return (
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        最高 {z.my.bestScore} 分
      </Tag>
    );
  return z.open ? (
    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
      待参加
    </Tag>
  ) : null;
}

/** 在线测试: quizzes addressed to the caller's branch, or published by the organizations they manage. */
export default function Quizzes() {
  const me = useMe();
  const navigate = useNavigate();
  const manager = can(me, ABILITY.organize);
  const { filters, setFilters, page, pageSize, setPage, active } = useUrlFilters({ status: '' });
  const query = { status: filters.status || undefined };
  const list = useQuery({
    queryKey: ['training', 'quizzes', query, page, pageSize],
    queryFn: () =>
      api<{ items: QuizItem[]; total: number }>('/training/quizzes', { query: { ...query, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title="在线测试"
      extra={
        manager && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/training/quizzes/new')}>
            发布测试
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Segmented
          value={filters.status}
          onChange={(v) => setFilters({ status: String(v) })}
          options={[
            { value: '', label: '全部' },
            { value: 'open', label: '进行中' },
            { value: 'closed', label: '已截止' },
          ]}
        />
      </Card>
      <ResponsiveList<QuizItem>
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        onOpen={(z) =>
          navigate(
            z.actions.includes('take') ? `/training/quizzes/${z.id}` : `/training/quizzes/${z.id}/results`,
          )
        }
        empty={
          active
            ? '没有符合条件的测试'
            : manager
              ? '还没有发布测试：可以从题库选题或新出试题'
              : '本支部还没有收到在线测试'
        }
        cardActions={(z) =>
          z.actions.includes('results') ? (
            <Button size="small" onClick={() => navigate(`/training/quizzes/${z.id}/results`)}>
              查看结果
            </Button>
          ) : null
        }
        columns={[
          {
            title: '测试',
            dataIndex: 'title',
            mobile: 'title',
            render: (v: string) => <Typography.Link>{v}</Typography.Link>,
          },
          {
            title: '状态',
            key: 'state',
            mobile: 'extra',
            width: 150,
            render: (_, z) => (
              <Flex gap={4} wrap>
                {!z.open && <Tag style={{ marginInlineEnd: 0 }}>已截止</Tag>}
                <MyQuizTag z={z} />
              </Flex>
            ),
          },
          {
            title: '题数',
            key: 'n',
            mobile: 'meta',
            width: 120,
            render: (_, z) => `${z.questionCount} 题${z.mode === 'random' ? '（随机抽题）' : ''}`,
          },
          {
            title: '及格',
            dataIndex: 'passScore',
            mobile: 'meta',
            width: 70,
            render: (p: number) => `${p} 分及格`,
          },
          {
            title: '限时',
            dataIndex: 'timeLimitMinutes',
            mobile: 'meta',
            width: 80,
            render: (m: number | null) => (m ? `限时 ${m} 分钟` : '不限时'),
          },
          { title: '截止', dataIndex: 'closesOn', width: 110, render: (d: string | null) => d ?? '长期' },
          {
            title: '发布',
            key: 'pub',
            width: 200,
            ellipsis: true,
            render: (_, z) => `${z.orgName} · ${z.publishedOn}`,
          },
          {
            title: '',
            key: 'results',
            width: 90,
            mobile: 'hidden',
            render: (_, z) =>
              z.actions.includes('results') ? (
                <Typography.Link
                  onClick={(e) => {
                    e.stopPropagation();
                    navigate(`/training/quizzes/${z.id}/results`);
                  }}
                >
                  查看结果
                </Typography.Link>
              ) : null,
          },
        ]}
      />
    </Page>
  );
}
