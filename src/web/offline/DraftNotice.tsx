import { Alert, Button, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { showError } from '../api';
import { fmtDateTime } from '../format';
import type { DraftControl } from './useDraft';

const time = (iso?: string) => (iso ? fmtDateTime(iso).slice(5, 16) : '');

const shown = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.join('；') : `${v.length} 项`;
  if (typeof v === 'object') return '（见记录）';
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}T/.test(s) ? fmtDateTime(s).slice(0, 16) : s;
};

/**
 * The state of a form's draft above the form: restored from the phone (with 丢弃草稿), waiting for the
 * signal, refused by the server, or in conflict with the server's newer version — the two shown side by
 * side, the user choosing which stays.
 */
export function DraftNotice({
  control,
  labels = {},
  onTakeServer,
}: {
  control: DraftControl;
  /** Field → the words the form shows, for the conflict's comparison. */
  labels?: Record<string, string>;
  /** The user keeps the server's version: the form shows it again. */
  onTakeServer?: () => void;
}) {
  const { draft, restored } = control;
  const [busy, setBusy] = useState(false);
  if (!draft) return null;
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (draft.state === 'conflict' && draft.request) {
    const mine = draft.request.body;
    const theirs = draft.current ?? {};
    const rows = Object.keys(mine)
      .filter((k) => k in theirs && k !== 'draftedAt' && shown(mine[k]) !== shown(theirs[k]))
      .map((k) => ({ key: k, field: labels[k] ?? k, server: shown(theirs[k]), mine: shown(mine[k]) }));
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="draft-conflict"
        title="这条记录在您离线编辑期间已被修改"
        description={
          <Flex vertical gap={8}>
            <Typography.Text>
              服务器上的版本{theirs.updatedAt ? `（${time(String(theirs.updatedAt))} 修改）` : ''}
              与您的草稿不同。请对照后选择保留哪一份；不选择就不会覆盖任何一方。
            </Typography.Text>
            {rows.length > 0 && (
              <Table
                size="small"
                pagination={false}
                dataSource={rows}
                scroll={{ x: true }}
                columns={[
                  { title: '项目', dataIndex: 'field', width: 90 },
                  { title: '服务器上的', dataIndex: 'server' },
                  { title: '我的草稿', dataIndex: 'mine' },
                ]}
              />
            )}
            <Flex gap={8} wrap>
              <Button type="primary" danger loading={busy} onClick={() => act(control.keepMine)}>
                保留我的（覆盖服务器上的）
              </Button>
              <Button
                disabled={busy}
                onClick={() =>
                  act(async () => {
                    await control.discard();
                    onTakeServer?.();
                  })
                }
              >
                采用服务器上的（丢弃草稿）
              </Button>
            </Flex>
          </Flex>
        }
      />
    );
  }
  if (draft.state === 'queued') {
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="draft-queued"
        title="已保存在本机，等待联网后自动发送"
        description={draft.error ?? `保存于 ${time(draft.savedAt)}；联网后自动发送，不会重复提交。`}
      />
    );
  }
  if (draft.state === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        title="服务器未接受这份草稿"
        description={`${draft.error ?? ''}（草稿仍保存在本机，修改后重新提交即可）`}
      />
    );
  }
  if (!restored) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="draft-restored"
      title={`已恢复本机保存的草稿（${time(draft.savedAt)} 保存）`}
      description={`草稿开始于 ${time(draft.draftedAt)}；内容随填随存在本机，提交前不会发送。`}
      action={
        <Button size="small" disabled={busy} onClick={() => act(() => control.discard(true))}>
          丢弃草稿
        </Button>
      }
    />
  );
}
