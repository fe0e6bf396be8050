import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { TodoLines, useTodo } from '../todo';

/** The phone's 待办 tab: everything the caller has to do, from every module; a tap opens where it is done. */
export default function Todo() {
  const todo = useTodo();
  const items = todo.data ?? [];
  const overdue = items.reduce((n, i) => n + (i.overdue ?? 0), 0);
  return (
    <Page
      title="待办"
      extra={
        <Button
          icon={<ReloadOutlined />}
          loading={todo.isFetching && !todo.isPending}
          onClick={() => todo.refetch()}
          aria-label="刷新"
        />
      }
    >
      {todo.isPending ? (
        <Loading />
      ) : todo.isError ? (
        <Result
          status="warning"
          title="待办暂时无法加载"
          subTitle={todo.error.message}
          extra={<Button onClick={() => todo.refetch()}>重试</Button>}
        />
      ) : (
        <>
          {items.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 14 }}>
              共 {items.reduce((n, i) => n + i.count, 0)} 项
              {overdue > 0 && (
                <Typography.Text type="danger" style={{ fontSize: 14 }}>
                  ，其中 {overdue} 项已逾期
                </Typography.Text>
              )}
              ，点按一项去处理。
            </Typography.Paragraph>
          )}
          <Card size="small" styles={{ body: { padding: items.length ? 0 : undefined } }}>
            <TodoLines items={items} large />
          </Card>
        </>
      )}
    </Page>
  );
}
