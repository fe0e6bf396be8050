import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Select, Typography } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { api } from '../api';
import { zhCompare } from '../format';

/** What the picker knows of a person found by `GET /api/v1/people?q=…`. */
export interface PersonOption {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  post: string | null;
  employeeNo: string | null;
  partyStatus: string;
  partyStatusLabel: string;
}

/** 姓名（支部）: how a person is named wherever one is picked or shown in a line. */
export const personLabel = (p: Pick<PersonOption, 'name' | 'orgName'>) => `${p.name}（${p.orgName}）`;

/** People in the caller's scope whose name or employee number matches `q`, in pinyin order. */
export const searchPeople = (q: string, orgId?: string, includeEnded?: boolean) =>
  api<{ items: PersonOption[] }>('/people', {
    query: { q: q || undefined, orgId, pageSize: 30, includeEnded: includeEnded ? 'true' : undefined },
  }).then((r) => [...r.items].sort((a, b) => zhCompare(a.name, b.name)));

/**
 * The names of people picked lately (id → 姓名（支部）), so that a draft restored after a reload names its
 * person before any search has found them. On the phone until logout (`forgetPickedPeople`).
 */
const PICKED_KEY = 'bl.pickedPeople';
function pickedLabels(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(PICKED_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
function rememberPicked(id: string, label: string) {
  const all = { ...pickedLabels(), [id]: label };
  const keys = Object.keys(all);
  for (const k of keys.slice(0, Math.max(0, keys.length - 50))) delete all[k];
  try {
    localStorage.setItem(PICKED_KEY, JSON.stringify(all));
  } catch {
    /* full or private: the label is only a convenience */
  }
}
export const forgetPickedPeople = () => localStorage.removeItem(PICKED_KEY);

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface PersonPickerProps {
  value?: string;
  onChange?: (personId: string | undefined) => void;
  /** For a Form.Item's label. */
  id?: string;
  /** Only people of this organization and below. */
  orgId?: string;
  /** Also people whose record has ended (left, transferred out). */
  includeEnded?: boolean;
  placeholder?: string;
  /** How to name the current value before a search has found it (an edit form's saved person). */
  initialLabel?: string;
  disabled?: boolean;
  style?: CSSProperties;
  /** The chosen person with what the search knows of them (post, branch), for prefilling a form. */
  onPick?: (person: PersonOption | undefined) => void;
}

/**
 * Picks a person in the caller's scope by name or employee number, shown as 姓名（支部） with post and
 * political status under it in the list. Searching waits for a pause in typing.
 *
 *   <Form.Item name="personId" label="当事人" rules={[{ required: true, message: '请选择人员' }]}>
 *     <PersonPicker orgId={branchId} onPick={(p) => form.setFieldValue('post', p?.post)} />
 *   </Form.Item>
 */
export function PersonPicker({
  value,
  onChange,
  id,
  orgId,
  includeEnded,
  placeholder = '输入姓名或工号搜索',
  initialLabel,
  disabled,
  style,
  onPick,
}: PersonPickerProps) {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const people = useQuery({
    queryKey: ['people', 'pick', q, orgId ?? null, includeEnded ?? false],
    queryFn: () => searchPeople(q, orgId, includeEnded),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const found = people.data ?? [];
  const options = found.map((p) => ({ value: p.id, label: personLabel(p), person: p }));
  const knownLabel = initialLabel ?? (value ? pickedLabels()[value] : undefined);
  if (value && knownLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: knownLabel, person: undefined as unknown as PersonOption });
  }
  const searching = people.isFetching || typed.trim() !== q;

  return (
    <Select
      id={id}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value}
      onChange={(v: string | undefined) => {
        const picked = found.find((p) => p.id === v);
        if (picked) rememberPicked(picked.id, personLabel(picked));
        onChange?.(v);
        onPick?.(picked);
      }}
      placeholder={placeholder}
      loading={searching}
      options={options}
      optionRender={(o) => {
        const p = o.data.person as PersonOption | undefined;
        if (!p) return o.label;
        return (
          <Flex vertical>
            <span>{personLabel(p)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[p.post, p.partyStatusLabel, p.employeeNo ? `工号 ${p.employeeNo}` : null]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </Flex>
        );
      }}
      notFoundContent={searching ? '搜索中…' : q ? `没有找到“${q}”，请核对姓名或工号` : '您的范围内没有人员'}
      style={{ width: '100%', ...style }}
    />
  );
}
