import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { listDrafts, subscribeDrafts } from './drafts';
import { onlineSince, useOnline } from './network';

/** How many drafts of this account wait to be sent (or to be settled). */
export function usePendingDrafts(account: string | null): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!account) return;
    let live = true;
    const load = () =>
      void listDrafts(account).then((ds) => {
        if (live) setCount(ds.filter((d) => d.state !== 'editing').length);
      });
    load();
    const off = subscribeDrafts(load);
    return () => {
      live = false;
      off();
    };
  }, [account]);
  return count;
}

const bar = (background: string, color: string) => ({
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  minHeight: 44,
  padding: '6px 12px',
  margin: '0 0 12px',
  borderRadius: 6,
  background,
  color,
  fontSize: 14,
  lineHeight: 1.4,
});

/**
 * A visible 离线 banner while the server cannot be reached: what is shown was loaded before, and what is
 * recorded stays on the phone until the signal returns. Online, it tells how many records still wait.
 */
export function OfflineBanner({ account = null }: { account?: string | null }) {
  const online = useOnline();
  const pending = usePendingDrafts(account);
  if (online && pending === 0) return null;
  if (online) {
    return (
      <div role="status" data-testid="pending-banner" style={bar('#e6f4ff', '#0958d9')}>
        <CloudSyncOutlined />
        <span style={{ flex: 1 }}>{pending} 条记录待发送或待处理</span>
        <Link to="/drafts" style={{ padding: '10px 0' }}>
          查看
        </Link>
      </div>
    );
  }
  const at = new Date(onlineSince());
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return (
    <div role="alert" data-testid="offline-banner" style={bar('#fff1f0', '#a8071a')}>
      <DisconnectOutlined />
      <span style={{ flex: 1 }}>
        <strong>离线</strong>（{hhmm}{' '}
        起）：显示的是上次联网时加载的内容；新填写的记录保存在本机，联网后自动发送
        {pending ? `（${pending} 条待发送）` : ''}
      </span>
      {account && pending > 0 && (
        <Link to="/drafts" style={{ padding: '10px 0', whiteSpace: 'nowrap' }}>
          查看
        </Link>
      )}
    </div>
  );
}
