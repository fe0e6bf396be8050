import { Button, Card } from 'antd';
import { Link } from 'react-router';
import { LazyResult as Result } from '../components/LazyResult';
import { TodoLines, useTodo } from '../todo';

/**
 * What the caller has to do now, gathered from every module (`GET /api/v1/todo`), before the statistics.
 * `hideWhenEmpty`: for users who rarely have anything to do (members), show nothing instead of an empty card.
 */
export function HomeTodo({ hideWhenEmpty }: { hideWhenEmpty?: boolean }) {
  const todo = useTodo();
  const items = todo.data ?? [];
  if (hideWhenEmpty && (todo.isPending || items.length === 0) && !todo.isError) return null;
  return (
    <Card
      title="待办"
      size="small"
      loading={todo.isPending}
      extra={items.length > 0 && <Link to="/todo">全部</Link>}
    >
      {todo.isError ? (
        <Result
          status="warning"
          title="待办暂时无法加载"
          subTitle={todo.error.message}
          extra={<Button onClick={() => todo.refetch()}>重试</Button>}
        />
      ) : (
        <TodoLines items={items} />
      )}
    </Card>
  );
}
