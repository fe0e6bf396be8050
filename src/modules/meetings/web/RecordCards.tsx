import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { dayjs } from '../../../web/format';
import {
  MEETING_KIND_LABELS,
  type MeetingKind,
  type RecordableOrg,
  type RosterPerson,
  VOTE_TYPE_LABELS,
} from './model';
import { TOPIC_HINTS } from './recordForm';

/** The cards of the record form besides the roll call: what and when, the content, the votes. */

export function BasicsCard({
  orgs,
  kinds,
  kind,
  heldAt,
  disabledOrg,
  mobile,
}: {
  orgs: RecordableOrg[];
  kinds: MeetingKind[];
  kind?: MeetingKind;
  heldAt?: Dayjs;
  disabledOrg: boolean;
  mobile: boolean;
}) {
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Form.Item name="orgId" label="召开组织" rules={[{ required: true, message: '请选择组织' }]}>
        <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} disabled={disabledOrg} />
      </Form.Item>
      <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
        >
          {kinds.map((k) => (
            <Radio.Button key={k} value={k} style={{ borderRadius: 6 }}>
              {MEETING_KIND_LABELS[k]}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="topic"
        label="会议主题"
        rules={[{ required: true, whitespace: true, message: '请填写会议主题' }]}
      >
        <AutoComplete
          options={(TOPIC_HINTS[kind as MeetingKind] ?? []).map((t) => ({ value: t }))}
          placeholder="可从建议中选择"
        />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="heldAt"
          label="召开时间"
          rules={[{ required: true, message: '请选择召开时间' }]}
          style={{ flex: '1 1 200px' }}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            inputReadOnly={mobile}
          />
        </Form.Item>
        <Form.Item
          name="place"
          label="地点"
          rules={[{ required: true, whitespace: true, message: '请填写地点' }]}
          style={{ flex: '1 1 200px' }}
        >
          <Input placeholder="如：车站党员活动室" />
        </Form.Item>
      </Flex>
      {heldAt?.isAfter(dayjs()) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="这是一次计划中的会议：可先保存草稿，会议召开后再提交。"
        />
      )}
    </Card>
  );
}

export function ContentCard({ people, kind }: { people: RosterPerson[]; kind?: MeetingKind }) {
  const personOptions = people.map((p) => ({ value: p.personId, label: p.name }));
  return (
    <Card size="small" style={{ marginBottom: 12 }} title="会议内容">
      <Flex gap={12} wrap>
        <Form.Item name="hostPersonId" label="主持人" style={{ flex: '1 1 160px' }}>
          <Select allowClear options={personOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="recorderPersonId" label="记录人" style={{ flex: '1 1 160px' }}>
          <Select allowClear options={personOptions} optionFilterProp="label" />
        </Form.Item>
        {kind === 'party_lecture' && (
          <Form.Item name="lecturer" label="授课人" style={{ flex: '1 1 160px' }}>
            <Input />
          </Form.Item>
        )}
      </Flex>
      <Form.Item name="agenda" label="议程">
        <Select mode="tags" placeholder="输入后回车，可多项" open={false} />
      </Form.Item>
      <Form.Item name="minutes" label="会议记录">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} placeholder="发言要点、讨论情况" />
      </Form.Item>
      <Form.Item name="resolutions" label="决议">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
    </Card>
  );
}

const COUNTS = [
  ['yes', '赞成'],
  ['no', '反对'],
  ['abstain', '弃权'],
  ['writtenYes', '书面赞成'],
  ['writtenNo', '书面反对'],
  ['writtenAbstain', '书面弃权'],
] as const;

/** The votes of a 支部党员大会 (only full members vote; the server checks the counts against the roll call). */
export function VotesCard() {
  return (
    <Card size="small" style={{ marginBottom: 12 }} title="表决（只有正式党员有表决权）">
      <Form.List name="votes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
              >
                <Form.Item
                  name={[f.name, 'subject']}
                  label="表决事项"
                  rules={[{ required: true, message: '请填写表决事项' }]}
                >
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, 'type']} label="类型" initialValue="decision">
                  <Select
                    options={Object.entries(VOTE_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <Space wrap>
                  {COUNTS.map(([name, label]) => (
                    <Form.Item
                      key={name}
                      name={[f.name, name]}
                      label={label}
                      initialValue={0}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber min={0} style={{ width: 90 }} />
                    </Form.Item>
                  ))}
                </Space>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ type: 'decision', yes: 0, no: 0, abstain: 0 })}
              block
            >
              添加表决事项
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
