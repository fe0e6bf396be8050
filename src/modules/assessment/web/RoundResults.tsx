import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Segmented,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import { useIsMobile } from '../../../web/useIsMobile';
import type { Result, ResultList } from '../contract';
import { pctText, starText } from './model';
import { PointsTag, usePaged } from './parts';
import { RoundStatus } from './Rounds';

const subjectName = (r: Result) => r.personName ?? r.orgName;

function Summary({ data }: { data: ResultList }) {
  const r = data.round;
  const counted = data.items.filter((i) => i.applicable);
  const unscored = data.items.reduce((a, i) => a + (i.applicable ? i.unscored : 0), 0);
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="状态">
          <RoundStatus r={r} />
        </Descriptions.Item>
        <Descriptions.Item label="考核期">{r.periodLabel}</Descriptions.Item>
        <Descriptions.Item label="范围">{r.orgName}</Descriptions.Item>
        <Descriptions.Item label="模板">
          <Link to={`/assessment/templates/${r.templateId}`}>
            {r.templateName}（第{r.templateVersion}版）
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={r.status === 'closed' ? '冻结于' : '数据截至'}>
          {data.asOf}
        </Descriptions.Item>
        <Descriptions.Item label="考核对象">
          {data.items.length} 个
          {counted.length < data.items.length ? `（${data.items.length - counted.length} 个本期不适用）` : ''}
          {unscored > 0 && r.status === 'open' ? `，待评分 ${unscored} 项` : ''}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">
        {data.ranking
          ? '本单位已启用排名：按得分率从高到低排列。'
          : '按组织顺序列出（未启用排名）。点击得分可查看计分依据和原始记录。'}
        {r.status === 'open' && ' 考核进行中：计算项随记录实时更新，结束考核后结果冻结。'}
      </Typography.Text>
    </Card>
  );
}

type SubjectLink = (r: Result, itemId?: string) => string;

function CloseButton({ round, asOf }: { round: ResultList['round']; asOf: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const close = useMutation({
    mutationFn: () => api(`/assessment/rounds/${round.id}/close`, { method: 'POST' }),
    onSuccess: () => {
      message.success('考核已结束，结果已冻结');
      qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: showError,
  });
  return (
    <Popconfirm
      title="结束考核？"
      description={
        round.periodEnd >= asOf
          ? '考核期尚未结束。结束后结果按今天的记录冻结，不再随记录变化。'
          : '结束后结果按今天的记录冻结，不再随记录变化，也不能再评分。'
      }
      okText="结束并冻结"
      onConfirm={() => close.mutate()}
    >
      <Button type="primary" loading={close.isPending}>
        结束考核
      </Button>
    </Popconfirm>
  );
}

function MobileResults({
  d,
  paged,
  link,
}: {
  d: ResultList;
  paged: ReturnType<typeof usePaged<Result>>;
  link: SubjectLink;
}) {
  const navigate = useNavigate();
  const round = d.round;
  const member = round.target === 'member';
  return (
    <ResponsiveList<Result>
      rowKey="subjectId"
      {...paged}
      empty="没有符合条件的考核对象"
      onOpen={(r) => navigate(link(r))}
      columns={[
        { title: '对象', key: 'name', mobile: 'title', render: (_, r) => subjectName(r) },
        {
          title: '得分',
          key: 'total',
          mobile: 'extra',
          render: (_, r) =>
            r.applicable ? (
              <Tag color="blue">
                {r.total} / {r.maxTotal}
                {r.stars ? ` ${starText(r.stars)}` : ''}
              </Tag>
            ) : (
              <Tag>不适用</Tag>
            ),
        },
        { title: '支部', key: 'org', mobile: 'meta', render: (_, r) => (member ? r.orgName : null) },
        {
          title: '得分率',
          key: 'pct',
          mobile: 'meta',
          render: (_, r) => (r.applicable ? `得分率 ${pctText(r.percent)}` : null),
        },
        ...(d.ranking
          ? [
              {
                title: '排名',
                dataIndex: 'rank',
                mobile: 'meta' as const,
                render: (v: number | null) => (v ? `第 ${v} 名` : null),
              },
            ]
          : []),
        {
          title: '说明',
          key: 'note',
          mobile: 'meta',
          render: (_, r) =>
            r.note ?? (r.unscored && round.status === 'open' ? `待评分 ${r.unscored} 项` : '—'),
        },
      ]}
    />
  );
}

function ResultsTable({ d, rows, link }: { d: ResultList; rows: Result[]; link: SubjectLink }) {
  const member = d.round.target === 'member';
  const items = d.items[0]?.items ?? [];
  return (
    <Table<Result>
      rowKey="subjectId"
      size="small"
      dataSource={rows}
      scroll={{ x: 420 + items.length * 96 }}
      pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        ...(d.ranking ? [{ title: '排名', dataIndex: 'rank', width: 60, fixed: 'left' as const }] : []),
        {
          title: member ? '党员' : '党支部',
          key: 'name',
          width: 190,
          fixed: 'left',
          render: (_, r) => (
            <div>
              <Link to={link(r)}>{subjectName(r)}</Link>
              {member && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.orgName}
                </Typography.Text>
              )}
            </div>
          ),
        },
        ...items.map((it, i) => ({
          title: (
            <Tooltip
              title={`${it.sourceLabel}${it.kind === 'deduction' ? '（扣分）' : it.kind === 'bonus' ? '（加分）' : ''}`}
            >
              <span>{it.name}</span>
            </Tooltip>
          ),
          key: it.itemId,
          width: 96,
          render: (_: unknown, r: Result) => (
            <Link to={link(r, r.items[i].itemId)} aria-label={`${subjectName(r)} ${it.name} 的依据`}>
              <PointsTag item={r.items[i]} />
            </Link>
          ),
        })),
        {
          title: '得分',
          key: 'total',
          width: 110,
          fixed: 'right',
          render: (_, r) =>
            r.applicable ? (
              <strong>
                {r.total} / {r.maxTotal}
              </strong>
            ) : (
              <Tooltip title={r.note}>
                <Tag>不适用</Tag>
              </Tooltip>
            ),
        },
        {
          title: '得分率',
          key: 'pct',
          width: 80,
          fixed: 'right',
          render: (_, r) => pctText(r.percent),
        },
        ...(d.stars
          ? [
              {
                title: '星级',
                key: 'stars',
                width: 90,
                fixed: 'right' as const,
                render: (_: unknown, r: Result) => starText(r.stars),
              },
            ]
          : []),
      ]}
    />
  );
}

