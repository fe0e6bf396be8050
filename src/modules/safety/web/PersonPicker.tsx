import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { type PersonOption, searchPeople } from './model';

/** Picks a person in the caller's scope by name or employee number. */
export function PersonPicker({
  id,
  value,
  onChange,
  orgId,
  placeholder = '输入姓名或工号搜索',
  initialLabel,
  disabled,
  onPick,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  orgId?: string;
  placeholder?: string;
  initialLabel?: string;
  disabled?: boolean;
  /** The chosen person with what the search knows of them (post, branch), for prefilling a form. */
  onPick?: (p: PersonOption | undefined) => void;
}) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people', 'pick', q, orgId],
    queryFn: () => searchPeople(q, orgId),
    staleTime: 30_000,
  });
  const options = (people.data ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.orgName}${p.post ? `·${p.post}` : ''}·${p.partyStatusLabel}）`,
  }));
  if (value && initialLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: initialLabel });
  return (
    <Select
      id={id}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v: string | undefined) => {
        onChange?.(v);
        onPick?.((people.data ?? []).find((p) => p.id === v));
      }}
      placeholder={placeholder}
      loading={people.isFetching}
      options={options}
      notFoundContent={people.isFetching ? '搜索中…' : '没有找到'}
      style={{ width: '100%' }}
    />
  );
}
