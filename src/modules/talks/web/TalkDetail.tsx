import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Tag } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import type { TalkDetail as Talk } from '../contract';

export default function TalkDetail() {
  const { id } = useParams();
  const talk = useQuery({
    queryKey: ['talks', 'detail', id],
    queryFn: () => api<Talk>(`/talks/${id}`),
    staleTime: Infinity,
  });
  if (talk.isPending) return <Loading />;
  if (talk.isError) return <Alert type="error" title={(talk.error as Error).message} />;
  const t = talk.data;
  return (
    <Page title={`谈话记录·${t.personName}`}>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="谈话对象">{t.personName}</Descriptions.Item>
          <Descriptions.Item label="党支部">{t.orgName}</Descriptions.Item>
          <Descriptions.Item label="类型">{t.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="谈话日期">
            {t.heldOn} {t.late && <Tag color="orange">补录</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="谈话人">{t.talkerName}</Descriptions.Item>
          <Descriptions.Item label="记录">
            {t.recordedByName} {fmtDateTime(t.recordedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="谈话内容" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{t.summary}</div>
          </Descriptions.Item>
          <Descriptions.Item label="后续措施" span={2}>
            {t.followUp ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Alert style={{ marginTop: 12 }} type="info" showIcon title="本次查看已记入审计日志。" />
    </Page>
  );
}
