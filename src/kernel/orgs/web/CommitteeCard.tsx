import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../web/api';
import { fmtDate } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { CommitteeResponse, TermItem, TermsResponse } from '../contract';
import {
  AppointDialog,
  EndPostDialog,
  ImportPostsButton,
  RecordTermDialog,
  type TermTarget,
} from './CommitteeDialogs';

type Post = CommitteeResponse['posts'][number];

export const TERM_COLORS: Record<TermItem['status'], string> = {
  current: 'green',
  due_soon: 'gold',
  overdue: 'red',
};

type Dialog = { kind: 'appoint' } | { kind: 'end'; post: Post } | { kind: 'term'; target: TermTarget };

/**
 * The committee of an organization today (posts with the dates they are held from, and how: elected,
 * appointed, migrated from the party posts), and its term with the 换届 status. The superior (the
 * answer's `canManage`, the term's `canRecord`) appoints, ends posts and records a new term here.
 */
export function CommitteeCard({ org }: { org: { id: string; name: string; type: string } }) {
  const mobile = useIsMobile();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [past, setPast] = useState(false);
  const committee = useQuery({
    queryKey: ['orgs', 'committee', org.id],
    queryFn: () => api<CommitteeResponse>(`/orgs/${org.id}/committee`),
  });
  const terms = useQuery({
    queryKey: ['orgs', 'terms', org.id],
    queryFn: () => api<TermsResponse>(`/terms?orgId=${org.id}`),
  });
  const c = committee.data;
  if (!c) return null;
  const t = terms.data;
  const term = t?.items.find((i) => i.orgId === org.id);
  const canRecord = term?.canRecord ?? t?.withoutTerm.find((w) => w.orgId === org.id)?.canRecord ?? false;
  const rows = past ? c.history : c.posts;
  const endButton = (p: Post) =>
    c.canManage && p.to === null ? (
      <Button size="small" danger onClick={() => setDialog({ kind: 'end', post: p })}>
        结束任职
      </Button>
    ) : null;

  const columns: TableColumnsType<Post> = mobile
    ? [
        {
          title: '职务与任职人',
          key: 'post',
          render: (_, p) => (
            <Flex vertical gap={2}>
              <span>
                <Typography.Text strong>{p.postLabel}</Typography.Text> {p.name}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.to ? `${fmtDate(p.from)} 至 ${fmtDate(p.to)}` : `${fmtDate(p.from)} 起`} · {p.sourceLabel}
              </Typography.Text>
              {past && p.reason && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.reason}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        ...(c.canManage
          ? [{ title: '', key: 'actions', width: 96, render: (_: unknown, p: Post) => endButton(p) }]
          : []),
      ]
    : [
        { title: '职务', dataIndex: 'postLabel', width: 96 },
        { title: '姓名', dataIndex: 'name', width: past ? 96 : undefined },
        past
          ? {
              title: '任职期间',
              key: 'span',
              width: 200,
              render: (_: unknown, p: Post) => `${fmtDate(p.from)} 至 ${p.to ? fmtDate(p.to) : '现任'}`,
            }
          : { title: '任职起', dataIndex: 'from', width: 110, render: fmtDate },
        { title: '产生方式', dataIndex: 'sourceLabel', width: 120 },
        ...(past
          ? [
              {
                title: '说明',
                dataIndex: 'reason',
                ellipsis: { showTitle: true },
                render: (v: string | null) => v ?? '—',
              },
            ]
          : []),
        ...(c.canManage
          ? [{ title: '操作', key: 'actions', width: 110, render: (_: unknown, p: Post) => endButton(p) }]
          : []),
      ];

  return (
    <div data-testid="committee-card">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>委员会（{c.hasCommittee ? '已设立' : '未设立，设书记'}）</Typography.Text>
        {term ? (
          <Link to="/orgs/terms">
            <Tag color={TERM_COLORS[term.status]} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
              本届 {fmtDate(term.startedOn)} 至 {fmtDate(term.endsOn)} · {term.statusLabel}
            </Tag>
          </Link>
        ) : (
          t && <Tag style={{ marginInlineEnd: 0 }}>未登记任期</Tag>
        )}
        {canRecord && t && (
          <Button
            size="small"
            onClick={() =>
              setDialog({
                kind: 'term',
                target: {
                  orgId: org.id,
                  orgName: org.name,
                  current: term ? { startedOn: term.startedOn, endsOn: term.endsOn } : null,
                  termYears: t.settings.termYears,
                },
              })
            }
          >
            登记换届
          </Button>
        )}
      </Flex>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        {c.canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'appoint' })}>
            任命职务
          </Button>
        )}
        {c.canManage && org.type === 'branch' && c.history.length === 0 && (
          <ImportPostsButton orgId={org.id} />
        )}
        {c.history.length > c.posts.length && (
          <Flex gap={8} align="center" style={{ marginInlineStart: 'auto' }}>
            <Switch id={`committee-past-${org.id}`} size="small" checked={past} onChange={setPast} />
            <label htmlFor={`committee-past-${org.id}`}>显示历任</label>
          </Flex>
        )}
      </Flex>
      <Table<Post>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        scroll={mobile ? undefined : { x: past ? 840 : 480 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="尚无任职记录：由上级组织任命，或在支部党员大会选举后登记"
            />
          ),
        }}
        columns={columns}
      />
      {dialog?.kind === 'appoint' && <AppointDialog org={org} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'end' && (
        <EndPostDialog orgId={org.id} post={dialog.post} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'term' && <RecordTermDialog target={dialog.target} onClose={() => setDialog(null)} />}
    </div>
  );
}
