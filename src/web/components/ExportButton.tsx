import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, download } from '../api';

type QueryValue = string | number | boolean | null | undefined | string[];

export interface ExportButtonProps {
  /** The API path of the export, under /api/v1 (e.g. `/people/export`). */
  path: string;
  /** The list's current filters, so that the file holds what the screen shows (no page/pageSize). */
  query?: Record<string, QueryValue>;
  /** The file name when the server gives none. */
  filename?: string;
  /** The button's words; default 导出. */
  label?: ReactNode;
  icon?: ReactNode;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  block?: boolean;
  disabled?: boolean;
  /** Called after the file is saved. */
  onDone?: () => void;
}

const kb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;

/** The failure in words a user can act on. */
export function exportErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network' || err.code === 'aborted') return err.message;
    if (err.status === 403) return `无权导出：${err.message}`;
    if (err.status === 404) return `导出失败：${err.message}（数据不存在或不在您的范围内）`;
    if (err.status === 413 || err.code === 'too_large')
      return `导出失败：${err.message}（请缩小筛选范围后重试）`;
    if (err.status >= 500) return `导出失败：服务器处理出错，请稍后重试（${err.status}）`;
    return err.message.startsWith('导出') ? err.message : `导出失败：${err.message}`;
  }
  return '导出失败，请稍后重试';
}

/**
 * Downloads an export of the API and saves it under the server's file name. While the server builds the
 * file the button spins and says 正在生成…, then counts the download (percent when the size is known);
 * failures are shown in Chinese (no permission, network, server error) and the button is usable again.
 *
 *   <ExportButton path="/people/export" query={filters} filename="人员名册.xlsx" />
 */
export function ExportButton({
  path,
  query,
  filename = '导出.xlsx',
  label = '导出',
  icon = <DownloadOutlined />,
  type,
  size,
  block,
  disabled,
  onDone,
}: ExportButtonProps) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const busy = progress !== null;

  const run = async () => {
    setProgress({ received: 0, total: null });
    const key = `export:${path}`;
    message.open({ key, type: 'loading', content: '正在生成导出文件，数据较多时需要几秒钟…', duration: 0 });
    try {
      await download(path, query, filename, {
        onProgress: (received, total) => setProgress({ received, total }),
      });
      message.open({ key, type: 'success', content: '已导出，请在浏览器的下载中查看文件' });
      onDone?.();
    } catch (e) {
      message.open({ key, type: 'error', content: exportErrorText(e), duration: 6 });
    } finally {
      setProgress(null);
    }
  };

  let text: ReactNode = label;
  if (progress) {
    if (progress.total) text = `正在下载 ${Math.floor((progress.received / progress.total) * 100)}%`;
    else if (progress.received > 0) text = `正在下载 ${kb(progress.received)}`;
    else text = '正在生成…';
  }

  return (
    <Button
      icon={icon}
      type={type}
      size={size}
      block={block}
      loading={busy}
      disabled={disabled}
      onClick={run}
      aria-busy={busy || undefined}
    >
      {text}
    </Button>
  );
}
