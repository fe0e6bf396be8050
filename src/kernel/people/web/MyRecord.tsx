import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDateCn } from '../../../web/format';
import { useMe } from '../../../web/session';
import { type PersonDetail, postOf, STANDING_LABELS } from './model';
import { PersonFlags, StatusTag } from './PeopleList';

/** The home page of a member: their own record, in a few lines. */
export default function MyRecord() {
  const me = useMe();
  const navigate = useNavigate();
  const self = me.user.personId;
  const person = useQuery({
    queryKey: ['people', 'detail', self],
    queryFn: () => api<PersonDetail>(`/people/${self}`),
    enabled: Boolean(self),
  });
  if (!self) {
    return (
      <Page title="首页">
        <Empty description="您的账号还没有关联人员档案，请联系本支部书记或党委组织部。" />
      </Page>
    );
  }
  if (person.isPending) return <Loading />;
  const p = person.data;
  if (!p) return <Empty description="暂时无法读取您的档案，请稍后刷新重试" />;
  return (
    <Page title={`您好，${p.name}`}>
      <Card
        size="small"
        title={
          <Flex gap={8} align="center" wrap>
            我的档案 <StatusTag status={p.partyStatus} />
            <PersonFlags p={p} />
          </Flex>
        }
        extra={
          <Button type="link" onClick={() => navigate(`/people/${p.id}`)}>
            查看全部
          </Button>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'org', label: '所在党支部', children: p.orgName },
            { key: 'group', label: '所在党小组', children: p.partyGroupName ?? '—' },
            { key: 'post', label: '岗位', children: postOf(p) ?? '—' },
            { key: 'joined', label: '加入党组织日期', children: fmtDateCn(p.joinedPartyOn) },
            { key: 'full', label: '转为正式党员日期', children: fmtDateCn(p.fullMemberOn) },
            { key: 'standing', label: '党籍状态', children: STANDING_LABELS[p.standing] ?? p.standing },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          信息有误？请联系本支部书记更正。
        </Typography.Text>
      </Card>
    </Page>
  );
}
