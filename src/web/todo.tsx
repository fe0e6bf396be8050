import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Empty, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TodoItem } from '../platform/manifest';
import { api } from './api';
import { TODO_KEY } from './queryKeys';

/** One line of `GET /api/v1/todo`: what the caller has to do, gathered from every module's manifest. */
export type TodoLine = TodoItem & { module: string };

export { TODO_KEY };

/** The caller's to-do (one query shared by the home page, the 待办 tab and its badge). */
export function useTodo(enabled = true) {
  return useQuery({
    queryKey: TODO_KEY,
    queryFn: () => api<{ items: TodoLine[] }>('/todo').then((r) => r.items.filter((i) => i.count > 0)),
    staleTime: 15_000,
    enabled,
  });
}

export const TODO_EMPTY = '眼下没有到期的工作';
export const TODO_EMPTY_HINT = '应开展的会议、待谈话、待回访、待审核的记录到期时会列在这里。';

/** The to-do lines as tappable rows: label, count, red overdue count, and an arrow to where it is done. */
export function TodoLines({ items, large }: { items: TodoLine[]; large?: boolean }) {
  if (items.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <Flex vertical gap={4}>
            <Typography.Text>{TODO_EMPTY}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {TODO_EMPTY_HINT}
            </Typography.Text>
          </Flex>
        }
      />
    );
  }
  return (
    <Flex vertical role="list">
      {items.map((l, i) => (
        <Link
          key={`${l.module}:${l.key}`}
          to={l.link}
          role="listitem"
          className="bl-todo-line"
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            minHeight: large ? 56 : 44,
            padding: large ? '8px 16px' : '6px 4px',
            borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
            color: 'inherit',
            fontSize: large ? 16 : 14,
          }}
        >
          <span style={{ flex: 1, minWidth: 0 }}>{l.label}</span>
          {l.overdue ? (
            <Tag color="red" style={{ marginInlineEnd: 0, fontSize: 13 }}>
              逾期 {l.overdue}
            </Tag>
          ) : null}
          <Badge count={l.count} overflowCount={999} color="#1677ff" />
          <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
        </Link>
      ))}
    </Flex>
  );
}