/** One round's results: each subject's items, total and per cent; every figure opens its evidence. */
export default function RoundResults() {
  const { id } = useParams();
  const mobile = useIsMobile();
  const [q, setQ] = useState('');
  const [only, setOnly] = useState<'all' | 'unscored' | 'na'>('all');
  const data = useQuery({
    queryKey: ['assessment', 'results', id],
    queryFn: () => api<ResultList>(`/assessment/rounds/${id}/results`),
  });
  const rows = useMemo(
    () =>
      (data.data?.items ?? []).filter(
        (r) =>
          (!q || subjectName(r).includes(q) || r.orgName.includes(q)) &&
          (only === 'all' || (only === 'unscored' ? r.applicable && r.unscored > 0 : !r.applicable)),
      ),
    [data.data, q, only],
  );
  const paged = usePaged(rows);
  if (data.isPending) return <Loading />;
  if (data.isError) return <Alert type="error" title={(data.error as Error).message} />;
  const d = data.data;
  const round = d.round;
  const member = round.target === 'member';
  const link = (r: Result, itemId?: string) =>
    `/assessment/rounds/${round.id}/subjects/${r.subjectId}${itemId ? `#item-${itemId}` : ''}`;
  return (
    <Page
      title={round.name}
      extra={
        <>
          {round.actions.includes('export') && (
            <ExportButton
              path={`/assessment/rounds/${round.id}/export`}
              filename={`${round.name}.xlsx`}
              label="导出Excel"
            />
          )}
          {round.actions.includes('close') && <CloseButton round={round} asOf={d.asOf} />}
        </>
      }
    >
      <Flex vertical gap={12}>
        <Summary data={d} />
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={member ? '搜索党员或支部' : '搜索党支部'}
            style={{ width: mobile ? '100%' : 240 }}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
          />
          <Segmented
            value={only}
            onChange={(v) => setOnly(v as typeof only)}
            options={[
              { value: 'all', label: '全部' },
              ...(round.status === 'open' ? [{ value: 'unscored', label: '待评分' }] : []),
              { value: 'na', label: '不适用' },
            ]}
          />
        </Flex>
        {mobile ? (
          <MobileResults d={d} paged={paged} link={link} />
        ) : (
          <ResultsTable d={d} rows={rows} link={link} />
        )}
      </Flex>
    </Page>
  );
}
