import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { today } from '../../../web/format';
import type { PersonHours as Ledger, LedgerEntry } from '../contract';
import { hoursText, SOURCE_COLORS } from './model';
import { HoursProgress, StatusTag, YearSelect } from './parts';

/** Where the member's hours stand and what each one came from. */
export function LedgerSummary({ l }: { l: Ledger }) {
  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {l.year}年学时 {hoursText(l.hours)} / {l.target}
          </Typography.Text>
          <StatusTag status={l.status} />
        </Flex>
        <HoursProgress hours={l.hours} target={l.target} />
        <Typography.Text type="secondary">
          {l.status === 'exempt'
            ? '您属于免于要求的党员（年老体弱、长期患病），学时仅作记录。'
            : l.needed > 0
              ? `距全年目标还差 ${hoursText(l.needed)} 学时${l.monthsLeft > 0 ? `，还剩 ${l.monthsLeft} 个月` : ''}。`
              : '已达到全年学时目标。'}
          {l.importCapped ? ' 外部学习学时已达每年计入上限。' : ''}
        </Typography.Text>
        <Row gutter={[8, 8]}>
          {l.sources.map((s) => (
            <Col key={s.kind} xs={12} md={6}>
              <Card size="small" styles={{ body: { borderLeft: `4px solid ${SOURCE_COLORS[s.kind]}` } }}>
                <Statistic title={`${s.label}（${s.count} 项）`} value={hoursText(s.hours)} suffix="学时" />
              </Card>
            </Col>
          ))}
        </Row>
      </Flex>
    </Card>
  );
}

export function EntryList({ entries }: { entries: LedgerEntry[] }) {
  if (!entries.length)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="今年还没有记入的学时：参加培训班、出席党课等组织生活、完成网上学习后会自动记入"
      />
    );
  return (
    <List
      size="small"
      dataSource={[...entries].reverse()}
      renderItem={(e) => (
        <List.Item extra={<Typography.Text strong>{hoursText(e.hours)} 学时</Typography.Text>}>
          <List.Item.Meta
            title={
              <Flex gap={6} wrap align="center">
                <Tag color={SOURCE_COLORS[e.kind]} style={{ marginInlineEnd: 0 }}>
                  {e.kindLabel}
                </Tag>
                {e.link ? <Link to={e.link}>{e.title}</Link> : <span>{e.title}</span>}
              </Flex>
            }
            description={[e.on, e.note, e.orgName].filter(Boolean).join(' · ')}
          />
        </List.Item>
      )}
    />
  );
}

export default function PersonHours() {
  const { personId } = useParams();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || today().year();
  const q = useQuery({
    queryKey: ['training', 'person', personId, year],
    queryFn: () => api<Ledger>(`/training/hours/${personId}`, { query: { year } }),
  });
  const l = q.data;
  return (
    <Page
      title={l ? `${l.person.name}的学时` : '个人学时'}
      extra={<YearSelect value={year} onChange={(y) => setParams({ year: String(y) })} />}
    >
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <Alert type="error" showIcon title={(q.error as Error).message} />
      ) : (
        l && (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              {l.person.orgName} · {l.person.partyStatusLabel}
              {l.person.exempt ? ' · 免于要求' : ''}
            </Typography.Text>
            <LedgerSummary l={l} />
            <Card size="small" title={`学时明细（${l.entries.length} 项，最近的在前）`}>
              <EntryList entries={l.entries} />
            </Card>
          </Flex>
        )
      )}
    </Page>
  );
}
