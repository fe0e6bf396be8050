import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import { today } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import type { Zone, ZoneList } from '../contract';
import { ABILITY } from './model';
import { usePaged } from './parts';
import { ZoneDialog, type ZoneDialogState } from './ZoneDialog';

export function useEndZone() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (z: Zone) =>
      api<Zone>(`/assessment/zones/${z.id}/end`, {
        method: 'POST',
        body: { endedOn: today().format('YYYY-MM-DD') },
      }),
    onSuccess: () => {
      message.success('已撤销，历次考核记录保留');
      qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: showError,
  });
}

/** The zones' columns, shared with the branch page. */
export function zoneColumns(
  onEdit: (z: Zone) => void,
  end: ReturnType<typeof useEndZone>,
  withBranch = true,
) {
  return [
    { title: '名称', dataIndex: 'name', mobile: 'title' as const },
    {
      title: '类型',
      key: 'kind',
      mobile: 'extra' as const,
      width: 110,
      render: (_: unknown, z: Zone) => (
        <>
          <Tag color={z.kind === 'model_post' ? 'volcano' : 'geekblue'}>{z.kindLabel}</Tag>
          {z.endedOn && <Tag>已撤销</Tag>}
        </>
      ),
    },
    ...(withBranch
      ? [
          {
            title: '党支部',
            key: 'org',
            mobile: 'meta' as const,
            width: 180,
            ellipsis: true,
            render: (_: unknown, z: Zone) => <Link to={`/assessment/branches/${z.orgId}`}>{z.orgName}</Link>,
          },
        ]
      : []),
    { title: '区域或岗位', dataIndex: 'area', mobile: 'line' as const, ellipsis: true },
    {
      title: '责任党员',
      key: 'people',
      mobile: 'line' as const,
      width: 160,
      render: (_: unknown, z: Zone) => z.people.map((p) => p.name).join('、'),
    },
    { title: '目标', dataIndex: 'goals', mobile: 'line' as const, ellipsis: true },
    { title: '设立', dataIndex: 'startedOn', mobile: 'meta' as const, width: 100 },
    {
      title: '操作',
      key: 'actions',
      mobile: 'hidden' as const,
      width: 120,
      render: (_: unknown, z: Zone) => <ZoneActions z={z} onEdit={onEdit} end={end} />,
    },
  ];
}

export function ZoneActions({
  z,
  onEdit,
  end,
}: {
  z: Zone;
  onEdit: (z: Zone) => void;
  end: ReturnType<typeof useEndZone>;
}) {
  return (
    <>
      {z.actions.includes('edit') && (
        <Button size="small" type="link" onClick={() => onEdit(z)}>
          修改
        </Button>
      )}
      {z.actions.includes('end') && (
        <Popconfirm
          title="撤销该责任区（示范岗）？"
          description="撤销后不再参加新的岗区考核，记录保留。"
          onConfirm={() => end.mutate(z)}
        >
          <Button size="small" type="link" danger>
            撤销
          </Button>
        </Popconfirm>
      )}
    </>
  );
}

/** 党员责任区和示范岗 of the branches in the caller's reach. */
export default function Zones() {
  const me = useMe();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [ended, setEnded] = useState(false);
  const [dialog, setDialog] = useState<ZoneDialogState>(null);
  const end = useEndZone();
  const list = useQuery({
    queryKey: ['assessment', 'zones', orgId, ended],
    queryFn: () =>
      api<ZoneList>('/assessment/zones', { query: { orgId, ended: ended ? 'true' : undefined } }),
  });
  const paged = usePaged(list.data?.items);
  return (
    <Page
      title="岗区管理"
      extra={
        <>
          <OrgTreeSelect
            placeholder="组织（含下级）"
            value={orgId}
            prefillSingle={false}
            style={{ width: mobile ? '100%' : 240 }}
            onChange={(v) => setParams(v ? { orgId: v } : {}, { replace: true })}
          />
          <Checkbox checked={ended} onChange={(e) => setEnded(e.target.checked)}>
            含已撤销
          </Checkbox>
          {can(me, ABILITY.zones) && (
            <Button type="primary" onClick={() => setDialog({ kind: 'create', orgId })}>
              设立责任区或示范岗
            </Button>
          )}
        </>
      }
    >
      <ResponsiveList<Zone>
        rowKey="id"
        {...paged}
        loading={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        empty={orgId ? '该组织还没有党员责任区或示范岗' : '还没有党员责任区或示范岗'}
        columns={zoneColumns((z) => setDialog({ kind: 'edit', zone: z }), end)}
        cardActions={(z) => (
          <ZoneActions z={z} onEdit={(x) => setDialog({ kind: 'edit', zone: x })} end={end} />
        )}
      />
      <ZoneDialog state={dialog} onClose={() => setDialog(null)} />
    </Page>
  );
}
