import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Input, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../web/api';
import { dayjs, toDateString } from '../../../web/format';
import type { AuditCatalog } from '../contract';

export const FILTER_KEYS = ['group', 'action', 'actor', 'actorId', 'entityId', 'from', 'to'] as const;
export type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names every module declares for its actions and entities (`GET /audit/catalog`). */
export function useAuditCatalog() {
  return useQuery({
    queryKey: ['audit-catalog'],
    queryFn: () => api<AuditCatalog>('/audit/catalog'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Every group with its actions, each group selectable as a whole: `group:<key>` or `action:<action>`. */
function actionOptions(catalog: AuditCatalog | undefined) {
  const labels = new Map(catalog?.actions.map((a) => [a.action, a.label]));
  return (catalog?.groups ?? []).map((g) => ({
    label: g.label,
    title: g.label,
    options: [
      { value: `group:${g.key}`, label: `全部${g.label}类` },
      ...g.actions.map((a) => ({ value: `action:${a}`, label: labels.get(a) ?? a })),
    ],
  }));
}

/** A text box whose value follows the URL and applies on Enter or search. */
function SearchBox(props: {
  value: string | undefined;
  placeholder: string;
  width: number | string;
  valid?: (v: string) => boolean;
  onApply: (v: string | undefined) => void;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const bad = props.valid && text.trim() !== '' && !props.valid(text.trim());
  return (
    <Input.Search
      allowClear
      placeholder={props.placeholder}
      status={bad ? 'error' : undefined}
      style={{ width: props.width }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => {
        const t = v.trim();
        if (t && props.valid && !props.valid(t)) return;
        props.onApply(t || undefined);
      }}
    />
  );
}

export function AuditFilters({
  filters,
  mobile,
  onChange,
  onClear,
}: {
  filters: Filters;
  mobile: boolean;
  onChange: (patch: Filters) => void;
  onClear: () => void;
}) {
  const catalog = useAuditCatalog();
  const width = (w: number) => (mobile ? '100%' : w);
  const selected = filters.group
    ? `group:${filters.group}`
    : filters.action
      ? `action:${filters.action}`
      : undefined;
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  return (
    <>
      <Flex gap={8} wrap>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="操作类型"
          loading={catalog.isPending}
          style={{ width: width(220) }}
          value={selected}
          onChange={(v?: string) =>
            onChange({
              group: v?.startsWith('group:') ? v.slice(6) : undefined,
              action: v?.startsWith('action:') ? v.slice(7) : undefined,
            })
          }
          options={actionOptions(catalog.data)}
        />
        <DatePicker.RangePicker
          style={{ width: width(260) }}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(r) =>
            onChange({ from: toDateString(r?.[0]) ?? undefined, to: toDateString(r?.[1]) ?? undefined })
          }
        />
        <SearchBox
          value={filters.actor}
          placeholder="操作人（姓名或用户名）"
          width={width(220)}
          onApply={(actor) => onChange({ actor })}
        />
        <SearchBox
          value={filters.entityId}
          placeholder="对象ID"
          width={width(240)}
          valid={(v) => UUID.test(v)}
          onApply={(entityId) => onChange({ entityId })}
        />
        {filters.actorId && (
          <Tag closable onClose={() => onChange({ actorId: undefined })} style={{ alignSelf: 'center' }}>
            操作人ID {filters.actorId.slice(0, 8)}…
          </Tag>
        )}
        {filtered && <Button onClick={onClear}>清除筛选</Button>}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        审计记录按哈希链串联，不可修改或删除；操作人可按姓名或用户名查找，对象ID 须为完整的 UUID。
      </Typography.Text>
    </>
  );
}
