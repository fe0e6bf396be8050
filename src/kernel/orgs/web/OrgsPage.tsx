import { Col, Empty, Flex, Row, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { useIsMobile } from '../../../web/useIsMobile';
import { useOrgsOn } from './hooks';
import { OrgDetailCard } from './OrgDetailCard';
import { OrgTypeTags } from './OrgTags';
import { OrgTreeCard } from './OrgTreeCard';
import { PastOrgCard } from './PastOrgCard';

export { OrgTypeTags };

/** The organization page: the tree on the left, the chosen organization (today or on a past day) on the right. */
export default function OrgsPage() {
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const on = params.get('on');
  const orgs = useOrgsOn(on);
  const select = (id: string | undefined, date: string | null) =>
    setParams({ ...(id ? { id } : {}), ...(date ? { on: date } : {}) }, { replace: true });
  const detailRef = useRef<HTMLDivElement>(null);
  const all = orgs.data ?? [];
  const wanted = params.get('id');
  // On a past date the organization asked for may not have existed yet: fall back to the first root.
  const selected = wanted && (!on || all.some((o) => o.id === wanted)) ? wanted : all[0]?.id;
  const pastSelected = on ? all.find((o) => o.id === selected) : undefined;

  useEffect(() => {
    if (mobile && params.get('id')) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [mobile, params]);

  if (orgs.isPending) return <Loading />;
  if (!all.length && !on) {
    return (
      <Page title="组织">
        <Empty description="您的范围内没有可查看的党组织" />
      </Page>
    );
  }
  const branches = all.filter((o) => o.type === 'branch');
  const warned = branches.filter((o) => o.warnings.length).length;

  return (
    <Page
      title="组织"
      extra={
        <Flex gap={12} align="center" wrap>
          <Typography.Text type="secondary">
            {branches.length} 个党支部{warned ? `，${warned} 个需关注` : ''}
          </Typography.Text>
          <Link to="/orgs/terms">委员会换届</Link>
        </Flex>
      }
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={11} xl={10}>
          <OrgTreeCard all={all} on={on} selected={selected} select={select} />
        </Col>
        <Col xs={24} lg={13} xl={14} ref={detailRef}>
          {selected && on && pastSelected ? (
            <PastOrgCard org={pastSelected} all={all} on={on} onToday={() => select(selected, null)} />
          ) : selected && !on ? (
            <OrgDetailCard key={selected} id={selected} all={all} />
          ) : (
            <Empty description="在左侧选择一个组织查看详情" />
          )}
        </Col>
      </Row>
    </Page>
  );
}
