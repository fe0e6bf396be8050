import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { api, showError, upload } from '../../../web/api';
import type { MeetingDetail as Meeting } from './model';

/** Photos, scans and documents of a meeting: uploaded by its recorder, removable while a draft. */

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

export function Attachments({ m }: { m: Meeting }) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const canAdd = m.actions.includes('update');
  const pick = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.jpg,.jpeg,.png,.webp,.pdf,.doc,.docx,.xls,.xlsx';
    input.onchange = async () => {
      const file = input.files?.[0];
      if (!file) return;
      setProgress(0);
      try {
        await upload(`/meetings/${m.id}/attachments`, file, undefined, setProgress);
        await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      } catch (e) {
        showError(e);
      } finally {
        setProgress(null);
      }
    };
    input.click();
  };
  const remove = async (attachmentId: string) => {
    try {
      await api(`/meetings/${m.id}/attachments/${attachmentId}`, { method: 'DELETE' });
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
    } catch (e) {
      showError(e);
    }
  };
  if (!canAdd && m.attachments.length === 0) return null;
  return (
    <Card
      size="small"
      title={`附件（${m.attachments.length}）`}
      style={{ marginBottom: 12 }}
      extra={
        canAdd && (
          <Button size="small" icon={<UploadOutlined />} loading={progress !== null} onClick={pick}>
            {progress !== null ? `${progress}%` : '上传照片或文件'}
          </Button>
        )
      }
    >
      {m.attachments.length === 0 && (
        <Typography.Text type="secondary">可上传会议照片、签到表扫描件或文件（每个 ≤ 10 MB）</Typography.Text>
      )}
      {m.attachments.map((a) => (
        <Flex key={a.id} justify="space-between" align="center" gap={8} style={{ padding: '4px 0' }}>
          <a
            href={`/api/v1/meetings/${m.id}/attachments/${a.id}`}
            download={a.fileName}
            style={{ minWidth: 0 }}
          >
            <PaperClipOutlined /> {a.fileName}
          </a>
          <Flex gap={8} align="center">
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, whiteSpace: 'nowrap' }}
              title={`SHA-256 ${a.sha256}`}
            >
              {sizeText(a.size)}
            </Typography.Text>
            {canAdd && m.status === 'draft' && (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(a.id)}
              />
            )}
          </Flex>
        </Flex>
      ))}
    </Card>
  );
}
