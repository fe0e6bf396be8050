import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import type { TaskDetail as Task } from '../contract';
import { FIELD_TYPE_LABELS } from '../rules';
import { AnswerCard } from './AnswerCard';
import { FileList, Progressbar } from './parts';
import { History, TargetsCard } from './Targets';

/** The task: what is asked and by when; the caller's own answer; for the sender, every target and the review. */
export default function TaskDetail() {
  const { id } = useParams();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => api<Task>(`/tasks/${id}`) });
  const t = q.data;
  if (!t) return <Loading />;
  const mine = t.targets.filter((x) => x.mine);
  const refresh = () => client.invalidateQueries({ queryKey: ['tasks'] });
  return (
    <Page
      title={t.title}
      extra={
        t.targets.length > 1 || t.side === 'sender' ? (
          <ExportButton path={`/tasks/${t.id}/export`} label="导出全部回复" filename={`${t.title}.xlsx`} />
        ) : undefined
      }
    >
      {mine.map((target) => (
        <AnswerCard key={target.id} task={t} target={target} />
      ))}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="发布组织">{t.orgName}</Descriptions.Item>
          <Descriptions.Item label="截止日期">
            <Typography.Text strong>{t.dueOn}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="发布">
            {t.createdByName} · {fmtDateTime(t.createdAt).slice(0, 16)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
          {t.content}
        </Typography.Paragraph>
        {t.fields.length > 0 && (
          <Flex gap={6} wrap style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">填报项：</Typography.Text>
            {t.fields.map((f) => (
              <Tag key={f.key} title={f.prefillLabel}>
                {f.label}（{FIELD_TYPE_LABELS[f.type]}
                {f.prefill ? '，系统取数' : ''}
                {f.required ? '' : '，选填'}）
              </Tag>
            ))}
          </Flex>
        )}
        {t.requireFiles && <Tag color="purple">回复须附照片或文件</Tag>}
        {(t.files.length > 0 || t.actions.includes('attach')) && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">任务附件</Typography.Text>
            <FileList
              files={t.files}
              taskId={t.id}
              uploadPath={t.actions.includes('attach') ? `/tasks/${t.id}/files` : undefined}
              canRemove={t.actions.includes('attach')}
              onChange={refresh}
            />
          </div>
        )}
        {t.targets.length > 1 && (
          <div style={{ marginTop: 12, maxWidth: 420 }}>
            <Progressbar counts={t.counts} />
          </div>
        )}
      </Card>
      {mine.length > 0 && mine.every((m) => m.history.length > 0) && (
        <Card size="small" title="办理记录" style={{ marginBottom: 12 }}>
          <History target={mine[0]} />
        </Card>
      )}
      {(t.side === 'sender' || t.targets.some((x) => !x.mine)) && <TargetsCard task={t} />}
    </Page>
  );
}
