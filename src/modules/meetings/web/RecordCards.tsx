import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { POST_LABELS, POSTS } from '../../../kernel/orgs/contract';
import { dayjs, ZONE } from '../../../web/format';
import { DateTimeField } from './DateTimeField';
import {
  MEETING_KIND_LABELS,
  type MeetingKind,
  type RecordableOrg,
  type RosterPerson,
  VOTE_TYPE_LABELS,
} from './model';
import { recordableDayProblem, recordableLabel, TOPIC_HINTS } from './recordForm';

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
        <Select
          options={orgs.map((o) => ({ value: o.id, label: recordableLabel(o, orgs) }))}
          disabled={disabledOrg}
        />
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
          dependencies={['orgId']}
          rules={[
            { required: true, message: '请选择召开时间' },
            ({ getFieldValue }) => ({
              // A merged branch, or a group that moved away, takes late records for its own days only.
              validator: async (_, value?: Dayjs) => {
                const org = orgs.find((o) => o.id === getFieldValue('orgId'));
                const problem = recordableDayProblem(org, value?.tz(ZONE).format('YYYY-MM-DD'));
                if (problem) throw new Error(problem);
              },
            }),
          ]}
          style={{ flex: '1 1 200px' }}
        >
          <DateTimeField mobile={mobile} />
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

export function ContentCard({
  people,
  kind,
  defaultHours,
}: {
  people: RosterPerson[];
  kind?: MeetingKind;
  /** The kind's default 学时 from the settings (the server fills it when the field is left empty). */
  defaultHours?: number;
}) {
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
        <Form.Item
          name="classHours"
          label="学时"
          tooltip="出席的党员计入学习时长；不填按本单位对该类会议的默认学时"
          style={{ flex: '1 1 120px' }}
        >
          <InputNumber
            min={0}
            max={24}
            step={0.5}
            inputMode="decimal"
            style={{ width: '100%' }}
            placeholder={defaultHours == null ? '按类型默认' : `默认 ${defaultHours}`}
          />
        </Form.Item>
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

const POST_OPTIONS = POSTS.map((p) => ({ value: p, label: POST_LABELS[p] }));

/** The candidates of an election: each with the post they stand for and their own tally. */
function Candidates({ vote, people }: { vote: number; people: RosterPerson[] }) {
  const voters = people
    .filter((p) => p.partyStatus === 'full' && !p.suspended)
    .map((p) => ({ value: p.personId, label: p.name }));
  return (
    <>
      <Form.List name={[vote, 'candidates']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Flex key={f.key} gap={6} wrap align="center" style={{ marginBottom: 6 }}>
                <Form.Item
                  name={[f.name, 'personId']}
                  rules={[{ required: true, message: '请选择候选人' }]}
                  style={{ marginBottom: 0, flex: '1 1 120px' }}
                >
                  <Select placeholder="候选人" options={voters} optionFilterProp="label" showSearch />
                </Form.Item>
                <Form.Item name={[f.name, 'post']} style={{ marginBottom: 0, flex: '1 1 110px' }}>
                  <Select placeholder="拟任职务" options={POST_OPTIONS} allowClear />
                </Form.Item>
                {(['yes', 'no', 'abstain'] as const).map((k) => (
                  <Form.Item key={k} name={[f.name, k]} initialValue={0} style={{ marginBottom: 0 }}>
                    <InputNumber
                      min={0}
                      style={{ width: 72 }}
                      addonBefore={undefined}
                      placeholder={{ yes: '赞成', no: '反对', abstain: '弃权' }[k]}
                    />
                  </Form.Item>
                ))}
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Flex>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ yes: 0, no: 0, abstain: 0 })}>
              添加候选人（赞成 / 反对 / 弃权票）
            </Button>
          </>
        )}
      </Form.List>
      <Flex gap={12} wrap style={{ marginTop: 8 }}>
        <Form.Item name={[vote, 'newTerm']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>换届选举（新一届委员会，任期重新计算）</Checkbox>
        </Form.Item>
        <Form.Item name={[vote, 'termReason']} style={{ marginBottom: 0, flex: '1 1 220px' }}>
          <Input placeholder="提前或延期换届的原因（上级批复），按期换届不填" />
        </Form.Item>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
        选举须有超过应到会有选举权党员五分之四的党员到会；候选人得票超过实到会有选举权党员的半数当选；不得以书面意见代替投票。上级审核通过后，当选人自动登记为委员会职务。
      </Typography.Paragraph>
    </>
  );
}

/** The votes of a 支部党员大会 (only full members vote; the server checks the counts against the roll call). */
export function VotesCard({ people }: { people: RosterPerson[] }) {
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
                <Form.Item
                  noStyle
                  shouldUpdate={(a, b) => a.votes?.[f.name]?.type !== b.votes?.[f.name]?.type}
                >
                  {({ getFieldValue }) =>
                    getFieldValue(['votes', f.name, 'type']) === 'election' ? (
                      <Candidates vote={f.name} people={people} />
                    ) : (
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
                    )
                  }
                </Form.Item>
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
