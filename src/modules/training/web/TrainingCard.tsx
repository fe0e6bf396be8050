import { RightOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ClassLines, useMyTraining } from './MyStudy';
import { hoursText } from './model';
import { HoursProgress } from './parts';

/**
 * The home page's study card: this year's hours against the target, the classes the member is to attend
 * or may sign up for (the class notice), and what is waiting: required reading, quizzes, surveys.
 */
export default function TrainingCard() {
  const q = useMyTraining();
  const m = q.data;
  if (!m) return null;
  const waiting = [
    {
      n: m.required.length,
      label: '项必学内容',
      to: '/training/contents?required=true&status=todo',
      red: m.required.some((r) => r.overdue),
    },
    { n: m.quizzes.length, label: '个测试', to: '/training/quizzes?status=open', red: false },
    { n: m.surveys.length, label: '份需求调查', to: '/training/surveys', red: false },
  ].filter((w) => w.n > 0);
  return (
    <Card
      size="small"
      title={`我的学习 · ${m.year}年`}
      extra={
        <Link to="/training/mine">
          详情 <RightOutlined />
        </Link>
      }
    >
      <Flex vertical gap={8}>
        <HoursProgress hours={m.hours} target={m.target} />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {m.sources.map((s) => `${s.label} ${hoursText(s.hours)}`).join(' · ')}
          {m.status === 'exempt'
            ? '（免于要求）'
            : m.needed > 0
              ? `；还差 ${hoursText(m.needed)} 学时`
              : '；已达标'}
        </Typography.Text>
        {m.classes.length > 0 && (
          <>
            <Typography.Text strong>培训通知</Typography.Text>
            <ClassLines items={m.classes.slice(0, 3)} />
          </>
        )}
        {waiting.length > 0 && (
          <Flex gap={8} wrap>
            {waiting.map((w) => (
              <Link key={w.to} to={w.to}>
                <Tag color={w.red ? 'red' : 'blue'} style={{ fontSize: 13, padding: '2px 8px' }}>
                  {w.n} {w.label}待完成
                </Tag>
              </Link>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
