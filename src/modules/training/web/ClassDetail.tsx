import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  InputNumber,
  List,
  Radio,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { PersonPicker } from '../../../web/components/PersonPicker';
import { useIsMobile } from '../../../web/useIsMobile';
import type { ClassDetail as Detail, ParticipantItem } from '../contract';
import { PARTICIPANT_STATUS_LABELS } from '../rules';
import { dates, PHASE } from './Classes';
import { hoursText } from './model';

type Mark = { status: 'present' | 'leave' | 'absent'; hours?: number };

/** The organizer marks attendance: everyone at once or one by one, hours adjustable for who left early. */
function Attendance({ c }: { c: Detail }) {
  const mobile = useIsMobile();
  const client = useQueryClient();
  const { message } = App.useApp();
  const initial = useMemo(
    () =>
      Object.fromEntries(
        c.participants
          .filter((p) => p.status !== 'withdrawn')
          .map((p) => [
            p.personId,
            { status: p.status === 'enrolled' ? 'present' : p.status, hours: p.hours ?? undefined } as Mark,
          ]),
      ),
    [c.participants],
  );
  const [marks, setMarks] = useState<Record<string, Mark>>(initial);
  useEffect(() => setMarks(initial), [initial]);
  const save = useMutation({
    mutationFn: () =>
      api<Detail>(`/training/classes/${c.id}/attendance`, {
        method: 'POST',
        body: {
          items: Object.entries(marks).map(([personId, m]) => ({
            personId,
            status: m.status,
            ...(m.status === 'present' && m.hours !== undefined && m.hours !== c.hours
              ? { hours: m.hours }
              : {}),
          })),
        },
      }),
    onSuccess: (d) => {
      client.setQueryData(['training', 'class', c.id], d);
      client.invalidateQueries({ queryKey: ['training'] });
      message.success(`考勤已保存：出勤 ${d.presentCount} 人，出勤学员记入 ${hoursText(c.hours)} 学时`);
    },
    onError: showError,
  });
  const rows = c.participants.filter((p) => p.status !== 'withdrawn');
  const set = (personId: string, patch: Partial<Mark>) =>
    setMarks((m) => ({ ...m, [personId]: { ...m[personId], ...patch } }));
  const count = (s: Mark['status']) => Object.values(marks).filter((m) => m.status === s).length;
  return (
    <Card
      size="small"
      title={`考勤（出勤 ${count('present')} · 请假 ${count('leave')} · 缺勤 ${count('absent')}）`}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} disabled={!rows.length}>
          保存考勤
        </Button>
      }
    >
      <Table<ParticipantItem>
        size="small"
        rowKey="personId"
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: mobile ? 520 : undefined }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '党支部', dataIndex: 'orgName', ellipsis: true, responsive: ['md'] },
          {
            title: '考勤',
            key: 'status',
            width: 220,
            render: (_, p) => (
              <Radio.Group
                size="small"
                optionType="button"
                value={marks[p.personId]?.status}
                onChange={(e) => set(p.personId, { status: e.target.value })}
                options={[
                  { value: 'present', label: '出勤' },
                  { value: 'leave', label: '请假' },
                  { value: 'absent', label: '缺勤' },
                ]}
              />
            ),
          },
          {
            title: '认定学时',
            key: 'hours',
            width: 110,
            render: (_, p) =>
              marks[p.personId]?.status === 'present' ? (
                <InputNumber
                  size="small"
                  min={0.5}
                  max={c.hours}
                  step={0.5}
                  value={marks[p.personId]?.hours ?? c.hours}
                  onChange={(v) => set(p.personId, { hours: v ?? undefined })}
                  style={{ width: 80 }}
                  aria-label={`${p.name}的认定学时`}
                />
              ) : (
                '—'
              ),
          },
          {
            title: '结业编号',
            dataIndex: 'certificateNo',
            width: 130,
            responsive: ['md'],
            render: (v: string | null, p) =>
              v ? <Link to={`/training/certificates/${p.id}`}>{v}</Link> : '—',
          },
        ]}
      />
    </Card>
  );
}

function AddParticipant({ c }: { c: Detail }) {
  const [personId, setPersonId] = useState<string>();
  const client = useQueryClient();
  const add = useMutation({
    mutationFn: () =>
      api<Detail>(`/training/classes/${c.id}/participants`, {
        method: 'POST',
        body: { personIds: [personId] },
      }),
    onSuccess: (d) => {
      client.setQueryData(['training', 'class', c.id], d);
      setPersonId(undefined);
    },
    onError: showError,
  });
  return (
    <Flex gap={8} wrap>
      <div style={{ flex: 1, minWidth: 220 }}>
        <PersonPicker
          value={personId}
          onChange={setPersonId}
          orgId={c.orgId}
          placeholder="添加学员：输入姓名或工号"
        />
      </div>
      <Button disabled={!personId} loading={add.isPending} onClick={() => add.mutate()}>
        添加
      </Button>
    </Flex>
  );
}

