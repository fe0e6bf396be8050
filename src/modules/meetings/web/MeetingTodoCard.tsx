import { EditOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Todo, TodoItem } from './model';

/** A due meeting: its kind, deadline (or 已逾期) and branch, with 记录 opening the form for it. */
function DueLine({ d }: { d: TodoItem }) {
  const navigate = useNavigate();
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={8}
      style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
    >
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong>{d.kindLabel}</Typography.Text>
        {d.overdue ? (
          <Tag color="red" style={{ marginInlineStart: 8 }}>
            已逾期
          </Tag>
        ) : (
          <Tag color="blue" style={{ marginInlineStart: 8 }}>
            {d.deadline.slice(5)} 前
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {d.orgName}
        </Typography.Text>
      </div>
      <Button
        type={d.overdue ? 'primary' : 'default'}
        size="middle"
        onClick={() => navigate(`/meetings/new?orgId=${d.orgId}&kind=${d.kind}`)}
      >
        记录
      </Button>
    </Flex>
  );
}

/** The secretary's to-do on the meetings page: returned records, meetings due, drafts. */
export function TodoCard({ todo }: { todo: Todo }) {
  const navigate = useNavigate();
  const due = todo.branches.flatMap((b) => b.due);
  const overdue = due.filter((d) => d.overdue);
  const upcoming = due.filter((d) => !d.overdue);
  const nothing = !due.length && !todo.drafts.length && !todo.returned.length && !todo.followUps.length;
  return (
    <Card size="small" title="我的待办" style={{ marginBottom: 12 }}>
      {nothing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月组织生活都已记录，没有待办" />}
      {todo.returned.map((m) => (
        <Alert
          key={m.id}
          type="error"
          showIcon
          style={{ marginBottom: 8, cursor: 'pointer' }}
          onClick={() => navigate(`/meetings/${m.id}`)}
          message={`被退回：${m.kindLabel} · ${m.heldOn}`}
          description={`审核意见：${m.reviewComment ?? ''}`}
          action={
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={(e) => {
                e.stopPropagation();
                navigate(`/meetings/${m.id}/edit`);
              }}
            >
              更正
            </Button>
          }
        />
      ))}
      {[...overdue, ...upcoming].map((d) => (
        <DueLine key={`${d.orgId}-${d.kind}-${d.deadline}`} d={d} />
      ))}
      {todo.followUps.map((f) => (
        <Flex
          key={`${f.meetingId}-${f.personId}`}
          justify="space-between"
          align="center"
          gap={8}
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
          onClick={() => navigate(`/meetings/${f.meetingId}`)}
        >
          <div style={{ minWidth: 0 }}>
            <Tag color={f.grade === 'unqualified' ? 'volcano' : 'gold'}>{f.gradeLabel}</Tag>
            <Typography.Text strong>{f.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {f.heldOn} 民主评议 · {f.followUpLabel}
            </Typography.Text>
          </div>
          <RightOutlined />
        </Flex>
      ))}
      {todo.drafts.map((m) => (
        <Flex
          key={m.id}
          justify="space-between"
          align="center"
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
          onClick={() => navigate(`/meetings/${m.id}`)}
        >
          <div>
            <Tag>草稿</Tag>
            <Typography.Text>
              {m.kindLabel} · {m.heldOn}
            </Typography.Text>
          </div>
          <RightOutlined />
        </Flex>
      ))}
    </Card>
  );
}
