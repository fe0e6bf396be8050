import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import type { Violation } from '../contract';
import { TalkStatusTag } from './ViolationList';

export default function ViolationDetail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const v = useQuery({ queryKey: ['violations', id], queryFn: () => api<Violation>(`/violations/${id}`) });
  if (v.isPending) return <Loading />;
  if (v.isError) return <Alert type="error" title={(v.error as Error).message} />;
  const r = v.data;
  return (
    <Page
      title={`违章违纪·${r.personName}`}
      extra={
        r.actions.includes('record_talk') && (
          <Button
            type="primary"
            onClick={() => navigate(`/talks/new?violationId=${r.id}&personId=${r.personId}`)}
          >
            记录谈话
          </Button>
        )
      }
    >
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="姓名">
            {r.personName} {r.wasMember && <Tag color="red">党员</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="党支部">{r.orgName}</Descriptions.Item>
          <Descriptions.Item label="发生日期">{r.occurredOn}</Descriptions.Item>
          <Descriptions.Item label="岗位">{r.post ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="类型">{r.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="类别">{r.categoryName}</Descriptions.Item>
          <Descriptions.Item label="严重程度">{r.severityName}</Descriptions.Item>
          <Descriptions.Item label="来源">{r.sourceLabel}</Descriptions.Item>
          <Descriptions.Item label="地点">{r.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="录入">
            {r.recordedByName} {fmtDateTime(r.recordedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="情况描述" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{r.description}</div>
          </Descriptions.Item>
          <Descriptions.Item label="两违谈话" span={2}>
            {r.talk ? (
              <>
                <TalkStatusTag talk={r.talk} /> 期限 {r.talk.dueOn}
                {r.talk.talkId && (
                  <Button type="link" size="small" onClick={() => navigate(`/talks/${r.talk?.talkId}`)}>
                    查看谈话
                  </Button>
                )}
              </>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Page>
  );
}
