import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Tag } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { Analysis } from '../contract';

export default function AnalysisDetail() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['safety', 'analyses', 'detail', id],
    queryFn: () => api<Analysis>(`/safety/analyses/${id}`),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <Alert type="error" title={(q.error as Error).message} />;
  const a = q.data;
  return (
    <Page title={`安全剖析·${a.orgName}`}>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="党支部">{a.orgName}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={a.status === 'open' ? 'blue' : 'green'}>
              {a.status === 'open' ? '整改中' : '已闭环'}
            </Tag>
            {a.overdue && <Tag color="red">逾期</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="剖析期间">
            {a.periodFrom} 至 {a.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="起因">
            {a.trigger === 'threshold' ? '党员违章率超过阈值' : '支部自行剖析'}
          </Descriptions.Item>
          <Descriptions.Item label="责任人">{a.responsibleName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="整改期限">{a.dueOn}</Descriptions.Item>
          <Descriptions.Item label="原因剖析" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{a.rootCauses}</div>
          </Descriptions.Item>
          <Descriptions.Item label="整改措施" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{a.measures}</div>
          </Descriptions.Item>
          <Descriptions.Item label="闭环意见" span={2}>
            {a.closingComment ? `${a.closingComment}（${a.closedByName}，${a.closedOn}）` : '尚未闭环'}
          </Descriptions.Item>
          <Descriptions.Item label="填写人">{a.createdByName}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Page>
  );
}
