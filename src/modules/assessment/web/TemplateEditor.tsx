import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Select,
  Typography,
} from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import type { SourceList, Template } from '../contract';
import { ITEM_KIND_LABELS, type ItemKind, type Source, type Target } from '../rules';

interface ItemValues {
  name: string;
  source: Source;
  kind?: ItemKind;
  maxPoints: number;
  perUnit?: number;
  fullAtPct?: number;
  criteria?: string;
}

const KIND_OPTIONS = (Object.keys(ITEM_KIND_LABELS) as ItemKind[]).map((k) => ({
  value: k,
  label: ITEM_KIND_LABELS[k],
}));

function ItemRow({
  form,
  name,
  remove,
  sources,
}: {
  form: FormInstance;
  name: number;
  remove: () => void;
  sources: SourceList['items'];
}) {
  const target = Form.useWatch('target', form) as Target;
  const source = Form.useWatch(['items', name, 'source'], form) as Source | undefined;
  const spec = sources.find((s) => s.source === source);
  return (
    <Card size="small" style={{ marginBottom: 8 }}>
      <Flex gap={8} wrap align="start">
        <Form.Item
          name={[name, 'name']}
          label="项目名称"
          rules={[{ required: true, message: '请填写项目名称' }]}
          style={{ flex: '2 1 180px', marginBottom: 8 }}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name={[name, 'source']}
          label="数据来源"
          rules={[{ required: true, message: '请选择来源' }]}
          style={{ flex: '2 1 180px', marginBottom: 8 }}
        >
          <Select
            options={sources
              .filter((s) => s.targets.includes(target))
              .map((s) => ({ value: s.source, label: `${s.label}${s.available ? '' : '（未启用）'}` }))}
            onChange={(v: Source) => {
              const s = sources.find((x) => x.source === v);
              form.setFieldValue(['items', name, 'kind'], s?.defaultKind);
              form.setFieldValue(
                ['items', name, 'perUnit'],
                s?.measure === 'count' ? (target === 'member' ? 2 : (s.defaultPerUnit ?? 1)) : undefined,
              );
            }}
          />
        </Form.Item>
        <Form.Item name={[name, 'kind']} label="类型" style={{ flex: '1 1 100px', marginBottom: 8 }}>
          <Select
            options={KIND_OPTIONS.filter((k) =>
              spec?.measure === 'ratio'
                ? k.value === 'score'
                : spec?.measure === 'count'
                  ? k.value !== 'score'
                  : true,
            )}
          />
        </Form.Item>
        <Form.Item
          name={[name, 'maxPoints']}
          label="分值（上限）"
          rules={[{ required: true, message: '请填写分值' }]}
          style={{ flex: '1 1 100px', marginBottom: 8 }}
        >
          <InputNumber min={0.5} max={1000} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        {spec?.measure === 'count' && (
          <Form.Item
            name={[name, 'perUnit']}
            label={source === 'member_violations' && target === 'branch' ? '每起/百人扣分' : '每起（项）分值'}
            style={{ flex: '1 1 110px', marginBottom: 8 }}
          >
            <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {spec?.measure === 'ratio' && (
          <Form.Item
            name={[name, 'fullAtPct']}
            label="达到即满分（%）"
            style={{ flex: '1 1 110px', marginBottom: 8 }}
          >
            <InputNumber min={1} max={100} placeholder="100" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Button
          type="text"
          danger
          icon={<MinusCircleOutlined />}
          onClick={remove}
          aria-label="删除该项"
          style={{ marginTop: 30 }}
        />
      </Flex>
      {spec && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {spec.rule}
          {!spec.available && '。该来源的模块尚未启用，考核时显示“数据来源未启用”，不计入总分。'}
        </Typography.Text>
      )}
      {source === 'manual' && (
        <Form.Item name={[name, 'criteria']} label="评分标准" style={{ marginTop: 8, marginBottom: 0 }}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      )}
    </Card>
  );
}

const toBody = (v: Record<string, unknown> & { items: ItemValues[] }, revising: boolean) => ({
  name: v.name,
  ...(revising ? {} : { target: v.target, orgId: v.orgId }),
  periodKind: v.periodKind === 'any' ? null : v.periodKind,
  description: v.description || undefined,
  bonusCap: v.bonusCap ?? null,
  deductionCap: v.deductionCap ?? null,
  items: v.items.map((i) => ({
    name: i.name,
    source: i.source,
    kind: i.kind,
    maxPoints: i.maxPoints,
    criteria: i.criteria || undefined,
    rule:
      i.perUnit !== undefined || i.fullAtPct !== undefined
        ? {
            ...(i.perUnit !== undefined && i.perUnit !== null ? { perUnit: i.perUnit } : {}),
            ...(i.fullAtPct ? { fullAt: i.fullAtPct / 100 } : {}),
          }
        : undefined,
  })),
});

/** A new template, or a new version of one (`?from=<id>`): rounds keep the version they used. */
export default function TemplateEditor() {
  const [params] = useSearchParams();
  const from = params.get('from');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const sources = useQuery({
    queryKey: ['assessment', 'sources'],
    queryFn: () => api<SourceList>('/assessment/sources'),
  });
  const base = useQuery({
    queryKey: ['assessment', 'template', from],
    queryFn: () => api<Template>(`/assessment/templates/${from}`),
    enabled: !!from,
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown> & { items: ItemValues[] }) =>
      api<Template>(from ? `/assessment/templates/${from}/revise` : '/assessment/templates', {
        method: 'POST',
        body: toBody(v, !!from),
      }),
    onSuccess: (t) => {
      message.success(from ? `已生成第${t.version}版` : '模板已保存');
      qc.invalidateQueries({ queryKey: ['assessment'] });
      navigate(`/assessment/templates/${t.id}`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });
  if (sources.isPending || (from && base.isPending)) return <Loading />;
  if (sources.isError) return <Alert type="error" title={(sources.error as Error).message} />;
  const t = base.data;
  const initial = t
    ? {
        name: t.name,
        target: t.target,
        periodKind: t.periodKind ?? 'any',
        description: t.description ?? '',
        bonusCap: t.bonusCap ?? undefined,
        deductionCap: t.deductionCap ?? undefined,
        items: t.items.map((i) => ({
          name: i.name,
          source: i.source,
          kind: i.kind,
          maxPoints: i.maxPoints,
          perUnit: i.rule?.perUnit,
          fullAtPct: i.rule?.fullAt ? Math.round(i.rule.fullAt * 100) : undefined,
          criteria: i.criteria ?? '',
        })),
      }
    : {
        target: 'branch',
        periodKind: 'quarter',
        items: [{ name: '“三会一课”落实', source: 'meeting_compliance', kind: 'score', maxPoints: 40 }],
      };
  return (
    <Page title={t ? `修订：${t.name}（将生成第${t.version + 1}版）` : '新建考核模板'}>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 960 }}
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={12} wrap>
            <Form.Item
              name="name"
              label="模板名称"
              rules={[{ required: true, message: '请填写模板名称' }]}
              style={{ flex: '2 1 240px' }}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="target" label="考核对象" style={{ flex: '1 1 200px' }}>
              <Radio.Group
                disabled={!!t}
                options={[
                  { value: 'branch', label: '党支部' },
                  { value: 'member', label: '党员（岗区）' },
                ]}
              />
            </Form.Item>
            <Form.Item name="periodKind" label="考核周期" style={{ flex: '1 1 120px' }}>
              <Select
                options={[
                  { value: 'any', label: '不限' },
                  { value: 'month', label: '月度' },
                  { value: 'quarter', label: '季度' },
                  { value: 'year', label: '年度' },
                ]}
              />
            </Form.Item>
          </Flex>
          {!t && (
            <Form.Item name="orgId" label="制定单位" extra="默认为您管理的最高一级组织">
              <OrgTreeSelect types={['committee', 'general_branch', 'branch']} />
            </Form.Item>
          )}
          <Flex gap={12} wrap>
            <Form.Item name="bonusCap" label="加分上限（可选）" style={{ flex: '1 1 140px' }}>
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="deductionCap" label="扣分上限（可选）" style={{ flex: '1 1 140px' }}>
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item name="description" label="说明" style={{ marginBottom: 0 }}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Card>
        <Form.List name="items">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <ItemRow
                  key={f.key}
                  form={form}
                  name={f.name}
                  remove={() => remove(f.name)}
                  sources={sources.data.items}
                />
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ source: 'manual', kind: 'score' })}
              >
                添加考核项目
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t ? '保存为新版本' : '保存模板'}
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Flex>
      </Form>
    </Page>
  );
}
