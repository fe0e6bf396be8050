import { useQuery } from '@tanstack/react-query';
import { Empty, List } from 'antd';
import { api } from '../../../src/web/api';
import type { Bulletin } from '../contract';

export default function Bulletins() {
  const q = useQuery({ queryKey: ['bulletins'], queryFn: () => api<{ items: Bulletin[] }>('/bulletins') });
  if (!q.data?.items.length) return <Empty description="暂无公告" />;
  return <List dataSource={q.data.items} renderItem={(b) => <List.Item>{b.title}</List.Item>} />;
}
