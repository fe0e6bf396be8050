import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDateTime, toDateString, today } from '../../../web/format';
import type { RectificationDetail as Detail } from '../contract';
import { EVENT_LABELS } from './model';
import { DueTag, Evidence, RectTag } from './parts';

function History({ d }: { d: Detail }) {
  if (!d.history.length) return <Typography.Text type="secondary">支部尚未填报整改情况</Typography.Text>;
  return (
    <Timeline
      items={d.history.map((h) => ({
        color: h.kind === 'reopen' ? 'red' : h.kind === 'close' ? 'green' : 'blue',
        children: (
          <>
            <Typography.Text strong>{EVENT_LABELS[h.kind]}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 13 }}>
              {h.actorName} · {fmtDateTime(h.at)}
            </Typography.Text>
            {h.comment && <div>{h.comment}</div>}
            {h.rectifyBy && <div>新的整改期限：{h.rectifyBy}</div>}
            {h.content && (
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
                style={{ marginBottom: 0 }}
              >
                {h.content}
              </Typography.Paragraph>
            )}
          </>
        ),
      }))}
    />
  );
}

/** The branch's side: what to put right by when (the last reopening's comment first), the answer and evidence. */
function AnswerCard({ d, onDone }: { d: Detail; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const answer = useMutation({
    mutationFn: (v: { content: string }) =>
      api(`/rectifications/${d.id}/answer`, { method: 'POST', body: v }),
    onSuccess: () => {
      message.success('已提交整改情况，等待检查组织验收');
      onDone();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Card size="small" title="填报整改情况" style={{ marginBottom: 12 }} data-testid="rectify-card">
      <Form form={form} layout="vertical" initialValues={{ content: '' }} onFinish={(v) => answer.mutate(v)}>
        <Form.Item
          name="content"
          label="整改情况"
          rules={[{ required: true, message: '请填写做了哪些整改' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} placeholder="做了哪些整改、结果如何；补录的记录请注明" />
        </Form.Item>
        <Form.Item label="佐证材料（照片、文件）">
          <Evidence
            files={d.files}
            uploadPath={`/rectifications/${d.id}/files`}
            canRemove
            onChange={onDone}
            hint="可上传整改后的照片、会议记录扫描件等"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={answer.isPending}>
          提交整改情况
        </Button>
      </Form>
    </Card>
  );
}

/** The inspector's side: 验收销号, or 退回重新整改 with a comment (and maybe a new deadline). */
function VerifyButtons({ d, onDone }: { d: Detail; onDone: () => void }) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<'close' | 'reopen' | null>(null);
  const [form] = Form.useForm();
  const act = useMutation({
    mutationFn: (v: { comment?: string; rectifyBy?: unknown }) =>
      api(`/rectifications/${d.id}/${mode}`, {
        method: 'POST',
        body:
          mode === 'reopen'
            ? { comment: v.comment, rectifyBy: toDateString(v.rectifyBy as never) ?? undefined }
            : { comment: v.comment },
      }),
    onSuccess: () => {
      message.success(mode === 'close' ? '已验收销号' : '已退回，支部将在待办中看到');
      setMode(null);
      form.resetFields();
      onDone();
    },
    onError: (e) => showFormError(form, e),
  });
  if (!d.actions.includes('close') && !d.actions.includes('reopen')) return null;
  return (
    <>
      <Flex gap={8} justify="flex-end" style={{ marginBottom: 12 }}>
        {d.actions.includes('reopen') && (
          <Button danger onClick={() => setMode('reopen')}>
            退回重新整改
          </Button>
        )}
        {d.actions.includes('close') && (
          <Button type="primary" onClick={() => setMode('close')}>
            验收销号
          </Button>
        )}
      </Flex>
      <Modal
        open={mode !== null}
        title={mode === 'close' ? '验收销号' : '退回重新整改'}
        onCancel={() => setMode(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        okButtonProps={{ danger: mode === 'reopen' }}
      >
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
          <Form.Item
            name="comment"
            label={mode === 'close' ? '验收意见（可不填）' : '退回意见'}
            rules={mode === 'reopen' ? [{ required: true, message: '请写明还需整改的内容' }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          {mode === 'reopen' && (
            <Form.Item name="rectifyBy" label="新的整改期限（不填则沿用原期限）">
              <DatePicker inputReadOnly disabledDate={(x) => x.isBefore(today())} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

export default function RectificationDetail() {
  const { id } = useParams();
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['rectifications', 'detail', id],
    queryFn: () => api<Detail>(`/rectifications/${id}`),
  });
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['rectifications'] });
    client.invalidateQueries({ queryKey: ['inspections'] });
    client.invalidateQueries({ queryKey: ['todo'] });
  };
  const d = q.data;
  if (!d) return <Loading />;
  const lastReopen =
    d.storedStatus === 'open' ? [...d.history].reverse().find((h) => h.kind === 'reopen') : undefined;
  return (
    <Page title={`整改：${d.item}`}>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Flex gap={6} wrap align="center">
            <RectTag status={d.status} />
            {(d.status === 'open' || d.status === 'overdue') && (
              <DueTag rectifyBy={d.rectifyBy} urgency={d.urgency} />
            )}
            {d.late && <Tag color="red">逾期提交</Tag>}
          </Flex>
        }
      >
        <Typography.Paragraph strong style={{ whiteSpace: 'pre-wrap' }}>
          {d.requirement}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="党支部">{d.orgName}</Descriptions.Item>
          <Descriptions.Item label="整改期限">
            {d.rectifyBy}
            {d.rectifyBy !== d.dueOn ? `（原定 ${d.dueOn}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="检查">
            <Link to={`/inspections/${d.inspectionId}`}>{d.inspectionTitle}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="检查组织">
            {d.inspectorOrgName} · {d.foundOn}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">检查发现：</Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}>
          {d.finding}
        </Typography.Paragraph>
        {d.links.map((l) => (
          <div key={`${l.kind}${l.id}`}>
            <Link to={l.link} style={{ fontSize: 13 }}>
              ▸ {l.label}
            </Link>
          </div>
        ))}
        <Evidence files={d.findingFiles} onChange={refresh} />
      </Card>
      {lastReopen && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`被退回重新整改：${lastReopen.actorName}（${fmtDateTime(lastReopen.at)}）`}
          description={lastReopen.comment}
        />
      )}
      {d.actions.includes('answer') ? (
        <AnswerCard d={d} onDone={refresh} />
      ) : (
        d.answer && (
          <Card size="small" title="整改情况" style={{ marginBottom: 12 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.answer}</Typography.Paragraph>
            <Evidence files={d.files} onChange={refresh} />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {d.answeredByName} · {fmtDateTime(d.answeredAt)}
              {d.closedAt &&
                ` · ${d.closedByName}于 ${fmtDateTime(d.closedAt)} 销号${d.closeComment ? `：${d.closeComment}` : ''}`}
            </Typography.Text>
          </Card>
        )
      )}
      <VerifyButtons d={d} onDone={refresh} />
      <Card size="small" title="整改记录">
        <History d={d} />
      </Card>
    </Page>
  );
}
