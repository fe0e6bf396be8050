import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Statistic, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { ResultDetail, ResultItem } from '../contract';
import { ITEM_KIND_LABELS } from '../rules';
import { pctText, starText } from './model';
import { EvidenceList, PointsTag } from './parts';

function ScoreForm({ roundId, subjectId, item }: { roundId: string; subjectId: string; item: ResultItem }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { points: number; reason: string }) =>
      api<ResultDetail>(`/assessment/rounds/${roundId}/scores`, {
        method: 'POST',
        body: { subjectId, itemId: item.itemId, points: v.points, reason: v.reason },
      }),
    onSuccess: (d) => {
      message.success('评分已保存');
      qc.setQueryData(['assessment', 'result', roundId, subjectId], d);
      qc.invalidateQueries({ queryKey: ['assessment', 'results', roundId] });
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8, marginTop: 8 }}
      initialValues={{ points: item.value ?? undefined, reason: item.reason ?? '' }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item name="points" rules={[{ required: true, message: '请打分' }]}>
        <InputNumber
          min={0}
          max={item.max}
          step={0.5}
          placeholder={`0–${item.max}`}
          addonAfter="分"
          style={{ width: 140 }}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        rules={[{ required: true, message: '请写明评分理由' }]}
        style={{ flex: 1, minWidth: 220 }}
      >
        <Input maxLength={500} placeholder="评分理由（必填）" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {item.scored ? '修改评分' : '保存评分'}
      </Button>
    </Form>
  );
}

/** One subject's result: every item with its reading, the rule's points and the records behind it. */
export default function SubjectResult() {
  const { id, subjectId } = useParams();
  const location = useLocation();
  const data = useQuery({
    queryKey: ['assessment', 'result', id, subjectId],
    queryFn: () => api<ResultDetail>(`/assessment/rounds/${id}/results/${subjectId}`),
  });
  useEffect(() => {
    if (!data.data || !location.hash) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [data.data, location.hash]);
  if (data.isPending) return <Loading />;
  if (data.isError) return <Alert type="error" title={(data.error as Error).message} />;
  const { round, result: r } = data.data;
  const canScore = round.status === 'open' && round.actions.includes('score');
  return (
    <Page title={`${r.personName ?? r.orgName}·考核结果`}>
      <Flex vertical gap={12}>
        <Card size="small">
          <Flex wrap gap={24} align="center">
            <Statistic
              title="得分"
              value={r.applicable ? (r.total ?? 0) : '不适用'}
              suffix={r.applicable ? `/ ${r.maxTotal}` : undefined}
            />
            <Statistic title="得分率" value={pctText(r.percent)} />
            {r.bonus > 0 && <Statistic title="加分" value={`+${r.bonus}`} />}
            {r.deduction > 0 && <Statistic title="扣分" value={`−${r.deduction}`} />}
            {r.rank !== null && <Statistic title="排名" value={r.rank} />}
            {r.stars !== null && <Statistic title="星级" value={starText(r.stars)} />}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            <Link to={`/assessment/rounds/${round.id}`}>{round.name}</Link>
            {round.status === 'closed'
              ? `，${data.data.asOf} 结束并冻结`
              : `，进行中，数据截至 ${data.data.asOf}`}
            {r.personName && `；${r.orgName}`}
            {r.zones.length > 0 && `；负责：${r.zones.map((z) => `${z.kindLabel}“${z.name}”`).join('、')}`}
            {r.note && `；${r.note}`}
            {!r.personName && (
              <>
                {'；'}
                <Link to={`/assessment/branches/${r.orgId}`}>本支部岗区与历次考核</Link>
              </>
            )}
          </Typography.Paragraph>
        </Card>
        {r.items.map((item) => (
          <Card
            key={item.itemId}
            id={`item-${item.itemId}`}
            size="small"
            title={
              <Flex gap={8} align="center" wrap>
                <span>{item.name}</span>
                <Tag>{item.computed ? `系统计算·${item.sourceLabel}` : '人工评分'}</Tag>
                {item.kind !== 'score' && <Tag>{ITEM_KIND_LABELS[item.kind]}</Tag>}
              </Flex>
            }
            extra={<PointsTag item={item} />}
            style={{ scrollMarginTop: 72 }}
          >
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {item.valueText}
              {item.kind !== 'score'
                ? `（最多${item.kind === 'bonus' ? '加' : '扣'} ${item.max} 分）`
                : `（满分 ${item.max} 分）`}
            </Typography.Paragraph>
            {item.computed ? (
              <EvidenceList
                evidence={item.evidence}
                skipSummary={
                  item.evidence.summary === item.valueText ||
                  item.evidence.summary === `不适用：${item.valueText}`
                }
              />
            ) : (
              <Typography.Text type="secondary">{item.evidence.summary}</Typography.Text>
            )}
            {!item.computed && canScore && r.applicable && (
              <ScoreForm roundId={round.id} subjectId={r.subjectId} item={item} />
            )}
          </Card>
        ))}
      </Flex>
    </Page>
  );
}
