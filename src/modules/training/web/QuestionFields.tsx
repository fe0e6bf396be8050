import { Form, type FormInstance, Input, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';

const letter = (i: number) => String.fromCharCode(65 + i);
export const JUDGE = ['正确', '错误'];

/** A question typed in the form: options one per line; its answer picked among them. */
export interface QuestionDraft {
  kind: 'single' | 'multiple' | 'judge';
  text: string;
  optionsText?: string;
  answer?: number | number[];
  explanation?: string;
}

/** The question as the API takes it. */
export function toQuestion(d: QuestionDraft) {
  const options =
    d.kind === 'judge'
      ? JUDGE
      : (d.optionsText ?? '')
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean);
  const answer = d.answer === undefined ? [] : Array.isArray(d.answer) ? d.answer : [d.answer];
  return { kind: d.kind, text: d.text, options, answer, explanation: d.explanation || null };
}

/** Kind, stem, options and answer of one question; `name` is where it sits in the form (a list entry or the root). */
export function QuestionFields({
  name,
  form,
}: {
  name: (string | number)[];
  // biome-ignore lint/suspicious/noExplicitAny: the fields sit in forms of any shape
  form: FormInstance<any>;
}) {
  const path = (f: string): NamePath => [...name, f];
  const full = (f: string): NamePath =>
    name.length && typeof name[0] === 'number' ? ['questions', ...name, f] : [...name, f];
  const kind = Form.useWatch(full('kind'), form) as QuestionDraft['kind'] | undefined;
  const optionsText = Form.useWatch(full('optionsText'), form) as string | undefined;
  const options =
    kind === 'judge'
      ? JUDGE
      : (optionsText ?? '')
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean);
  return (
    <>
      <Form.Item name={path('kind')} label="题型" initialValue="single">
        <Select
          options={[
            { value: 'single', label: '单选题' },
            { value: 'multiple', label: '多选题' },
            { value: 'judge', label: '判断题' },
          ]}
        />
      </Form.Item>
      <Form.Item name={path('text')} label="题干" rules={[{ required: true, message: '请填写题干' }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {kind !== 'judge' && (
        <Form.Item
          name={path('optionsText')}
          label="选项（每行一个）"
          rules={[{ required: true, message: '请填写选项' }]}
        >
          <Input.TextArea rows={4} placeholder={'选项一\n选项二\n选项三\n选项四'} />
        </Form.Item>
      )}
      <Form.Item
        name={path('answer')}
        label="正确答案"
        rules={[{ required: true, message: '请选择正确答案' }]}
      >
        <Select
          mode={kind === 'multiple' ? 'multiple' : undefined}
          placeholder={options.length ? '选择正确选项' : '先填写选项'}
          options={options.map((o, i) => ({ value: i, label: `${letter(i)}. ${o}` }))}
        />
      </Form.Item>
      <Form.Item name={path('explanation')} label="解析">
        <Input.TextArea rows={2} maxLength={1000} placeholder="交卷后向答题人展示" />
      </Form.Item>
    </>
  );
}
