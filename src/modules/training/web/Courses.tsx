import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Progress,
  Select,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { api, showError, showFormError, upload } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { PersonPicker } from '../../../web/components/PersonPicker';
import { pagedListProps, ResponsiveList } from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
import { useIsMobile } from '../../../web/useIsMobile';
import type { Course, FileItem } from '../contract';
import { hoursText, useTrainingSettings } from './model';

const kb = (n: number) => (n < 1048576 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`);

/** The material files of a course or study item, with an upload button for who may add them. */
export function FileList({
  files,
  uploadPath,
  onUploaded,
}: {
  files: FileItem[];
  uploadPath?: string;
  onUploaded?: (f: FileItem) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [pct, setPct] = useState<number | null>(null);
  const { message } = App.useApp();
  const send = async (file: File) => {
    if (!uploadPath) return;
    setPct(0);
    try {
      const saved = await upload<FileItem>(uploadPath, file, undefined, setPct);
      message.success(`已上传“${saved.fileName}”`);
      onUploaded?.(saved);
    } catch (e) {
      showError(e);
    } finally {
      setPct(null);
    }
  };
  return (
    <Flex vertical gap={8}>
      {files.length > 0 && (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => (
            <List.Item extra={kb(f.size)}>
              <a
                href={`/api/v1/training/files/${f.id}${f.mimeType.startsWith('video/') || f.mimeType === 'application/pdf' ? '?inline=true' : ''}`}
                target="_blank"
                rel="noreferrer"
              >
                <PaperClipOutlined /> {f.fileName}
              </a>
            </List.Item>
          )}
        />
      )}
      {uploadPath && (
        <>
          <input
            ref={input}
            type="file"
            hidden
            accept=".pdf,.doc,.docx,.ppt,.pptx,.xlsx,.jpg,.jpeg,.png,.mp4"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void send(f);
              e.target.value = '';
            }}
          />
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} loading={pct !== null}>
            上传资料（PDF、Office、图片、MP4，≤ 20 MB）
          </Button>
          {pct !== null && <Progress percent={pct} size="small" />}
        </>
      )}
    </Flex>
  );
}

type Values = {
  orgId: string;
  title: string;
  topic: string;
  hours: number;
  material?: string;
  teacherPersonId?: string;
  teacherName?: string;
  links?: string;
};
const parseLinks = (text?: string) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const url = l.match(/https?:\/\/\S+/)?.[0] ?? l;
      const title = l.replace(url, '').trim() || url;
      return { title: title.slice(0, 100), url };
    });

function CourseDialog({
  open,
  course,
  onClose,
}: {
  open: boolean;
  course?: Course;
  onClose: (saved?: Course) => void;
}) {
  const [form] = Form.useForm<Values>();
  const settings = useTrainingSettings();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        title: v.title,
        topic: v.topic,
        hours: v.hours,
        material: v.material || null,
        links: parseLinks(v.links),
        teacherPersonId: v.teacherPersonId || null,
        teacherName: v.teacherPersonId ? null : v.teacherName || null,
      };
      return course
        ? api<Course>(`/training/courses/${course.id}`, { method: 'PATCH', body })
        : api<Course>('/training/courses', { method: 'POST', body: { ...body, orgId: v.orgId } });
    },
    onSuccess: (c) => {
      form.resetFields();
      onClose(c);
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open={open}
      title={course ? '修改课程' : '新建课程'}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          course
            ? {
                ...course,
                material: course.material ?? undefined,
                teacherPersonId: course.teacher?.personId ?? undefined,
                teacherName: course.teacher?.external ? course.teacher.name : undefined,
                links: course.links.map((l) => `${l.title} ${l.url}`).join('\n'),
              }
            : { hours: 2 }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {!course && (
          <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择组织' }]}>
            <OrgTreeSelect types={['committee', 'general_branch', 'branch']} allowClear={false} />
          </Form.Item>
        )}
        <Form.Item name="title" label="课程名称" rules={[{ required: true, message: '请填写课程名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请选择或填写主题' }]}>
          <AutoComplete options={(settings.data?.topics ?? []).map((t) => ({ value: t }))} maxLength={40} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.5} max={200} step={0.5} />
        </Form.Item>
        <Form.Item name="teacherPersonId" label="授课人（本单位）">
          <PersonPicker
            initialLabel={course?.teacher && !course.teacher.external ? course.teacher.name : undefined}
          />
        </Form.Item>
        <Form.Item name="teacherName" label="授课人（外请）" extra="本单位人员请在上一栏选择">
          <Input maxLength={50} placeholder="如：市委党校讲师 王某" />
        </Form.Item>
        <Form.Item name="material" label="讲义或提纲">
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Form.Item name="links" label="资料链接" extra="每行一个：名称 网址">
          <Input.TextArea rows={2} placeholder="共产党员网 https://www.12371.cn/" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CourseDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit: (c: Course) => void;
}) {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['training', 'course', id],
    queryFn: () => api<Course>(`/training/courses/${id}`),
    enabled: !!id,
  });
  const c = q.data;
  const mobile = useIsMobile();
  return (
    <Drawer open={!!id} onClose={onClose} title={c?.title ?? '课程'} size={mobile ? '100%' : 560}>
      {c && (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { label: '所属', children: c.orgName },
              { label: '主题', children: c.topic },
              { label: '学时', children: hoursText(c.hours) },
              {
                label: '授课人',
                children: c.teacher ? `${c.teacher.name}${c.teacher.external ? '（外请）' : ''}` : '—',
              },
              { label: '使用', children: `${c.classCount} 个班次` },
            ]}
          />
          {c.material && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.material}</Typography.Paragraph>
          )}
          {c.links.map((l) => (
            <a key={l.url} href={l.url} target="_blank" rel="noreferrer">
              {l.title}
            </a>
          ))}
          <Card size="small" title="资料文件">
            <FileList
              files={c.files}
              uploadPath={c.actions.includes('update') ? `/training/courses/${c.id}/files` : undefined}
              onUploaded={() => client.invalidateQueries({ queryKey: ['training', 'course', id] })}
            />
          </Card>
          {c.actions.includes('update') && <Button onClick={() => onEdit(c)}>修改课程</Button>}
        </Flex>
      )}
    </Drawer>
  );
}

/** 课程库: reusable courses of the caller's organization, those above it and those below it. */
export default function Courses() {
  const client = useQueryClient();
  const settings = useTrainingSettings();
  const mobile = useIsMobile();
  const [dialog, setDialog] = useState<{ open: boolean; course?: Course }>({ open: false });
  const [openId, setOpenId] = useState<string | null>(null);
  const { filters, setFilters, page, pageSize, setPage, active } = useUrlFilters({ topic: '', q: '' });
  const query = { topic: filters.topic || undefined, q: filters.q || undefined };
  const list = useQuery({
    queryKey: ['training', 'courses', query, page, pageSize],
    queryFn: () =>
      api<{ items: Course[]; total: number }>('/training/courses', { query: { ...query, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title="课程库"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true })}>
          新建课程
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder="主题"
            style={{ width: mobile ? '100%' : 180 }}
            value={filters.topic || undefined}
            onChange={(topic) => setFilters({ topic: topic ?? '' })}
            options={(settings.data?.topics ?? []).map((t) => ({ value: t, label: t }))}
          />
          <Input.Search
            allowClear
            placeholder="课程名称"
            defaultValue={filters.q}
            style={{ width: mobile ? '100%' : 200 }}
            onSearch={(q) => setFilters({ q })}
          />
        </Flex>
      </Card>
      <ResponsiveList<Course>
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        onOpen={(c) => setOpenId(c.id)}
        empty={active ? '没有符合条件的课程' : '课程库还是空的：新建课程后，举办培训班时可以直接选用'}
        columns={[
          {
            title: '课程',
            dataIndex: 'title',
            mobile: 'title',
            render: (v: string) => <Typography.Link>{v}</Typography.Link>,
          },
          {
            title: '学时',
            dataIndex: 'hours',
            mobile: 'extra',
            width: 64,
            align: 'right',
            render: (h: number) => `${hoursText(h)} 学时`,
          },
          { title: '主题', dataIndex: 'topic', mobile: 'meta', width: 120 },
          {
            title: '授课人',
            key: 'teacher',
            mobile: 'meta',
            width: 160,
            render: (_, c) => c.teacher?.name ?? '—',
          },
          { title: '所属', dataIndex: 'orgName', ellipsis: true },
          { title: '使用', dataIndex: 'classCount', width: 80, render: (n: number) => `${n} 个班次` },
        ]}
      />
      <CourseDialog
        open={dialog.open}
        course={dialog.course}
        onClose={(saved) => {
          setDialog({ open: false });
          if (saved) {
            client.invalidateQueries({ queryKey: ['training', 'courses'] });
            client.setQueryData(['training', 'course', saved.id], saved);
            setOpenId(saved.id);
          }
        }}
      />
      <CourseDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onEdit={(c) => setDialog({ open: true, course: c })}
      />
    </Page>
  );
}
