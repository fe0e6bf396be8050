import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import type { TaskOptions } from '../contract';

/**
 * The small form a target fills in: typed fields (number, date, choice, text); a number may come
 * prefilled from the records, so a branch confirms it instead of counting.
 */
export function FieldsEditor({ options }: { options: TaskOptions }) {
  const form = Form.useFormInstance();
  return (
    <Form.List name="fields">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, i) => {
            const type = form.getFieldValue(['fields', field.name, 'type']);
            return (
              <Card
                key={field.key}
                size="small"
                title={`填报项 ${i + 1}`}
                extra={
                  <Button
                    type="text"
                    danger
                    aria-label="删除填报项"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                  />
                }
              >
                <Flex gap={8} wrap>
                  <Form.Item
                    name={[field.name, 'label']}
                    label="名称"
                    rules={[{ required: true, message: '请填写填报项名称' }]}
                    style={{ flex: '1 1 200px', marginBottom: 8 }}
                  >
                    <Input maxLength={40} placeholder="如：党员人数" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'type']} label="类型" style={{ width: 110, marginBottom: 8 }}>
                    <Select options={options.fieldTypes.map((t) => ({ value: t.key, label: t.label }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'required']}
                    label="必填"
                    valuePropName="checked"
                    style={{ marginBottom: 8 }}
                  >
                    <Switch />
                  </Form.Item>
                </Flex>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const t = form.getFieldValue(['fields', field.name, 'type']) ?? type;
                    if (t === 'choice')
                      return (
                        <Form.Item
                          name={[field.name, 'options']}
                          label="选项"
                          rules={[{ required: true, type: 'array', min: 2, message: '至少两个选项' }]}
                          style={{ marginBottom: 0 }}
                        >
                          <Select mode="tags" placeholder="输入选项后回车，如：已完成" open={false} />
                        </Form.Item>
                      );
                    if (t === 'number')
                      return (
                        <Flex gap={8} wrap>
                          <Form.Item
                            name={[field.name, 'prefill']}
                            label="从记录取数（支部只需确认）"
                            style={{ flex: '1 1 240px', marginBottom: 0 }}
                          >
                            <Select
                              allowClear
                              placeholder="不取数，由支部填写"
                              options={options.prefillSources.map((s) => ({ value: s.key, label: s.label }))}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'unit']}
                            label="单位"
                            style={{ width: 90, marginBottom: 0 }}
                          >
                            <Input maxLength={10} placeholder="人" />
                          </Form.Item>
                        </Flex>
                      );
                    return null;
                  }}
                </Form.Item>
              </Card>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => add({ type: 'number', required: true })}>
            添加填报项
          </Button>
          {fields.length === 0 && (
            <Typography.Text type="secondary">
              不需要填报数据时可不添加。数字项可以从系统记录取数（党员人数、本季度“三会一课”次数等），支部确认即可，不必重复统计。
            </Typography.Text>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
