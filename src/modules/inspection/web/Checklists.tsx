import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Flex, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, showFormError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import { fmtDateTime } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { ChecklistDetail, ChecklistList } from '../contract';
import { RECORD_KIND_LABELS, RECORD_KINDS, STANDARD_ITEMS } from '../rules';

type Brief = ChecklistList['items'][number];

/** Creates a checklist, or a new version of one (its items keep their keys, so findings still group by item). */
function Editor({
  owners,
  base,
  onClose,
}: {
  owners: ChecklistList['owners'];
  base?: ChecklistDetail;
  onClose: (id?: string) => void;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: {
      orgId?: string;
      name: string;
      items: { key?: string; title: string; guidance?: string }[];
    }) =>
      base
        ? api<ChecklistDetail>(`/inspections/checklists/${base.id}/versions`, {
            method: 'POST',
            body: { name: v.name, items: v.items },
          })
        : api<ChecklistDetail>('/inspections/checklists', { method: 'POST', body: v }),
    onSuccess: (c) => {
      message.success(base ? `已生成第 ${c.version} 版` : '清单已建立');
      client.invalidateQueries({ queryKey: ['inspections', 'checklists'] });
      onClose(c.id);
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open
      width={720}
      title={base ? `修订：${base.name}（将生成第 ${base.version + 1} 版）` : '新建检查清单'}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          base ? { name: base.name, items: base.items } : { orgId: owners[0]?.orgId, items: STANDARD_ITEMS }
        }
      >
        {!base && (
          <Form.Item name="orgId" label="所属组织">
            <Select options={owners.map((o) => ({ value: o.orgId, label: o.orgName }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label="清单名称" rules={[{ required: true, message: '请填写清单名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`项目 ${i + 1}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      aria-label="删除项目"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                    />
                  }
                >
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'title']}
                    rules={[{ required: true, message: '请填写检查项目' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input maxLength={100} placeholder="检查项目" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'guidance']} style={{ marginBottom: 8 }}>
                    <Input.TextArea rows={2} maxLength={500} placeholder="检查要点" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'records']} style={{ marginBottom: 0 }}>
                    <Select
                      mode="multiple"
                      allowClear
                      placeholder="网上检查时查阅的记录"
                      options={RECORD_KINDS.map((k) => ({ value: k, label: RECORD_KIND_LABELS[k] }))}
                    />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
                添加检查项目
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function ChecklistDrawer({
  id,
  owners,
  onClose,
}: {
  id: string;
  owners: ChecklistList['owners'];
  onClose: () => void;
}) {
  const mobile = useIsMobile();
  const [openId, setOpenId] = useState(id);
  const [revising, setRevising] = useState(false);
  const q = useQuery({
    queryKey: ['inspections', 'checklists', openId],
    queryFn: () => api<ChecklistDetail>(`/inspections/checklists/${openId}`),
  });
  const c = q.data;
  return (
    <Drawer
      open
      width={mobile ? '100%' : 600}
      title={c ? `${c.name}（第 ${c.version} 版）` : '检查清单'}
      onClose={onClose}
      loading={!c}
      extra={
        c?.actions.includes('revise') && (
          <Button type="primary" onClick={() => setRevising(true)}>
            修订
          </Button>
        )
      }
    >
      {c && (
        <>
          <Typography.Paragraph type="secondary">
            {c.orgName} · {c.createdByName} · {fmtDateTime(c.createdAt).slice(0, 10)}
            {c.status === 'superseded' && <Tag style={{ marginInlineStart: 8 }}>已被新版本替代</Tag>}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={c.items}
            renderItem={(item, i) => (
              <List.Item>
                <div>
                  <Typography.Text strong>
                    {i + 1}. {item.title}
                  </Typography.Text>
                  {item.guidance && <div style={{ color: '#666' }}>{item.guidance}</div>}
                  {item.records?.map((r) => (
                    <Tag key={r} style={{ marginTop: 4 }}>
                      查阅{RECORD_KIND_LABELS[r]}
                    </Tag>
                  ))}
                </div>
              </List.Item>
            )}
          />
          <Typography.Title level={5}>版本</Typography.Title>
          <Flex gap={6} wrap>
            {c.versions.map((v) => (
              <Tag.CheckableTag key={v.id} checked={v.id === c.id} onChange={() => setOpenId(v.id)}>
                第 {v.version} 版 · {fmtDateTime(v.createdAt).slice(0, 10)}
              </Tag.CheckableTag>
            ))}
          </Flex>
        </>
      )}
      {revising && c && (
        <Editor
          owners={owners}
          base={c}
          onClose={(newId) => {
            setRevising(false);
            if (newId) setOpenId(newId);
          }}
        />
      )}
    </Drawer>
  );
}

const columns: ResponsiveColumn<Brief>[] = [
  { title: '清单', dataIndex: 'name', mobile: 'title' },
  {
    title: '版本',
    dataIndex: 'version',
    width: 80,
    mobile: 'extra',
    render: (v: number) => <Tag style={{ marginInlineEnd: 0 }}>第 {v} 版</Tag>,
  },
  { title: '所属组织', dataIndex: 'orgName', width: 200, mobile: 'meta' },
  { title: '检查项目', dataIndex: 'itemCount', width: 100, mobile: 'meta', render: (n: number) => `${n} 项` },
  {
    title: '修订时间',
    dataIndex: 'createdAt',
    width: 130,
    mobile: 'hidden',
    render: (v: string) => fmtDateTime(v).slice(0, 10),
  },
];

/** 检查清单: the checklists of the caller's line (the committee's and its general branch's), versioned. */
export default function Checklists() {
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ['inspections', 'checklists'],
    queryFn: () => api<ChecklistList>('/inspections/checklists'),
  });
  const owners = q.data?.owners ?? [];
  return (
    <Page
      extra={
        owners.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建清单
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        检查清单是检查项目的模板。修订会生成新版本，已开展的检查仍按当时的版本显示。
      </Typography.Paragraph>
      <ResponsiveList
        rowKey="id"
        columns={columns}
        items={q.data?.items}
        loading={q.isFetching}
        empty="还没有检查清单"
        onOpen={(c) => setOpenId(c.id)}
      />
      {openId && <ChecklistDrawer id={openId} owners={owners} onClose={() => setOpenId(null)} />}
      {creating && (
        <Editor
          owners={owners}
          onClose={(id) => {
            setCreating(false);
            if (id) setOpenId(id);
          }}
        />
      )}
    </Page>
  );
}
