import { CheckCircleFilled, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Progress, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { ContentDetail, ProgressAnswer } from '../contract';
import { FileList } from './Courses';
import { hoursText, percent } from './model';

const mmss = (s: number) => `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒`;

/**
 * Counts the seconds this page is visible (Page Visibility API) and reports them to the server every
 * heartbeat, and at once when the page is hidden; the server credits no more than the time that passed
 * and never past the item's length. Nothing is counted while the page is in the background.
 */
function useStudyClock(c: ContentDetail, enabled: boolean) {
  const [progress, setProgress] = useState<ProgressAnswer | null>(null);
  const [visible, setVisible] = useState(document.visibilityState === 'visible');
  const pending = useRef(0);
  const sending = useRef(false);
  const [shown, setShown] = useState(c.my?.seconds ?? 0);
  const stopped = useRef(false);
  stopped.current = !!progress?.finishedOn;

  const beat = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    const seconds = Math.min(120, pending.current);
    pending.current -= seconds;
    try {
      const p = await api<ProgressAnswer>(`/training/contents/${c.id}/progress`, {
        method: 'POST',
        body: { seconds },
      });
      setProgress(p);
      setShown(p.seconds + pending.current);
    } catch {
      // A dropped connection keeps the seconds for the next beat.
      pending.current += seconds;
    } finally {
      sending.current = false;
    }
  }, [c.id]);

  useEffect(() => {
    if (!enabled) return;
    void beat();
    const onVisibility = () => {
      const v = document.visibilityState === 'visible';
      setVisible(v);
      if (!v) void beat();
    };
    document.addEventListener('visibilitychange', onVisibility);
    let ticks = 0;
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible' || stopped.current) return;
      pending.current += 1;
      setShown((s) => Math.min(c.minutes * 60, s + 1));
      ticks += 1;
      if (ticks % c.heartbeatSeconds === 0) void beat();
    }, 1000);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.clearInterval(timer);
      if (pending.current > 0) void beat();
    };
  }, [enabled, beat, c.minutes, c.heartbeatSeconds]);

  return { progress, visible, shown, setProgress };
}

function StudyPanel({ c }: { c: ContentDetail }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const finished = !!c.my?.finishedOn;
  const { progress, visible, shown, setProgress } = useStudyClock(c, !finished);
  const cap = c.minutes * 60;
  const canFinish = !finished && (progress?.canFinish ?? false);
  const finish = useMutation({
    mutationFn: () => api<ProgressAnswer>(`/training/contents/${c.id}/finish`, { method: 'POST' }),
    onSuccess: (p) => {
      setProgress(p);
      message.success(`已完成学习，记入 ${hoursText(c.hours)} 学时`);
      client.invalidateQueries({ queryKey: ['training'] });
    },
    onError: showError,
  });
  const done = finished || !!progress?.finishedOn;
  return (
    <Card size="small" data-testid="study-panel">
      {done ? (
        <Flex gap={8} align="center">
          <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
          <Typography.Text strong>
            已于 {progress?.finishedOn ?? c.my?.finishedOn} 完成学习，记入 {hoursText(c.hours)} 学时
          </Typography.Text>
        </Flex>
      ) : (
        <Flex vertical gap={8}>
          <Progress percent={Math.min(100, Math.round((100 * shown) / cap))} showInfo={false} />
          <Typography.Text type="secondary">
            已学 {mmss(Math.min(shown, cap))}（共 {c.minutes} 分钟）；在本页面学满{' '}
            {Math.ceil(c.finishSeconds / 60)} 分钟后可以完成学习。
            {!visible && '页面在后台时不计时。'}
          </Typography.Text>
          <Button
            type="primary"
            size="large"
            block
            disabled={!canFinish}
            loading={finish.isPending}
            onClick={() => finish.mutate()}
          >
            {canFinish ? `完成学习（记 ${hoursText(c.hours)} 学时）` : '学习中…'}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function Material({ c }: { c: ContentDetail }) {
  const video = c.files.find((f) => f.mimeType.startsWith('video/'));
  const pdf = c.files.find((f) => f.mimeType === 'application/pdf');
  return (
    <Card size="small">
      <Flex vertical gap={12}>
        {video && (
          // biome-ignore lint/a11y/useMediaCaption: teaching videos come without caption files
          <video controls preload="metadata" style={{ width: '100%', maxHeight: 480, background: '#000' }}>
            <source src={`/api/v1/training/files/${video.id}?inline=true`} type={video.mimeType} />
          </video>
        )}
        {!video && pdf && (
          <iframe
            title={pdf.fileName}
            src={`/api/v1/training/files/${pdf.id}?inline=true`}
            style={{ width: '100%', height: 560, border: '1px solid #f0f0f0' }}
          />
        )}
        {c.body && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9, margin: 0 }}>
            {c.body}
          </Typography.Paragraph>
        )}
        {c.url && (
          <Alert
            type="info"
            showIcon
            icon={<LinkOutlined />}
            title={
              <a href={c.url} target="_blank" rel="noreferrer">
                打开学习材料
              </a>
            }
            description="材料在新页面打开时，本页面转入后台不计时；可在手机分屏或电脑并排窗口中学习。"
          />
        )}
        <FileList files={c.files} />
      </Flex>
    </Card>
  );
}

/** 学习: read or watch the item; the time counts while this page is visible; finish when enough is spent. */
export default function ContentReader() {
  const { id } = useParams();
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['training', 'content', id],
    queryFn: () => api<ContentDetail>(`/training/contents/${id}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const c = q.data;
  if (q.isPending) return <Loading />;
  if (q.isError || !c)
    return (
      <Page title="学习">
        <Alert type="error" showIcon title={(q.error as Error)?.message ?? '加载失败'} />
      </Page>
    );
  return (
    <Page title={c.title}>
      <Flex vertical gap={12}>
        <Flex gap={6} wrap align="center">
          <Tag>{c.kindLabel}</Tag>
          <Tag>{c.topic}</Tag>
          {c.required && <Tag color="red">必学{c.dueOn ? ` · ${c.dueOn} 前` : ''}</Tag>}
          <Typography.Text type="secondary">
            {c.orgName} · {c.publishedOn} 发布 · {c.minutes} 分钟 · {hoursText(c.hours)} 学时
          </Typography.Text>
        </Flex>
        {c.actions.includes('study') && <StudyPanel c={c} />}
        {c.stats && (
          <Card size="small" title="学习情况">
            范围内党员 {c.stats.audience} 人，已完成 {c.stats.finished} 人（
            {percent(c.stats.audience ? c.stats.finished / c.stats.audience : null)}）
          </Card>
        )}
        <Material c={c} />
        {c.actions.includes('upload') && (
          <Card size="small" title="上传资料（视频、PDF 可在本页直接学习）">
            <FileList
              files={[]}
              uploadPath={`/training/contents/${c.id}/files`}
              onUploaded={() => client.invalidateQueries({ queryKey: ['training', 'content', id] })}
            />
          </Card>
        )}
      </Flex>
    </Page>
  );
}
