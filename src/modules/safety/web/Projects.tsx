import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Segmented,
  Select,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useOrgs } from '../../../kernel/orgs/web/hooks';
import { api, download, showError, showFormError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { type dayjs, toDateString, today } from '../../../web/format';
import { useMe } from '../../../web/session';
import { PersonPicker } from './PersonPicker';

interface ProjectRow {
  id: string;
  orgName: string;
  title: string;
  problem: string;
  target: string;
  leaderName: string;
  startedOn: string;
  dueOn: string | null;
  overdue: boolean;
  status: 'active' | 'completed';
  result: string | null;
  evaluation: string | null;
  milestones: { total: number; done: number };
  actions: string[];
}
interface ProjectDetail extends ProjectRow {
  analysisId: string | null;
  violationIds: string[];
  linkedAnalyses: {
    id: string;
    orgName: string;
    periodFrom: string;
    periodTo: string;
    status: string;
    rootCauses: string;
  }[];
  linkedViolations: {
    id: string;
    occurredOn: string;
    personName: string;
    orgName: string;
    kindLabel: string;
    categoryName: string;
    wasMember: boolean;
  }[];
  hiddenViolations: number;
  members: { personId: string; name: string }[];
  milestoneList: { id: string; title: string; dueOn: string; doneOn: string | null; overdue: boolean }[];
  updates: { id: string; on: string; note: string; recordedByName: string }[];
}

/** 重点攻关: projects with milestones and progress. */
type Dialog = { kind: 'create' } | { kind: 'update' | 'complete'; item: ProjectRow } | null;

const dates = (v: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      x && typeof x === 'object' && 'format' in x ? toDateString(x as dayjs.Dayjs) : x,
    ]),
  );

