import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { listDrafts } from './drafts';
import { subscribeNetwork } from './network';
import { flushOutbox } from './outbox';

const EVERY_MS = 30_000;

/**
 * Sends the account's queued drafts: when the shell opens, whenever the connection comes back, and every
 * 30 s while some wait. Tells the user what was sent and what needs them (a conflict, a refusal).
 */
export function useOutbox(account: string) {
  const queryClient = useQueryClient();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  useEffect(() => {
    let live = true;
    const run = async () => {
      const waiting = (await listDrafts(account)).some((d) => d.state === 'queued');
      if (!waiting || !live) return;
      const report = await flushOutbox(account, queryClient);
      if (!live) return;
      if (report.sent.length) {
        message.success(
          report.sent.length === 1
            ? `离线保存的${report.sent[0].title}已发送`
            : `离线保存的 ${report.sent.length} 条记录已发送`,
        );
      }
      for (const d of [...report.conflicts, ...report.failed.map((f) => f.draft)]) {
        notification.warning({
          key: d.id,
          title: report.conflicts.includes(d) ? `${d.title}：与服务器上的版本冲突` : `${d.title}：未能发送`,
          description: '请打开草稿处理',
          onClick: () => navigate(d.path),
          duration: 0,
        });
      }
    };
    void run();
    const off = subscribeNetwork((online) => {
      if (online) void run();
    });
    const timer = setInterval(() => void run(), EVERY_MS);
    return () => {
      live = false;
      off();
      clearInterval(timer);
    };
  }, [account, queryClient, message, notification, navigate]);
}
