import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, showError, upload } from '../../../web/api';
import { dayjs, today } from '../../../web/format';
import type { InspectionFile } from '../contract';
import type { RectStatus } from '../rules';
import { RECT_COLORS, rectLabel } from './model';

export function RectTag({ status }: { status: RectStatus }) {
  return (
    <Tag color={RECT_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {rectLabel(status)}
    </Tag>
  );
}

/** The deadline of an open item: red past it, orange within a week. */
export function DueTag({ rectifyBy, urgency }: { rectifyBy: string; urgency: 'overdue' | 'soon' | 'later' }) {
  const days = dayjs(rectifyBy).diff(today(), 'day');
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
  return <Tag style={{ marginInlineEnd: 0 }}>{rectifyBy} 前</Tag>;
}

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(n / 1024))} KB`;

/** Evidence: photos as thumbnails, other files as links; upload and remove where allowed. */
export function Evidence({
  files,
  uploadPath,
  canRemove,
  onChange,
  hint,
}: {
  files: InspectionFile[];
  uploadPath?: string;
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
  const remove = async (f: InspectionFile) => {
    try {
      await api(f.url, { method: 'DELETE' });
      onChange();
    } catch (e) {
      showError(e);
    }
  };
  const photos = files.filter((f) => f.mimeType.startsWith('image/'));
  const others = files.filter((f) => !f.mimeType.startsWith('image/'));
  return (
    <Flex vertical gap={6}>
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {photos.map((f) => (
              <div key={f.id} style={{ position: 'relative' }}>
                <Image
                  src={`/api/v1${f.url}`}
                  width={88}
                  height={88}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                  alt={f.fileName}
                />
                {canRemove && (
                  <Button
                    size="small"
                    danger
                    type="primary"
                    aria-label="删除照片"
                    icon={<DeleteOutlined />}
                    style={{ position: 'absolute', top: 2, right: 2 }}
                    onClick={() => remove(f)}
                  />
                )}
              </div>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <Flex key={f.id} justify="space-between" align="center" gap={8}>
          <a href={`/api/v1${f.url}`} download={f.fileName} style={{ minWidth: 0, wordBreak: 'break-all' }}>
            <PaperClipOutlined /> {f.fileName}
          </a>
          <Flex gap={4} align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {sizeText(f.size)}
            </Typography.Text>
            {canRemove && (
              <Button
                size="small"
                type="text"
                danger
                aria-label="删除附件"
                icon={<DeleteOutlined />}
                onClick={() => remove(f)}
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
