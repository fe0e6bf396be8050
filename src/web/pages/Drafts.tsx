import { Button, Card, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { showError } from '../api';
import { Page } from '../components/Page';
import { fmtDateTime } from '../format';
import {
  type Draft,
  type DraftState,
  deleteDraft,
  listDrafts,
  subscribeDrafts,
  updateDraft,
} from '../offline/drafts';
import { useOnline } from '../offline/network';
import { sendDraft } from '../offline/outbox';
import { useMe } from '../session';

const STATES: Record<DraftState, { label: string; color: string }> = {
  editing: { label: '填写中', color: 'default' },
  queued: { label: '等待联网发送', color: 'gold' },
  failed: { label: '未被接受', color: 'red' },
  conflict: { label: '与服务器冲突', color: 'red' },
};

/** The drafts kept on this phone for the signed-in user: being typed, waiting to be sent, or needing them. */
export default function Drafts() {
  const me = useMe();
  const online = useOnline();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  useEffect(() => {
    const load = () => void listDrafts(me.user.id).then(setDrafts);
    load();
    return subscribeDrafts(load);
  }, [me.user.id]);

  const resend = async (d: Draft) => {
    try {
      if (d.state !== 'queued') await updateDraft(d.id, { state: 'queued' });
      await sendDraft(d.id);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Page title="本机草稿">
      <Typography.Paragraph type="secondary">
        在手机上填写的会议记录、谈话和违章违纪随填随存在本机；没有信号时提交的记录在这里等待，联网后自动发送，不会重复提交。
      </Typography.Paragraph>
      {drafts && drafts.length === 0 && <Empty description="本机没有草稿" />}
      <Flex vertical gap={12}>
        {(drafts ?? []).map((d) => (
          <Card key={d.id} size="small" data-testid="draft-card">
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong>{d.title}</Typography.Text>
                <Typography.Text type="secondary">
                  开始于 {fmtDateTime(d.draftedAt).slice(0, 16)}，保存于 {fmtDateTime(d.savedAt).slice(0, 16)}
                </Typography.Text>
                {d.error && <Typography.Text type="danger">{d.error}</Typography.Text>}
              </Flex>
              <Tag color={STATES[d.state].color}>{STATES[d.state].label}</Tag>
            </Flex>
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <Link to={d.path}>
                <Button>打开</Button>
              </Link>
              {d.request && d.state !== 'conflict' && (
                <Button type="primary" disabled={!online} onClick={() => resend(d)}>
                  立即发送
                </Button>
              )}
              <Popconfirm title="删除这份草稿？删除后无法恢复。" onConfirm={() => deleteDraft(d.id)}>
                <Button danger>删除</Button>
              </Popconfirm>
            </Flex>
          </Card>
        ))}
      </Flex>
    </Page>
  );
}
