import { Empty, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Evidence, ResultItem } from '../contract';
import { pointsText } from './model';

const TONE: Record<string, string | undefined> = { bad: 'red', good: 'green', neutral: undefined };

/** The records behind a figure, each a link to its page in its own module. */
export function EvidenceList({
  evidence,
  compact,
  skipSummary,
}: {
  evidence: Evidence;
  compact?: boolean;
  /** The summary was said already (the item's reading): only the link to the module. */
  skipSummary?: boolean;
}) {
  const more = evidence.total - evidence.records.length;
  return (
    <div>
      {(!skipSummary || evidence.link) && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {skipSummary ? null : evidence.summary}
          {evidence.link && (
            <>
              {' '}
              <Link to={evidence.link}>在原模块中查看</Link>
            </>
          )}
        </Typography.Paragraph>
      )}
      {evidence.records.length === 0 ? (
        compact ? null : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有需要列出的记录" />
        )
      ) : (
        <List
          size="small"
          dataSource={evidence.records}
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0 }}>
              <div style={{ minWidth: 0, width: '100%' }}>
                <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                  {r.tone === 'bad' && (
                    <Tag color={TONE.bad} style={{ marginInlineEnd: 0 }}>
                      扣分依据
                    </Tag>
                  )}
                  {r.link ? <Link to={r.link}>{r.title}</Link> : <span>{r.title}</span>}
                </div>
                {(r.date || r.note) && (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {[r.date, r.note].filter(Boolean).join(' · ')}
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {more > 0 && (
        <Typography.Text type="secondary">
          另有 {more} 条{evidence.link ? '，请在原模块中查看' : ''}
        </Typography.Text>
      )}
    </div>
  );
}

/** An item's points as a tag: grey when not counted, with why. */
export function PointsTag({ item }: { item: ResultItem }) {
  if (!item.available) return <Tag>数据来源未启用</Tag>;
  if (!item.computed && !item.scored) return <Tag color="orange">待评分</Tag>;
  if (item.points === null) return <Tag>不适用</Tag>;
  const color =
    item.kind === 'deduction'
      ? item.points < 0
        ? 'red'
        : 'default'
      : item.kind === 'bonus'
        ? 'green'
        : 'blue';
  return (
    <Tag color={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {pointsText(item.points, item.kind)}
      {item.kind === 'score' ? ` / ${item.max}` : ''} 分
    </Tag>
  );
}

/** Client-side pages of a list already in hand (phones would otherwise scroll through a whole section). */
export function usePaged<T>(items: T[] | undefined, size = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(size);
  const all = items ?? [];
  const last = Math.max(1, Math.ceil(all.length / pageSize));
  const current = Math.min(page, last);
  return {
    items: items ? all.slice((current - 1) * pageSize, current * pageSize) : undefined,
    total: all.length,
    page: current,
    pageSize,
    onPageChange: (p: number, s: number) => {
      setPage(p);
      setPageSize(s);
    },
  };
}
