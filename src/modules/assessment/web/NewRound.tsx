import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { dayjs, today } from '../../../web/format';
import type { Round, TemplateList } from '../contract';
import { PERIOD_KIND_LABELS, type PeriodKind, periodLabel, unitOf } from '../rules';

/** The whole units a round may cover: the last two and the current one of the template's kind. */
function periodChoices(kind: PeriodKind | null) {
  const t = today().format('YYYY-MM-DD');
  const k: PeriodKind = kind ?? 'quarter';
  const current = unitOf(k, t);
  const prev = unitOf(k, dayjs(current.from).subtract(1, 'day').format('YYYY-MM-DD'));
  const prev2 = unitOf(k, dayjs(prev.from).subtract(1, 'day').format('YYYY-MM-DD'));
  return [prev, current, prev2].map((p) => ({
    value: `${p.from}/${p.to}`,
    label: `${periodLabel(p)}${p === current ? '（进行中）' : ''}`,
  }));
}

/** 发起考核: a template, the organization whose branches (or zone members) it covers, a period. */
export function NewRound({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const templates = useQuery({
    queryKey: ['assessment', 'templates'],
    queryFn: () => api<TemplateList>('/assessment/templates'),
    enabled: open,
  });
  const usable = (templates.data?.items ?? []).filter((t) => t.actions.includes('start_round'));
  const templateId = Form.useWatch('templateId', form) as string | undefined;
  const chosen = usable.find((t) => t.id === templateId);
  const choices = useMemo(() => periodChoices(chosen?.periodKind ?? null), [chosen?.periodKind]);
  const create = useMutation({
    mutationFn: (v: {
      templateId: string;
      orgId: string;
      period: string;
      custom?: [dayjs.Dayjs, dayjs.Dayjs];
      name?: string;
    }) => {
      const [periodStart, periodEnd] =
        v.period === 'custom' && v.custom
          ? [v.custom[0].format('YYYY-MM-DD'), v.custom[1].format('YYYY-MM-DD')]
          : v.period.split('/');
      return api<Round>('/assessment/rounds', {
        method: 'POST',
        body: { templateId: v.templateId, orgId: v.orgId, periodStart, periodEnd, name: v.name || undefined },
      });
    },
    onSuccess: (r) => {
      message.success('已发起考核，结果按记录实时计算');
      qc.invalidateQueries({ queryKey: ['assessment'] });
      onClose();
      navigate(`/assessment/rounds/${r.id}`);
    },
    onError: (e) => showFormError(form, e),
  });
  const period = Form.useWatch('period', form) as string | undefined;
  return (
    <Modal
      open={open}
      title="发起考核"
      okText="发起"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ period: choices[0]?.value }}
      >
        <Form.Item name="templateId" label="考核模板" rules={[{ required: true, message: '请选择考核模板' }]}>
          <Select
            loading={templates.isPending}
            placeholder="选择模板"
            options={usable.map((t) => ({
              value: t.id,
              label: `${t.name}（${t.targetLabel}${t.periodKind ? `·${PERIOD_KIND_LABELS[t.periodKind]}` : ''}·第${t.version}版）`,
            }))}
            onChange={() => form.setFieldValue('period', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label="考核范围"
          extra={chosen?.target === 'member' ? '该组织下责任区、示范岗的责任党员' : '该组织下的全部党支部'}
          rules={[{ required: true, message: '请选择考核范围' }]}
        >
          <OrgTreeSelect
            types={
              chosen?.target === 'member'
                ? ['committee', 'general_branch', 'branch']
                : ['committee', 'general_branch']
            }
            allowClear={false}
          />
        </Form.Item>
        <Form.Item name="period" label="考核期" rules={[{ required: true, message: '请选择考核期' }]}>
          <Select
            options={[...choices, ...(chosen?.periodKind ? [] : [{ value: 'custom', label: '自定义日期' }])]}
          />
        </Form.Item>
        {period === 'custom' && (
          <Form.Item name="custom" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
            <DatePicker.RangePicker inputReadOnly style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label="考核名称（可选）">
          <Input maxLength={80} placeholder="默认：组织 + 考核期 + 模板名称" />
        </Form.Item>
        <Typography.Text type="secondary">
          能由记录计算的项目自动计算，支部无需另行报送；考核结束前结果随记录实时更新，结束后冻结。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
