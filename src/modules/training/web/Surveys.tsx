import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Flex, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { pagedListProps, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { SurveyItem } from '../contract';
import { ABILITY } from './model';

/** 需求调查: the surveys the caller issued (or oversees) and those they are to answer. */
export default function Surveys() {
  const me = useMe();
  const navigate = useNavigate();
  const issuer = can(me, ABILITY.issueSurvey);
  const { page, pageSize, setPage } = useUrlFilters({});
  const list = useQuery({
    queryKey: ['training', 'surveys', page, pageSize],
    queryFn: () =>
      api<{ items: SurveyItem[]; total: number }>('/training/surveys', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title="需求调查"
      extra={
        issuer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/training/surveys/new')}>
            发起需求调查
          </Button>
        )
      }
    >
      <ResponsiveList<SurveyItem>
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        onOpen={(s) => navigate(`/training/surveys/${s.id}`)}
        empty={
          issuer
            ? '还没有需求调查：向下级支部或党员征集培训需求，再按需求最多的主题办班'
            : '目前没有需要您填写的培训需求调查'
        }
        columns={[
          {
            title: '调查',
            dataIndex: 'title',
            mobile: 'title',
            render: (v: string, r) => <Link to={`/training/surveys/${r.id}`}>{v}</Link>,
          },
          {
            title: '状态',
            key: 'state',
            mobile: 'extra',
            width: 150,
            render: (_, s) => (
              <Flex gap={4} wrap>
                <Tag color={s.open ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {s.open ? '进行中' : '已截止'}
                </Tag>
                {s.actions.includes('answer') && (
                  <Tag color={s.answered ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                    {s.answered ? '已填写' : '待填写'}
                  </Tag>
                )}
              </Flex>
            ),
          },
          { title: '发起', dataIndex: 'orgName', mobile: 'meta', ellipsis: true },
          { title: '对象', dataIndex: 'audienceLabel', mobile: 'meta', width: 120 },
          { title: '截止', dataIndex: 'deadline', mobile: 'meta', width: 110 },
          {
            title: '已收到',
            dataIndex: 'answerCount',
            width: 90,
            render: (n: number, s) => (s.actions.includes('results') ? `${n} 份` : '—'),
          },
        ]}
      />
    </Page>
  );
}