export default function Projects() {
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const orgs = useOrgs(me.scope.managesOrgs);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [status, setStatus] = useState('active');
  const [openId, setOpenId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const target = dialog && dialog.kind !== 'create' ? dialog.item.id : null;
  const targetDetail = useQuery({
    queryKey: ['safety', 'projects', 'detail', target],
    queryFn: () => api<ProjectDetail>(`/safety/projects/${target}`),
    enabled: !!target,
  });
  const save = useMutation({
    mutationFn: (raw: Record<string, unknown>) => {
      const v = dates(raw);
      if (dialog?.kind === 'create')
        return api('/safety/projects', {
          method: 'POST',
          body: {
            ...v,
            violationIds: (raw.violationIds as string[] | undefined) ?? [],
            memberPersonIds: [],
            milestones: ((raw.milestones as { title: string; dueOn: dayjs.Dayjs }[] | undefined) ?? []).map(
              (m) => ({
                title: m.title,
                dueOn: toDateString(m.dueOn),
              }),
            ),
          },
        });
      if (dialog?.kind === 'update')
        return api(`/safety/projects/${target}/updates`, { method: 'POST', body: v });
      return api(`/safety/projects/${target}/complete`, { method: 'POST', body: v });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['safety', 'projects'] });
      message.success('已保存');
      setDialog(null);
    },
    onError: (e) => showFormError(form, e),
  });
  const open = (d: Dialog) => {
    form.resetFields();
    setDialog(d);
  };
  const list = useQuery({
    queryKey: ['safety', 'projects', status],
    queryFn: () => api<{ items: ProjectRow[] }>('/safety/projects', { query: { status, pageSize: 100 } }),
  });
  // What can start a project: the analyses and violations of the chosen organization.
  const chosenOrg = Form.useWatch('orgId', form) as string | undefined;
  const sources = useQuery({
    queryKey: ['safety', 'project-sources', chosenOrg],
    enabled: dialog?.kind === 'create' && !!chosenOrg,
    queryFn: async () => ({
      analyses: (
        await api<{
          items: { id: string; orgName: string; periodFrom: string; periodTo: string; rootCauses: string }[];
        }>('/safety/analyses', { query: { orgId: chosenOrg, pageSize: 100 } })
      ).items,
      violations: (
        await api<{ items: { id: string; personName: string; occurredOn: string; categoryName: string }[] }>(
          '/violations',
          { query: { orgId: chosenOrg, pageSize: 200 } },
        )
      ).items,
    }),
  });
  const detail = useQuery({
    queryKey: ['safety', 'projects', 'detail', openId],
    queryFn: () => api<ProjectDetail>(`/safety/projects/${openId}`),
    enabled: !!openId,
  });
  return (
    <Page
      title="重点攻关"
      extra={
        <>
          {me.scope.managesOrgs && (
            <Button type="primary" onClick={() => open({ kind: 'create' })}>
              攻关立项
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              await download('/safety/projects/export', { status }, '重点攻关台账.xlsx')
                .catch(showError)
                .finally(() => setExporting(false));
            }}
          >
            导出台账
          </Button>
        </>
      }
    >
      <Segmented
        options={[
          { value: 'active', label: '进行中' },
          { value: 'completed', label: '已结项' },
        ]}
        value={status}
        onChange={(v) => setStatus(String(v))}
        style={{ marginBottom: 12 }}
      />
      <List
        className="bl-card-list"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty
              description={
                status === 'active'
                  ? '没有进行中的攻关项目，可由剖析或违章违纪立项'
                  : '还没有已结项的攻关项目'
              }
            />
          ),
        }}
        renderItem={(p) => (
          <Card size="small" hoverable onClick={() => setOpenId(openId === p.id ? null : p.id)}>
            <Flex justify="space-between" wrap gap={8}>
              <Typography.Text strong>{p.title}</Typography.Text>
              <Flex gap={4}>
                {p.overdue && <Tag color="red">逾期</Tag>}
                <Tag color={p.status === 'active' ? 'blue' : 'green'}>
                  {p.status === 'active' ? '进行中' : '已结项'}
                </Tag>
              </Flex>
            </Flex>
            <Typography.Text type="secondary">
              {p.orgName}·负责人 {p.leaderName}·{p.startedOn} 至 {p.dueOn ?? '—'}
            </Typography.Text>
            <div>问题：{p.problem}</div>
            <div>目标：{p.target}</div>
            <Progress
              percent={p.milestones.total ? Math.round((p.milestones.done / p.milestones.total) * 100) : 0}
              size="small"
              format={() => `${p.milestones.done}/${p.milestones.total} 节点`}
            />
            {p.result && (
              <div>
                成果：{p.result}（{p.evaluation}）
              </div>
            )}
            {openId === p.id && detail.data && (
              <Flex vertical gap={8} style={{ marginTop: 8 }}>
                <div>成员：{detail.data.members.map((m) => m.name).join('、') || '—'}</div>
                <div>
                  起因：
                  {detail.data.analysisId || detail.data.violationIds.length
                    ? '由以下剖析和违章违纪立项'
                    : '直接立项（未关联剖析或违章违纪）'}
                </div>
                {detail.data.linkedAnalyses.length > 0 && (
                  <List
                    size="small"
                    bordered
                    header={<Typography.Text strong>关联的安全剖析</Typography.Text>}
                    dataSource={detail.data.linkedAnalyses}
                    renderItem={(a) => (
                      <List.Item>
                        <Link to={`/safety/analyses/${a.id}`} onClick={(e) => e.stopPropagation()}>
                          {a.orgName}·{a.periodFrom} 至 {a.periodTo}
                        </Link>
                        <Typography.Text type="secondary" ellipsis style={{ maxWidth: '50%' }}>
                          {a.status === 'open' ? '整改中' : '已闭环'}·{a.rootCauses}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                )}
                {(detail.data.linkedViolations.length > 0 || detail.data.hiddenViolations > 0) && (
                  <List
                    size="small"
                    bordered
                    header={
                      <Typography.Text strong>
                        关联的违章违纪（{detail.data.violationIds.length} 起）
                      </Typography.Text>
                    }
                    dataSource={detail.data.linkedViolations}
                    locale={{ emptyText: '关联的违章违纪不在您的查看范围内' }}
                    footer={
                      detail.data.hiddenViolations > 0 && detail.data.linkedViolations.length > 0
                        ? `另有 ${detail.data.hiddenViolations} 起不在您的查看范围内`
                        : undefined
                    }
                    renderItem={(v) => (
                      <List.Item>
                        <Link to={`/safety/violations/${v.id}`} onClick={(e) => e.stopPropagation()}>
                          {v.occurredOn} {v.personName}
                        </Link>
                        <span>
                          {v.wasMember && <Tag color="red">党员</Tag>}
                          {v.kindLabel}·{v.categoryName}
                        </span>
                      </List.Item>
                    )}
                  />
                )}
                <Steps
                  size="small"
                  direction="vertical"
                  current={detail.data.milestoneList.filter((m) => m.doneOn).length}
                  items={detail.data.milestoneList.map((m) => ({
                    title: m.title,
                    description: m.doneOn
                      ? `完成于 ${m.doneOn}`
                      : `计划 ${m.dueOn}${m.overdue ? '（逾期）' : ''}`,
                    status: m.doneOn ? 'finish' : m.overdue ? 'error' : 'wait',
                  }))}
                />
                <Timeline
                  items={detail.data.updates.map((u) => ({
                    children: `${u.on} ${u.note}（${u.recordedByName}）`,
                  }))}
                />
                {p.actions.length > 0 && (
                  <Flex gap={8} wrap onClick={(e) => e.stopPropagation()}>
                    {p.actions.includes('update') && (
                      <Button size="small" onClick={() => open({ kind: 'update', item: p })}>
                        记录进展
                      </Button>
                    )}
                    {p.actions.includes('complete') && (
                      <Button size="small" onClick={() => open({ kind: 'complete', item: p })}>
                        结项
                      </Button>
                    )}
                  </Flex>
                )}
              </Flex>
            )}
          </Card>
        )}
      />
      <Modal
        open={!!dialog}
        title={
          dialog?.kind === 'create'
            ? '攻关立项'
            : dialog?.kind === 'update'
              ? `记录进展：${dialog.item.title}`
              : dialog
                ? `结项：${dialog.item.title}`
                : ''
        }
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{ startedOn: today(), on: today() }}
        >
          {dialog?.kind === 'create' && (
            <>
              <Form.Item name="orgId" label="牵头组织" rules={[{ required: true, message: '请选择组织' }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(orgs.data ?? [])
                    .filter((o) => o.type !== 'party_group' && o.actions.length > 0)
                    .map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
              <Form.Item name="analysisId" label="起因：安全剖析（可选）">
                <Select
                  allowClear
                  placeholder={chosenOrg ? '选择本组织的剖析' : '先选择牵头组织'}
                  options={(sources.data?.analyses ?? []).map((a) => ({
                    value: a.id,
                    label: `${a.orgName} ${a.periodFrom}~${a.periodTo}：${a.rootCauses.slice(0, 20)}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="violationIds" label="起因：违章违纪（可多选）">
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={chosenOrg ? '选择本组织的违章违纪' : '先选择牵头组织'}
                  optionFilterProp="label"
                  options={(sources.data?.violations ?? []).map((v) => ({
                    value: v.id,
                    label: `${v.occurredOn} ${v.personName} ${v.categoryName}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="title" label="项目名称" rules={[{ required: true, message: '请填写名称' }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="problem" label="存在问题" rules={[{ required: true, message: '请填写问题' }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="target" label="攻关目标" rules={[{ required: true, message: '请填写目标' }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item
                name="leaderPersonId"
                label="负责人"
                rules={[{ required: true, message: '请选择负责人' }]}
              >
                <PersonPicker />
              </Form.Item>
              <Flex gap={8}>
                <Form.Item name="startedOn" label="开始日期" style={{ flex: 1 }}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly />
                </Form.Item>
                <Form.Item name="dueOn" label="完成期限" style={{ flex: 1 }}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly />
                </Form.Item>
              </Flex>
              <Form.List name="milestones">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Flex key={f.key} gap={8} align="baseline">
                        <Form.Item
                          name={[f.name, 'title']}
                          rules={[{ required: true, message: '节点名称' }]}
                          style={{ flex: 2 }}
                        >
                          <Input placeholder="节点" />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'dueOn']}
                          rules={[{ required: true, message: '日期' }]}
                          style={{ flex: 1 }}
                        >
                          <DatePicker inputReadOnly />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Flex>
                    ))}
                    <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>
                      添加节点
                    </Button>
                  </>
                )}
              </Form.List>
            </>
          )}
          {dialog?.kind === 'update' && (
            <>
              <Form.Item name="on" label="日期">
                <DatePicker style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
              <Form.Item name="note" label="进展" rules={[{ required: true, message: '请填写进展' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="milestoneId" label="同时完成节点">
                <Select
                  allowClear
                  options={(targetDetail.data?.milestoneList ?? [])
                    .filter((m) => !m.doneOn)
                    .map((m) => ({ value: m.id, label: `${m.title}（${m.dueOn}）` }))}
                />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'complete' && (
            <>
              <Form.Item name="result" label="攻关成果" rules={[{ required: true, message: '请填写成果' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="evaluation" label="评价" rules={[{ required: true, message: '请填写评价' }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Page>
  );
}