export default function ClassDetail() {
  const { id } = useParams();
  const client = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ['training', 'class', id],
    queryFn: () => api<Detail>(`/training/classes/${id}`),
  });
  const act = useMutation({
    mutationFn: (method: 'POST' | 'DELETE') => api<Detail>(`/training/classes/${id}/signup`, { method }),
    onSuccess: (d, method) => {
      client.setQueryData(['training', 'class', id], d);
      client.invalidateQueries({ queryKey: ['training', 'mine'] });
      message.success(method === 'POST' ? '报名成功' : '已取消报名');
    },
    onError: showError,
  });
  const c = q.data;
  if (q.isPending) return <Loading />;
  if (q.isError || !c)
    return (
      <Page title="班次详情">
        <Alert type="error" showIcon title={(q.error as Error)?.message ?? '加载失败'} />
      </Page>
    );
  const manage = c.actions.includes('manage');
  return (
    <Page
      title={c.title}
      extra={
        <>
          {c.actions.includes('signup') && (
            <Button type="primary" loading={act.isPending} onClick={() => act.mutate('POST')}>
              报名参加
            </Button>
          )}
          {c.actions.includes('withdraw') && (
            <Button loading={act.isPending} onClick={() => act.mutate('DELETE')}>
              取消报名
            </Button>
          )}
          {c.myCertificateId && (
            <Link to={`/training/certificates/${c.myCertificateId}`}>
              <Button>我的结业记录</Button>
            </Link>
          )}
        </>
      }
    >
      <Flex vertical gap={12}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { label: '编号', children: c.code },
              {
                label: '状态',
                children: (
                  <Flex gap={4} wrap>
                    <Tag color={PHASE[c.phase].color}>{PHASE[c.phase].label}</Tag>
                    {c.myStatus && <Tag color="red">我：{PARTICIPANT_STATUS_LABELS[c.myStatus]}</Tag>}
                  </Flex>
                ),
              },
              { label: '主办', children: c.orgName },
              { label: '日期', children: dates(c) },
              {
                label: '地点',
                children: c.online ? (
                  c.onlineUrl ? (
                    <a href={c.onlineUrl} target="_blank" rel="noreferrer">
                      线上：{c.onlineUrl}
                    </a>
                  ) : (
                    '线上'
                  )
                ) : (
                  c.place
                ),
              },
              { label: '学时', children: `${hoursText(c.hours)} 学时（出勤记入）` },
              {
                label: '参训方式',
                children:
                  c.enrollment === 'signup'
                    ? `党员报名${c.signupUntil ? `（${c.signupUntil} 截止）` : ''}`
                    : '主办单位指定',
              },
              {
                label: '学员',
                children: `${c.participantCount}${c.capacity ? ` / 名额 ${c.capacity}` : ''} 人`,
              },
              ...(c.participantOrgs.length
                ? [{ label: '范围', children: c.participantOrgs.map((o) => o.name).join('、') }]
                : []),
              ...(c.topic ? [{ label: '主题', children: c.topic }] : []),
            ]}
          />
          {c.description && (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              {c.description}
            </Typography.Paragraph>
          )}
        </Card>
        <Card size="small" title={`课程（${c.courses.length}）`}>
          {c.courses.length ? (
            <List
              size="small"
              dataSource={c.courses}
              renderItem={(k) => (
                <List.Item extra={`${hoursText(k.hours)} 学时`}>
                  <List.Item.Meta
                    title={k.title}
                    description={[k.topic, k.teacherName].filter(Boolean).join(' · ')}
                  />
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本班没有从课程库选择课程" />
          )}
        </Card>
        {manage && c.phase !== 'upcoming' && <Attendance c={c} />}
        {manage && (
          <Card size="small" title={c.phase === 'upcoming' ? `学员（${c.participantCount}）` : '添加学员'}>
            <Flex vertical gap={8}>
              <AddParticipant c={c} />
              {c.phase === 'upcoming' && (
                <Typography.Text type="secondary">
                  {c.participants
                    .filter((p) => p.status !== 'withdrawn')
                    .map((p) => p.name)
                    .join('、') || '还没有学员'}
                  {c.phase === 'upcoming' ? '。开班后在此记录考勤。' : ''}
                </Typography.Text>
              )}
            </Flex>
          </Card>
        )}
        {!manage && c.participants.length > 1 && (
          <Card size="small" title="本支部学员">
            <Typography.Text>
              {c.participants.map((p) => `${p.name}（${p.statusLabel}）`).join('、')}
            </Typography.Text>
          </Card>
        )}
      </Flex>
    </Page>
  );
}
