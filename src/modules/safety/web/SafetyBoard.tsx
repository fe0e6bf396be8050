import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api } from '../../../web/api';
import { EChart } from '../../../web/components/EChart';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { SafetyBoard as Board } from '../contract';
import { BoardFigures, BranchTable, MissingAnalyses, OverdueTalks } from './BoardParts';
import { alertsChart, categoryChart, severityChart, trendChart } from './boardCharts';
import { ABILITY } from './model';

/** The four charts of the board: trend, categories, severities, what needs chasing. */
function BoardCharts({ b, year, periodLabel }: { b: Board; year: number; periodLabel: string }) {
  const mobile = useIsMobile();
  const charts = useMemo(
    () => ({
      trend: trendChart(b),
      categories: categoryChart(b, mobile),
      severities: severityChart(b),
      alerts: alertsChart(b),
    }),
    [b, mobile],
  );
  const none = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期没有违章违纪" />;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={14}>
        <Card size="small" title={`月度趋势（${year}年）`}>
          <EChart option={charts.trend} height={mobile ? 220 : 280} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={`违章类别（${periodLabel}）`}>
          {b.totals.violations === 0 ? (
            none
          ) : (
            <EChart option={charts.categories} height={mobile ? 260 : 280} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={`严重程度（${periodLabel}）`}>
          {b.totals.violations === 0 ? (
            none
          ) : (
            <EChart option={charts.severities} height={mobile ? 220 : 260} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title="预警与逾期">
          <EChart option={charts.alerts} height={mobile ? 220 : 260} />
        </Card>
      </Col>
    </Row>
  );
}

/** The board of a level: figures, charts, what to chase, every branch. */
function BoardBody({ b, year, month }: { b: Board; year: number; month?: number }) {
  const mobile = useIsMobile();
  const periodLabel = month ? `${year}年${month}月` : `${year}年`;
  const monthRange = month
    ? `&from=${year}-${String(month).padStart(2, '0')}-01&to=${today()
        .year(year)
        .month(month - 1)
        .endOf('month')
        .format('YYYY-MM-DD')}`
    : `&year=${year}`;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {b.org.name}·{periodLabel}
        {b.period.elapsedMonths < (month ? 1 : 12)
          ? `（已过 ${b.period.elapsedMonths.toFixed(1)} 个月，按已过时间折算全年）`
          : ''}
        ；党员违章违纪折合每百名党员每年超过 {b.threshold} 件、且不少于 {b.flagMinViolations}{' '}
        件的支部标记为“需剖析”。
      </Typography.Text>
      <BoardFigures b={b} month={month} />
      <BoardCharts b={b} year={year} periodLabel={periodLabel} />
      <MissingAnalyses items={b.items.filter((i) => i.flagged && !i.analysis)} monthRange={monthRange} />
      <OverdueTalks items={b.overdueTalks} />
      <Card size="small" title={`各党支部违章情况（${periodLabel}，点左侧 + 看类别）`}>
        <BranchTable items={b.items} monthRange={monthRange} mobile={mobile} />
      </Card>
    </Flex>
  );
}

export default function SafetyBoard() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgs = useOrgs();
  const orgId = params.get('orgId') ?? undefined;
  const thisYear = today().year();
  const year = Number(params.get('year') ?? thisYear) || thisYear;
  const month = Number(params.get('month')) || undefined;
  const board = useQuery({
    queryKey: ['safety', 'board', orgId, year, month],
    queryFn: () => api<Board>('/safety/board', { query: { orgId, year, month } }),
  });
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <Page
      title="安全分析"
      extra={
        <>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="范围（默认全部管辖）"
            style={{ width: mobile ? '100%' : 240 }}
            treeData={orgSelectTree((orgs.data ?? []).filter((o) => o.type !== 'party_group'))}
            value={orgs.data ? orgId : undefined}
            onChange={(v) => set('orgId', v)}
          />
          <Select
            value={year}
            style={{ width: 110 }}
            onChange={(v) => set('year', String(v))}
            options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年` }))}
          />
          <Select
            value={month ?? 0}
            style={{ width: 100 }}
            aria-label="月份"
            onChange={(v) => set('month', v ? String(v) : undefined)}
            options={[
              { value: 0, label: '全年' },
              ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` })),
            ]}
          />
          {can(me, ABILITY.recordViolation) && (
            <Button type="primary" onClick={() => navigate('/safety/violations/new')}>
              录入违章违纪
            </Button>
          )}
        </>
      }
    >
      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        <Alert type="error" title={(board.error as Error).message} />
      ) : (
        <BoardBody b={board.data} year={year} month={month} />
      )}
    </Page>
  );
}
