import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, showError, upload } from '../../../web/api';
import { dayjs, today } from '../../../web/format';
import type { StatusCounts, TaskFile } from '../contract';
import type { TargetStatus } from '../rules';
import { STATUS_COLORS, sizeText, statusLabel } from './model';

export function StatusTag({ status }: { status: TargetStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {statusLabel(status)}
    </Tag>
  );
}

/** The deadline as the target feels it: red past it, orange within the reminder days, else the date. */
export function DeadlineTag({
  deadline,
  urgency,
}: {
  deadline: string;
  urgency: 'overdue' | 'soon' | 'later';
}) {
  const days = dayjs(deadline).diff(today(), 'day');
  if (urgency === 'overdue')
    return (
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        逾期 {-days} 天
      </Tag>
    );
  if (urgency === 'soon')
    return (
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        {days === 0 ? '今天到期' : `${days} 天后到期`}
      </Tag>
    );
  return <Tag style={{ marginInlineEnd: 0 }}>{deadline.slice(5).replace('-', '月')}日前</Tag>;
}

/** Answered, accepted and overdue of a task's targets, as a bar with the numbers. */
export function Progressbar({ counts, compact }: { counts: StatusCounts; compact?: boolean }) {
  const answered = counts.submitted + counts.accepted;
  const pct = (n: number) => (counts.total ? Math.round((n / counts.total) * 100) : 0);
  return (
    <div style={{ minWidth: compact ? 140 : 200 }}>
      <Tooltip title={`通过 ${counts.accepted}，待审核 ${counts.submitted}，共 ${counts.total}`}>
        <Progress
          percent={pct(answered)}
          success={{ percent: pct(counts.accepted) }}
          size="small"
          showInfo={false}
          strokeColor="#faad14"
        />
      </Tooltip>
      <Flex gap={10} wrap style={{ fontSize: 13 }}>
        <span>
          已回复 {answered}/{counts.total}
        </span>
        <span style={{ color: '#389e0d' }}>通过 {counts.accepted}</span>
        {counts.overdue > 0 && (
          <span style={{ color: '#cf1322', fontWeight: 600 }}>逾期 {counts.overdue}</span>
        )}
      </Flex>
    </div>
  );
}

/** Files with a download link each, a remove button where allowed, and an upload button. */
export function FileList({
  files,
  uploadPath,
  taskId,
  canRemove,
  onChange,
  hint,
}: {
  files: TaskFile[];
  uploadPath?: string;
  taskId: string;
  canRemove?: boolean;
  onChange: () => void;
  hint?: string;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const pick = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.jpg,.jpeg,.png,.webp,.pdf,.doc,.docx,.xls,.xlsx';
    input.onchange = async () => {
      const file = input.files?.[0];
      if (!file || !uploadPath) return;
      setProgress(0);
      try {
        await upload(uploadPath, file, undefined, setProgress);
        onChange();
      } catch (e) {
        showError(e);
      } finally {
        setProgress(null);
      }
    };
    input.click();
  };
  const remove = async (fileId: string) => {
    try {
      await api(`/tasks/${taskId}/files/${fileId}`, { method: 'DELETE' });
      onChange();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Flex vertical gap={4}>
      {files.map((f) => (
        <Flex key={f.id} justify="space-between" align="center" gap={8}>
          <a
            href={`/api/v1/tasks/${taskId}/files/${f.id}`}
            download={f.fileName}
            style={{ minWidth: 0, wordBreak: 'break-all' }}
          >
            <PaperClipOutlined /> {f.fileName}
          </a>
          <Flex gap={4} align="center">
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, whiteSpace: 'nowrap' }}
              title={`SHA-256 ${f.sha256}`}
            >
              {sizeText(f.size)}
            </Typography.Text>
            {canRemove && (
              <Button
                size="small"
                type="text"
                danger
                aria-label="删除附件"
                icon={<DeleteOutlined />}
                onClick={() => remove(f.id)}
              />
            )}
          </Flex>
        </Flex>
      ))}
      {files.length === 0 && hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
      {uploadPath && (
        <div>
          <Button icon={<UploadOutlined />} loading={progress !== null} onClick={pick}>
            {progress !== null ? `上传中 ${progress}%` : '上传照片或文件'}
          </Button>
        </div>
      )}
    </Flex>
  );
}
