import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  List,
  Radio,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { AttemptResult, QuizDetail, QuizQuestion, StartedAttempt } from '../contract';
import { QUESTION_KIND_LABELS } from '../rules';
import { MyQuizTag } from './Quizzes';

const letter = (i: number) => String.fromCharCode(65 + i);

function Countdown({ deadline, onEnd }: { deadline: string; onEnd: () => void }) {
  const [left, setLeft] = useState(() => Math.max(0, Date.parse(deadline) - Date.now()));
  useEffect(() => {
    const t = window.setInterval(() => {
      const l = Math.max(0, Date.parse(deadline) - Date.now());
      setLeft(l);
      if (l === 0) {
        window.clearInterval(t);
        onEnd();
      }
    }, 1000);
    return () => window.clearInterval(t);
  }, [deadline, onEnd]);
  const s = Math.floor(left / 1000);
  return (
    <Tag
      color={s < 120 ? 'red' : 'blue'}
      icon={<ClockCircleOutlined />}
      style={{ fontSize: 14, padding: '2px 8px' }}
    >
      剩余 {Math.floor(s / 60)}:{String(s % 60).padStart(2, '0')}
    </Tag>
  );
}

function QuestionBlock({
  q,
  n,
  value,
  onChange,
}: {
  q: QuizQuestion;
  n: number;
  value: number[];
  onChange: (v: number[]) => void;
}) {
  const options = q.options.map((o, i) => ({ value: i, label: `${letter(i)}. ${o}` }));
  return (
    <Card size="small" data-testid="question">
      <Typography.Paragraph strong style={{ fontSize: 16 }}>
        {n}. {q.text}
        <Tag style={{ marginLeft: 8 }}>{QUESTION_KIND_LABELS[q.kind]}</Tag>
      </Typography.Paragraph>
      {q.kind === 'multiple' ? (
        <Checkbox.Group value={value} onChange={(v) => onChange(v as number[])}>
          <Space direction="vertical">
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} style={{ fontSize: 15, padding: '4px 0' }}>
                {o.label}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      ) : (
        <Radio.Group value={value[0]} onChange={(e) => onChange([e.target.value])}>
          <Space direction="vertical">
            {options.map((o) => (
              <Radio key={o.value} value={o.value} style={{ fontSize: 15, padding: '4px 0' }}>
                {o.label}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
    </Card>
  );
}

function Review({ r }: { r: AttemptResult }) {
  return (
    <List
      dataSource={r.review}
      renderItem={(q, i) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Typography.Text strong>
              {q.correct ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} />
              ) : (
                <CloseCircleFilled style={{ color: '#cf1322' }} />
              )}{' '}
              {i + 1}. {q.text}
            </Typography.Text>
            <Typography.Text type="secondary">
              您的答案：{q.choices.length ? q.choices.map(letter).join('') : '未作答'}；正确答案：
              {q.answer.map(letter).join('')}（{q.answer.map((a) => q.options[a]).join('、')}）
            </Typography.Text>
            {q.explanation && <Typography.Text type="secondary">解析：{q.explanation}</Typography.Text>}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** The grade just handed in, a second try when allowed, and the review of each question. */
function ResultCard({
  z,
  result,
  retrying,
  onRetry,
}: {
  z: QuizDetail;
  result: AttemptResult;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <Card size="small" data-testid="quiz-result">
      <Result
        status={result.passed ? 'success' : 'warning'}
        title={`${result.score} 分 · ${result.passed ? '通过' : '未通过'}`}
        subTitle={`答对 ${result.correct} / ${result.total} 题，${z.passScore} 分及格${result.late ? '（超时交卷，记 0 分）' : ''}${result.attemptsLeft !== null ? `；还可答 ${result.attemptsLeft} 次` : ''}`}
        extra={
          <Flex gap={8} justify="center" wrap>
            {!result.passed && (result.attemptsLeft === null || result.attemptsLeft > 0) && z.open && (
              <Button type="primary" onClick={onRetry} loading={retrying}>
                再答一次
              </Button>
            )}
            <Link to="/training/mine">
              <Button>我的学习</Button>
            </Link>
          </Flex>
        }
      />
      <Review r={result} />
    </Card>
  );
}

/** The quiz before starting: its terms, the caller's grade so far, and the start button. */
function QuizIntro({
  z,
  left,
  starting,
  onStart,
}: {
  z: QuizDetail;
  left: number | null;
  starting: boolean;
  onStart: () => void;
}) {
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={1}
        items={[
          { label: '发布', children: `${z.orgName} · ${z.publishedOn}` },
          {
            label: '题目',
            children: `${z.questionCount} 题${z.mode === 'random' ? '（每次随机抽题）' : ''}，满分 100 分`,
          },
          { label: '及格', children: `${z.passScore} 分` },
          {
            label: '限时',
            children: z.timeLimitMinutes ? `${z.timeLimitMinutes} 分钟（开始后计时）` : '不限时',
          },
          {
            label: '次数',
            children: z.maxAttempts ? `最多 ${z.maxAttempts} 次，取最高分` : '不限次数，取最高分',
          },
          { label: '截止', children: z.closesOn ?? '长期有效' },
          { label: '我的成绩', children: z.my?.attempts ? <MyQuizTag z={z} /> : '尚未参加' },
        ]}
      />
      {z.actions.includes('take') ? (
        <Button
          type="primary"
          size="large"
          block
          style={{ marginTop: 12 }}
          disabled={!z.open || (left !== null && left <= 0 && !z.openAttempt)}
          loading={starting}
          onClick={onStart}
        >
          {!z.open
            ? '测试已截止'
            : z.openAttempt
              ? '继续答题'
              : left !== null && left <= 0
                ? '答题次数已用完'
                : '开始答题'}
        </Button>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          您不在本测试的参加范围内，可以查看结果。
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 答题: start (questions drawn and the clock started on the server), answer, hand in, see the grade and the review. */
export default function QuizTake() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { modal } = App.useApp();
  const q = useQuery({
    queryKey: ['training', 'quiz', id],
    queryFn: () => api<QuizDetail>(`/training/quizzes/${id}`),
  });
  const [sheet, setSheet] = useState<StartedAttempt | null>(null);
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const start = useMutation({
    mutationFn: () => api<StartedAttempt>(`/training/quizzes/${id}/start`, { method: 'POST' }),
    onSuccess: (s) => {
      setSheet(s);
      setResult(null);
      setAnswers({});
    },
    onError: showError,
  });
  const submit = useMutation({
    mutationFn: () =>
      api<AttemptResult>(`/training/quizzes/${id}/attempts`, {
        method: 'POST',
        body: { answers: Object.entries(answers).map(([questionId, choices]) => ({ questionId, choices })) },
      }),
    onSuccess: (r) => {
      setResult(r);
      setSheet(null);
      client.invalidateQueries({ queryKey: ['training'] });
      window.scrollTo(0, 0);
    },
    onError: showError,
  });
  const z = q.data;
  if (q.isPending) return <Loading />;
  if (q.isError || !z)
    return (
      <Page title="答题">
        <Alert type="error" showIcon title={(q.error as Error)?.message ?? '加载失败'} />
      </Page>
    );
  const answered = sheet ? sheet.questions.filter((x) => answers[x.id]?.length).length : 0;
  const handIn = () => {
    const missing = (sheet?.questions.length ?? 0) - answered;
    if (missing > 0)
      modal.confirm({
        title: `还有 ${missing} 题未作答，确定交卷吗？`,
        okText: '交卷',
        cancelText: '继续答题',
        onOk: () => submit.mutate(),
      });
    else submit.mutate();
  };
  const left = z.maxAttempts === null ? null : z.maxAttempts - (z.my?.attempts ?? 0) - (result ? 0 : 0);
  return (
    <Page
      title={z.title}
      extra={
        z.actions.includes('results') ? (
          <Button onClick={() => navigate(`/training/quizzes/${z.id}/results`)}>查看结果</Button>
        ) : undefined
      }
    >
      <Flex vertical gap={12}>
        {result ? (
          <ResultCard z={z} result={result} retrying={start.isPending} onRetry={() => start.mutate()} />
        ) : sheet ? (
          <>
            <Flex
              justify="space-between"
              align="center"
              wrap
              gap={8}
              style={{ position: 'sticky', top: 0, zIndex: 2, background: '#f5f5f5', padding: '6px 0' }}
            >
              <Typography.Text>
                已答 {answered} / {sheet.questions.length}
              </Typography.Text>
              {sheet.deadlineAt && <Countdown deadline={sheet.deadlineAt} onEnd={() => submit.mutate()} />}
            </Flex>
            {sheet.questions.map((x, i) => (
              <QuestionBlock
                key={x.id}
                q={x}
                n={i + 1}
                value={answers[x.id] ?? []}
                onChange={(v) => setAnswers((a) => ({ ...a, [x.id]: v }))}
              />
            ))}
            <Button type="primary" size="large" block onClick={handIn} loading={submit.isPending}>
              交卷
            </Button>
          </>
        ) : (
          <QuizIntro z={z} left={left} starting={start.isPending} onStart={() => start.mutate()} />
        )}
      </Flex>
    </Page>
  );
}
