import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import { today } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { Overview as Answer, OverviewRow } from '../contract';
import { ORG_LIFE_STATUS, pctText, starText } from './model';
import { OverviewPrint } from './OverviewPrint';
import { usePaged } from './parts';
import './print.css';

const off = <Typography.Text type="secondary">未启用</Typography.Text>;

/** The columns, each figure a link to the records behind it. */
function columns(o: Answer): ResponsiveColumn<OverviewRow>[] {
  return [
    {
      title: '党支部',
      key: 'org',
      mobile: 'title',
      width: 200,
      fixed: 'left',
      render: (_, r) => (
        <div>
          <Link to={r.branchLink}>{r.orgName}</Link>
          {o.org.type === 'committee' && r.parentName && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.parentName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '党员',
      dataIndex: 'members',
      mobile: 'meta',
      width: 60,
      align: 'right',
      render: (v: number, r) => <Link to={`/people?orgId=${r.orgId}`}>{v} 人</Link>,
    },
    {
      title: '督办在办',
      key: 'tasks',
      width: 120,
      render: (_, r) =>
        !r.tasks.available ? (
          off
        ) : (
          <Link to={r.tasks.link}>
            待回复 {r.tasks.owed}
            {r.tasks.overdue > 0 && (
              <Tag color="red" style={{ marginInlineStart: 4 }}>
                逾期 {r.tasks.overdue}
              </Tag>
            )}
            {r.tasks.awaitingReview > 0 && <span>，待审 {r.tasks.awaitingReview}</span>}
          </Link>
        ),
    },
    {
      title: '整改',
      key: 'rect',
      width: 120,
      render: (_, r) =>
        !r.rectifications.available ? (
          off
        ) : (
          <Link to={r.rectifications.link}>
            未完成 {r.rectifications.open}
            {r.rectifications.overdue > 0 && (
              <Tag color="red" style={{ marginInlineStart: 4 }}>
                逾期 {r.rectifications.overdue}
              </Tag>
            )}
          </Link>
        ),
    },
    {
      title: `组织生活（${o.period.label}）`,
      key: 'life',
      width: 170,
      render: (_, r) => (
        <Link to={r.orgLife.link}>
          已开 {r.orgLife.held}/{r.orgLife.due}
          {r.orgLife.status ? (
            <Tag color={ORG_LIFE_STATUS[r.orgLife.status].color} style={{ marginInlineStart: 4 }}>
              {ORG_LIFE_STATUS[r.orgLife.status].label}
            </Tag>
          ) : (
            <Typography.Text type="secondary">（尚无到期）</Typography.Text>
          )}
        </Link>
      ),
    },
    {
      title: '安全',
      key: 'safety',
      width: 150,
      render: (_, r) => (
        <Link to={r.safety.link}>
          {r.safety.flagged && <Tag color="red">超预警线</Tag>}违章 {r.safety.memberViolations}
          {r.safety.overdueTalks > 0 && <span>，谈话逾期 {r.safety.overdueTalks}</span>}
        </Link>
      ),
    },
    {
      title: '最近考核',
      key: 'assessment',
      width: 130,
      render: (_, r) =>
        r.assessment ? (
          <Link to={r.assessment.link} title={r.assessment.roundName}>
            {pctText(r.assessment.percent)} {r.assessment.stars ? starText(r.assessment.stars) : ''}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.assessment.periodLabel}
            </Typography.Text>
          </Link>
        ) : (
          <Typography.Text type="secondary">暂无</Typography.Text>
        ),
    },
    {
      title: '需关注',
      key: 'concerns',
      mobile: 'line',
      render: (_, r) =>
        r.concerns.length ? (
          <Flex gap={4} wrap>
            {r.concerns.map((c) => (
              <Tag key={c} color="orange" style={{ marginInlineEnd: 0 }}>
                {c}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
}

/** The scope's totals, each a link to the owning module's list for the whole scope. */
function Figures({ o }: { o: Answer }) {
  const t = o.totals;
  const scope = `orgId=${o.org.id}`;
  const quarter = `year=${o.period.year}&quarter=${o.period.quarter}`;
  const cards: { title: string; value: string | number; color?: string; link?: string }[] = [
    { title: '党支部', value: t.branches, link: `/orgs?id=${o.org.id}` },
    { title: '需关注', value: t.needFollowUp, color: t.needFollowUp ? '#cf1322' : undefined },
    {
      title: '督办待回复 / 逾期',
      value: `${t.tasksOwed} / ${t.tasksOverdue}`,
      color: t.tasksOverdue ? '#cf1322' : undefined,
      link: `/tasks/board?${scope}`,
    },
    {
      title: '整改未完成 / 逾期',
      value: `${t.rectificationsOpen} / ${t.rectificationsOverdue}`,
      color: t.rectificationsOverdue ? '#cf1322' : undefined,
      link: `/rectifications?${scope}&status=open`,
    },
    {
      title: '组织生活缺项较多',
      value: t.orgLifeRed,
      color: t.orgLifeRed ? '#d48806' : undefined,
      link: `/meetings/compliance?${scope}&${quarter}`,
    },
    {
      title: '安全超预警线',
      value: t.safetyFlagged,
      color: t.safetyFlagged ? '#cf1322' : undefined,
      link: `/safety/violations?${scope}&year=${o.period.year}`,
    },
  ];
  return (
    <Row gutter={[8, 8]}>
      {cards.map((c) => {
        const stat = (
          <Statistic title={c.title} value={c.value} styles={{ content: { color: c.color, fontSize: 22 } }} />
        );
        return (
          <Col key={c.title} xs={12} md={8} xl={4}>
            <Card size="small" hoverable={!!c.link}>
              {c.link ? (
                <Link
                  to={c.link}
                  aria-label={`${c.title}：查看记录`}
                  style={{ display: 'block', color: 'inherit' }}
                >
                  {stat}
                </Link>
              ) : (
                stat
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

/** 党建工作总览: the committee's or a general branch's branches side by side, those needing follow-up first. */
export default function Overview() {
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const thisYear = today().year();
  const query = {
    orgId: params.get('orgId') ?? undefined,
    year: Number(params.get('year')) || undefined,
    quarter: Number(params.get('quarter')) || undefined,
  };
  const data = useQuery({
    queryKey: ['assessment', 'overview', query],
    queryFn: () => api<Answer>('/assessment/overview', { query }),
  });
  const set = (k: string, v?: string | number) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, String(v));
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const o = data.data;
  const paged = usePaged(o?.rows);
  const [showNote, setShowNote] = useState(false);
  return (
    <Page
      title="党建工作总览"
      extra={
        o && (
          <div className="bl-no-print" style={{ display: 'contents' }}>
            {o.choices.length > 1 && (
              <Select
                value={o.org.id}
                style={{ width: mobile ? '100%' : 220 }}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(v) => set('orgId', v)}
                options={o.choices.map((c) => ({ value: c.id, label: c.name }))}
              />
            )}
            <Select
              value={`${o.period.year}-${o.period.quarter}`}
              style={{ width: 150 }}
              aria-label="季度"
              onChange={(v: string) => {
                const [y, q] = v.split('-');
                const next = new URLSearchParams(params);
                next.set('year', y);
                next.set('quarter', q);
                setParams(next, { replace: true });
              }}
              options={[thisYear, thisYear - 1].flatMap((y) =>
                [4, 3, 2, 1].map((q) => ({ value: `${y}-${q}`, label: `${y}年第${q}季度` })),
              )}
            />
            <ExportButton
              path="/assessment/overview/export"
              query={{ orgId: o.org.id, year: o.period.year, quarter: o.period.quarter }}
              filename={`${o.org.name}党建工作总览.xlsx`}
              label="导出Excel"
            />
            {!mobile && (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                打印
              </Button>
            )}
          </div>
        )
      }
    >
      {data.isPending ? (
        <Loading />
      ) : data.isError ? (
        <Alert type="error" title={(data.error as Error).message} />
      ) : (
        o && (
          <>
            <Flex vertical gap={12} className="bl-overview-screen">
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {o.org.name} · {o.period.label} · 数据截至 {o.today}。按需关注程度排列，便于跟进，不是排名。
                <Typography.Link onClick={() => setShowNote(!showNote)}>
                  {showNote ? '收起' : '排序依据'}
                </Typography.Link>
                {showNote && <span style={{ display: 'block' }}>{o.orderNote}</span>}
              </Typography.Paragraph>
              <Figures o={o} />
              {mobile ? (
                <ResponsiveList<OverviewRow>
                  rowKey="orgId"
                  {...paged}
                  totalText={(n) => `共 ${n} 个党支部`}
                  columns={columns(o)}
                  empty="范围内没有党支部"
                />
              ) : (
                <Table<OverviewRow>
                  rowKey="orgId"
                  size="small"
                  dataSource={o.rows}
                  columns={columns(o)}
                  scroll={{ x: 1200 }}
                  pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
                />
              )}
            </Flex>
            <OverviewPrint o={o} />
          </>
        )
      )}
    </Page>
  );
}
