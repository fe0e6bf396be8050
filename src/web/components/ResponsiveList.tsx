import { Button, Card, Empty, Flex, Pagination, Table, type TableProps, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type Key, type ReactNode, useEffect } from 'react';
import { useIsMobile } from '../useIsMobile';

/**
 * A table column that also says where its value goes on a phone's card:
 * - `title`: the card's heading (bold, top left), usually the name;
 * - `extra`: top right, beside the heading (status tags);
 * - `line` (default): its own line, "标题：值";
 * - `meta`: joined with the other meta columns into one grey line, "值 · 值";
 * - `hidden`: only in the table.
 */
export interface ResponsiveColumn<T> extends ColumnType<T> {
  mobile?: 'title' | 'extra' | 'line' | 'meta' | 'hidden';
}

export interface ResponsiveListProps<T> {
  columns: ResponsiveColumn<T>[];
  /** The current page's rows; undefined while the first answer is on its way. */
  items: T[] | undefined;
  rowKey: keyof T | ((row: T) => Key);
  loading?: boolean;
  /** Server pagination: the total, the page and its size, and what to do on a change (omit for no pager). */
  total?: number;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number, pageSize: number) => void;
  pageSizeOptions?: number[];
  /** "共 12 人" under the table; default "共 n 条". */
  totalText?: (total: number) => string;
  /**
   * What to say when there is nothing to show — required, because "暂无数据" helps nobody: say why the
   * list is empty and what to do (e.g. "没有符合条件的人员，请调整筛选条件").
   */
  empty: ReactNode;
  /** A button or link shown under the empty message (e.g. 新增). */
  emptyAction?: ReactNode;
  /** The list's query failed: say so (with a retry) instead of claiming the list is empty. */
  error?: { message: string } | null;
  onRetry?: () => void;
  /** Opens a row: a tap on the phone's card, a double-click on the table's row. */
  onOpen?: (row: T) => void;
  /** Buttons at the bottom of a phone card (the table shows them in its own column). */
  cardActions?: (row: T) => ReactNode;
  /**
   * Full-width content at the bottom of a phone card, above its buttons (e.g. a folded "详情" that the
   * table shows as an expanded row). A tap in it is not a tap on the card.
   */
  cardFooter?: (row: T) => ReactNode;
  /** Table width from which it scrolls sideways. */
  scrollX?: number | string;
  /** Anything else for the desktop table (summary, expandable, size…). */
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'pagination' | 'loading'>;
}

function cellValue<T>(row: T, index: number, col: ColumnType<T>): ReactNode {
  const path = col.dataIndex;
  let value: unknown = row;
  if (path !== undefined && path !== null) {
    const keys = (Array.isArray(path) ? path : [path]) as (string | number)[];
    for (const k of keys) value = (value as Record<string | number, unknown> | undefined)?.[k];
  } else value = undefined;
  if (col.render) return col.render(value, row, index) as ReactNode;
  if (value === null || value === undefined || value === '') return '—';
  return value as ReactNode;
}

const keyOf = <T,>(row: T, rowKey: ResponsiveListProps<T>['rowKey']): Key =>
  typeof rowKey === 'function' ? rowKey(row) : (row[rowKey] as Key);

function RowCard<T>({
  row,
  index,
  columns,
  onOpen,
  actions,
  footer,
}: {
  row: T;
  index: number;
  columns: ResponsiveColumn<T>[];
  onOpen?: (row: T) => void;
  actions?: ReactNode;
  footer?: ReactNode;
}) {
  const title = columns.filter((c) => c.mobile === 'title');
  const extra = columns.filter((c) => c.mobile === 'extra');
  const meta = columns.filter((c) => c.mobile === 'meta');
  const lines = columns.filter((c) => !c.mobile || c.mobile === 'line');
  const metaValues = meta
    .map((c) => cellValue(row, index, c))
    .filter((v) => v !== '—' && v !== null && v !== false);
  return (
    <Card size="small" hoverable={Boolean(onOpen)} onClick={onOpen ? () => onOpen(row) : undefined}>
      {(title.length > 0 || extra.length > 0) && (
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 16, minWidth: 0 }}>
            {title.map((c, i) => (
              <span key={String(c.key ?? c.dataIndex ?? i)}>{cellValue(row, index, c)} </span>
            ))}
          </Typography.Text>
          <Flex gap={4} wrap justify="flex-end">
            {extra.map((c, i) => (
              <span key={String(c.key ?? c.dataIndex ?? i)}>{cellValue(row, index, c)}</span>
            ))}
          </Flex>
        </Flex>
      )}
      {metaValues.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 14 }}>
          {metaValues.map((v, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns' order is fixed
            <span key={i}>
              {i > 0 && ' · '}
              {v}
            </span>
          ))}
        </Typography.Text>
      )}
      {lines.map((c, i) => (
        <Flex key={String(c.key ?? c.dataIndex ?? i)} gap={8} style={{ marginTop: 4, fontSize: 14 }}>
          <Typography.Text type="secondary" style={{ flex: 'none' }}>
            {typeof c.title === 'function' ? null : c.title}：
          </Typography.Text>
          <span style={{ minWidth: 0, wordBreak: 'break-all' }}>{cellValue(row, index, c)}</span>
        </Flex>
      ))}
      {footer && (
        <Flex vertical style={{ marginTop: 6 }} onClick={(e) => e.stopPropagation()}>
          {footer}
        </Flex>
      )}
      {actions && (
        // A tap on an action is not a tap on the card.
        <Flex gap={8} wrap justify="flex-end" style={{ marginTop: 8 }} onClick={(e) => e.stopPropagation()}>
          {actions}
        </Flex>
      )}
    </Card>
  );
}

