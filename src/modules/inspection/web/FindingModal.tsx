import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Upload,
  type UploadFile,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, showFormError, upload } from '../../../web/api';
import { type dayjs, toDateString, today } from '../../../web/format';
import type { Finding, InspectionDetail, InspectionSettings } from '../contract';
import { useBranchRecords } from './BranchRecords';

interface Values {
  item: string;
  verdict: 'pass' | 'problem';
  finding: string;
  links?: string[];
  rectify: boolean;
  rectifyBy?: dayjs.Dayjs;
  requirement?: string;
}

type BranchRecords = NonNullable<ReturnType<typeof useBranchRecords>['data']>;

/** The branch's records a finding can rest on, grouped by kind. */
function recordOptionsOf(r: BranchRecords) {
  return [
    {
      label: '组织生活',
      options: r.meetings.map((m) => ({
        value: `meeting:${m.id}`,
        label: `${m.heldOn} ${m.kindLabel}：${m.topic}`,
      })),
    },
    {
      label: '谈心谈话',
      options: r.talks.map((t) => ({
        value: `talk:${t.id}`,
        label: `${t.heldOn} ${t.kindLabel}（${t.personName}）`,
      })),
    },
    {
      label: '违章违纪',
      options: r.violations.map((v) => ({
        value: `violation:${v.id}`,
        label: `${v.occurredOn} ${v.personName} ${v.categoryName}`,
      })),
    },
  ];
}

/** The request that records the finding; the links as kind and id. */
function findingBody(v: Values) {
  return {
    item: v.item,
    verdict: v.verdict,
    finding: v.finding,
    links: (v.links ?? []).map((l) => {
      const [kind, id] = l.split(':');
      return { kind, id };
    }),
    rectifyBy: v.verdict === 'problem' && v.rectify ? toDateString(v.rectifyBy) : undefined,
    requirement: v.requirement || undefined,
  };
}

/**
 * Records a finding for a check item: the verdict, what was found, the records it rests on (from the
 * branch's records read online), photos; a problem with a deadline opens a rectification for the branch.
 */
export function FindingModal({
  d,
  item,
  onClose,
}: {
  d: InspectionDetail;
  item?: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const records = useBranchRecords(d.id);
  const verdict = Form.useWatch('verdict', form);
  const rectify = Form.useWatch('rectify', form);
  const r = records.data;
  const settings = useQuery({
    queryKey: ['inspections', 'settings'],
    queryFn: () => api<InspectionSettings>('/inspections/settings'),
    staleTime: 300_000,
  });
  const rectifyDays = settings.data?.rectifyDays;
  useEffect(() => {
    if (rectifyDays && !form.isFieldTouched('rectifyBy'))
      form.setFieldValue('rectifyBy', today().add(rectifyDays, 'day'));
  }, [rectifyDays, form]);
  const recordOptions = r ? recordOptionsOf(r) : [];
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const f = await api<Finding>(`/inspections/${d.id}/findings`, {
        method: 'POST',
        body: findingBody(v),
      });
      for (const p of photos)
        if (p.originFileObj)
          await upload(`/inspections/${d.id}/findings/${f.id}/files`, p.originFileObj, undefined, () => {});
      return f;
    },
    onSuccess: (f) => {
      client.invalidateQueries({ queryKey: ['inspections'] });
      client.invalidateQueries({ queryKey: ['rectifications'] });
      message.success(f.rectificationId ? '已记录，并向支部下达了整改事项' : '已记录');
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open
      title="记录检查发现"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText="保存"
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ item, verdict: 'problem', rectify: true, rectifyBy: today().add(30, 'day') }}
      >
        <Form.Item name="item" label="检查项目" rules={[{ required: true, message: '请选择或填写检查项目' }]}>
          <AutoComplete
            options={d.items.map((i) => ({ value: i.title }))}
            placeholder="选择清单中的项目，或填写其他项目"
            filterOption={(input, o) => String(o?.value ?? '').includes(input)}
          />
        </Form.Item>
        <Form.Item name="verdict" label="结论">
          <Radio.Group
            options={[
              { value: 'pass', label: '符合要求' },
              { value: 'problem', label: '存在问题' },
            ]}
          />
        </Form.Item>
        <Form.Item name="finding" label="检查发现" rules={[{ required: true, message: '请填写检查发现' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="看到了什么，依据哪些记录" />
        </Form.Item>
        <Form.Item name="links" label="依据的记录（网上查阅的支部记录）">
          <Select
            mode="multiple"
            allowClear
            loading={records.isPending}
            options={recordOptions}
            optionFilterProp="label"
            placeholder="选择会议、谈话或违章记录"
          />
        </Form.Item>
        <Form.Item label="现场照片或材料">
          <Upload
            listType="picture"
            multiple
            fileList={photos}
            beforeUpload={() => false}
            onChange={({ fileList }) => setPhotos(fileList)}
            accept=".jpg,.jpeg,.png,.webp,.pdf"
          >
            <Button size="small">添加照片</Button>
          </Upload>
        </Form.Item>
        {verdict === 'problem' && (
          <>
            <Form.Item name="rectify" label="下达整改">
              <Radio.Group
                options={[
                  { value: true, label: '限期整改' },
                  { value: false, label: '只作提醒' },
                ]}
              />
            </Form.Item>
            {rectify && (
              <>
                <Form.Item
                  name="rectifyBy"
                  label="整改期限"
                  rules={[{ required: true, message: '请选择整改期限' }]}
                >
                  <DatePicker inputReadOnly disabledDate={(x) => x.isBefore(today())} />
                </Form.Item>
                <Form.Item name="requirement" label="整改要求（不填则以检查发现为准）">
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
