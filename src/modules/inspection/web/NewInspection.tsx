import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, showFormError } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { type dayjs, toDateString, today } from '../../../web/format';
import type { ChecklistList, InspectionDetail } from '../contract';

interface Values {
  orgId: string;
  title: string;
  mode: 'online' | 'on_site';
  checklistId?: string;
  inspectedOn: dayjs.Dayjs;
  period: [dayjs.Dayjs, dayjs.Dayjs];
}

/** Opening an inspection: the branch, the checklist, online or on site, the period of records to read. */
export default function NewInspection() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const checklists = useQuery({
    queryKey: ['inspections', 'checklists'],
    queryFn: () => api<ChecklistList>('/inspections/checklists'),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<InspectionDetail>('/inspections', {
        method: 'POST',
        body: {
          orgId: v.orgId,
          title: v.title,
          mode: v.mode,
          checklistId: v.checklistId,
          inspectedOn: toDateString(v.inspectedOn),
          periodFrom: toDateString(v.period?.[0]),
          periodTo: toDateString(v.period?.[1]),
        },
      }),
    onSuccess: (d) => {
      client.invalidateQueries({ queryKey: ['inspections'] });
      message.success('检查已开始，可在“支部记录”中网上查阅该支部的记录');
      navigate(`/inspections/${d.id}`, { replace: true });
    },
    onError: (e) => showFormError(form, e),
  });
  const items = checklists.data?.items ?? [];
  return (
    <Page title="开展检查">
      <Card size="small" style={{ maxWidth: 720 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{
            orgId: params.get('orgId') ?? undefined,
            mode: 'online',
            inspectedOn: today(),
            period: [today().subtract(3, 'month').add(1, 'day'), today()],
          }}
        >
          <Form.Item name="orgId" label="被检查党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <OrgTreeSelect types={['branch']} allowClear={false} placeholder="选择党支部" />
          </Form.Item>
          <Form.Item name="title" label="检查名称" rules={[{ required: true, message: '请填写检查名称' }]}>
            <Input maxLength={100} placeholder="如：四季度党支部标准化建设网上检查" />
          </Form.Item>
          <Form.Item name="mode" label="检查方式">
            <Radio.Group
              options={[
                { value: 'online', label: '网上检查（直接查阅支部记录）' },
                { value: 'on_site', label: '现场检查' },
              ]}
            />
          </Form.Item>
          <Form.Item name="checklistId" label="检查清单">
            <Select
              allowClear
              loading={checklists.isPending}
              placeholder="不使用清单，按项目自由记录"
              options={items.map((c) => ({
                value: c.id,
                label: `${c.name}（第 ${c.version} 版，${c.itemCount} 项，${c.orgName}）`,
              }))}
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="inspectedOn" label="检查日期">
              <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(today())} />
            </Form.Item>
            <Form.Item name="period" label="查阅记录的期间">
              <DatePicker.RangePicker inputReadOnly />
            </Form.Item>
          </Flex>
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => navigate(-1)}>取消</Button>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              开始检查
            </Button>
          </Flex>
        </Form>
      </Card>
    </Page>
  );
}