/**
 * A list that is a table on a desktop and a stack of cards on a phone, from one column definition, with
 * server pagination. An empty list shows the `empty` message (never a pager "1 / 0"); a page past the
 * end (after a filter or a deletion) goes back to the last page.
 *
 *   <ResponsiveList
 *     rowKey="id"
 *     columns={[{ title: '姓名', dataIndex: 'name', mobile: 'title' }, { title: '岗位', dataIndex: 'post' }]}
 *     items={list.data?.items} total={list.data?.total} loading={list.isFetching}
 *     page={page} pageSize={pageSize} onPageChange={setPage}
 *     error={list.error} onRetry={() => list.refetch()}
 *     empty={active ? '没有符合条件的人员，请调整筛选条件' : '范围内还没有人员'}
 *     onOpen={(p) => navigate(`/people/${p.id}`)}
 *   />
 */
export function ResponsiveList<T extends object>({
  columns,
  items,
  rowKey,
  loading,
  total,
  page = 1,
  pageSize = 20,
  onPageChange,
  pageSizeOptions = [20, 50, 100],
  totalText = (t) => `共 ${t} 条`,
  empty,
  emptyAction,
  error,
  onRetry,
  onOpen,
  cardActions,
  cardFooter,
  scrollX,
  tableProps,
}: ResponsiveListProps<T>) {
  const mobile = useIsMobile();
  const rows = items ?? [];
  const count = total ?? rows.length;
  const lastPage = Math.max(1, Math.ceil(count / pageSize));

  // A page past the end (the list shrank under it) goes back to the last page that has rows.
  useEffect(() => {
    if (onPageChange && !loading && items && items.length === 0 && count > 0 && page > lastPage) {
      onPageChange(lastPage, pageSize);
    }
  }, [onPageChange, loading, items, count, page, lastPage, pageSize]);

  const waiting = items === undefined && loading;
  const emptyNode = waiting ? (
    <div style={{ height: 120 }} />
  ) : error ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`列表加载失败：${error.message}`}>
      {onRetry && <Button onClick={onRetry}>重试</Button>}
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty}>
      {emptyAction}
    </Empty>
  );
  const paged = Boolean(onPageChange) && count > 0;

  if (mobile) {
    const visibleColumns = columns.filter((c) => c.mobile !== 'hidden');
    return (
      <div className="bl-card-list" aria-busy={loading || undefined}>
        {rows.length === 0 ? (
          <Card size="small" loading={waiting}>
            {emptyNode}
          </Card>
        ) : (
          rows.map((row, i) => (
            <RowCard
              key={keyOf(row, rowKey)}
              row={row}
              index={i}
              columns={visibleColumns}
              onOpen={onOpen}
              actions={cardActions?.(row)}
              footer={cardFooter?.(row)}
            />
          ))
        )}
        {paged && count > pageSize && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination
              simple
              current={Math.min(page, lastPage)}
              pageSize={pageSize}
              total={count}
              onChange={(p, s) => onPageChange?.(p, s)}
            />
          </Flex>
        )}
        {paged && (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginTop: 8 }}>
            {totalText(count)}
          </Typography.Text>
        )}
      </div>
    );
  }

  return (
    <Table<T>
      size="middle"
      {...tableProps}
      rowKey={rowKey as TableProps<T>['rowKey']}
      columns={columns.map(({ mobile: _, ...c }) => c)}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: emptyNode }}
      scroll={scrollX ? { x: scrollX } : tableProps?.scroll}
      onRow={
        onOpen
          ? (row, index) => ({
              ...tableProps?.onRow?.(row, index),
              onDoubleClick: () => onOpen(row),
            })
          : tableProps?.onRow
      }
      pagination={
        paged
          ? {
              current: Math.min(page, lastPage),
              pageSize,
              total: count,
              showSizeChanger: count > pageSizeOptions[0],
              pageSizeOptions,
              showTotal: totalText,
              onChange: (p, s) => onPageChange?.(p, s),
            }
          : false
      }
    />
  );
}

/**
 * The props that tie a ResponsiveList to its page query and the URL's page: rows, total, loading, the
 * pager and the error with its retry. `<ResponsiveList {...pagedListProps(list, filters)} … />`.
 */
export function pagedListProps<T>(
  list: {
    data?: { items: T[]; total: number };
    isFetching: boolean;
    error: { message: string } | null;
    refetch: () => unknown;
  },
  pager: { page: number; pageSize: number; setPage: (page: number, pageSize?: number) => void },
): Pick<
  ResponsiveListProps<T>,
  'items' | 'total' | 'loading' | 'page' | 'pageSize' | 'onPageChange' | 'error' | 'onRetry'
> {
  return {
    items: list.data?.items,
    total: list.data?.total,
    loading: list.isFetching,
    page: pager.page,
    pageSize: pager.pageSize,
    onPageChange: pager.setPage,
    error: list.error,
    onRetry: () => list.refetch(),
  };
}
