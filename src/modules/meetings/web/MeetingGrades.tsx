import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, showError } from '../../../web/api';
import { ExportButton } from '../../../web/components/ExportButton';
import { dayjs, ZONE } from '../../../web/format';
import type { GradeView, MeetingDetail as Meeting } from './model';

const GRADE_COLORS: Record<string, string> = {
  excellent: 'red',
  qualified: 'green',
  basically_qualified: 'gold',
  unqualified: 'volcano',
};

/** The secretary marks a follow-up done (the talk held, the handling decided) with a note. */
function CloseFollowUp({ m, g }: { m: Meeting; g: GradeView }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [doneOn, setDoneOn] = useState(dayjs().tz(ZONE).format('YYYY-MM-DD'));
  const close = useMutation({
    mutationFn: () =>
      api<Meeting>(`/meetings/${m.id}/follow-ups`, {
        method: 'POST',
        body: { personId: g.personId, doneOn, note },
      }),
    onSuccess: () => {
      message.success('已登记完成');
      setOpen(false);
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        登记完成
      </Button>
      <Modal
        title={`${g.name}：${g.followUpLabel}`}
        open={open}
        okText="登记"
        okButtonProps={{ disabled: !note.trim(), loading: close.isPending }}
        onOk={() => close.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Input
          type="date"
          aria-label="完成日期"
          value={doneOn}
          min={m.heldOn}
          max={dayjs().tz(ZONE).format('YYYY-MM-DD')}
          onChange={(e) => e.target.value && setDoneOn(e.target.value)}
          style={{ marginBottom: 8 }}
        />
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="跟进情况，如：书记与其谈心谈话，明确整改措施和期限"
        />
      </Modal>
    </>
  );
}

/** The grades of a 民主评议党员 and the follow-ups 基本合格 and 不合格 call for. */
export function MeetingGrades({ m }: { m: Meeting }) {
  if (m.kind !== 'democratic_review' || m.grades.length === 0) return null;
  const count = (g: string) => m.grades.filter((x) => x.grade === g).length;
  const canClose = m.actions.includes('update') && !m.planned;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`评定等次（${m.grades.length} 人：优秀 ${count('excellent')}，合格 ${count('qualified')}，基本合格 ${count('basically_qualified')}，不合格 ${count('unqualified')}）`}
      extra={
        <ExportButton
          size="small"
          path="/meetings/grades/export"
          query={{ orgId: m.orgId, year: m.heldOn.slice(0, 4) }}
          filename={`民主评议党员等次台账_${m.heldOn.slice(0, 4)}.xlsx`}
          label="等次台账"
        />
      }
    >
      <Table<GradeView>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={m.grades}
        scroll={{ x: 420 }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '等次',
            dataIndex: 'gradeLabel',
            width: 90,
            render: (v: string, g) => <Tag color={GRADE_COLORS[g.grade]}>{v}</Tag>,
          },
          {
            title: '跟进',
            render: (_: unknown, g) =>
              !g.followUp ? (
                ''
              ) : g.followUpDoneOn ? (
                <Typography.Text type="secondary">
                  {g.followUpDoneOn} 已完成：{g.followUpNote}
                </Typography.Text>
              ) : (
                <span>
                  <Typography.Text type="warning">{g.followUpLabel}</Typography.Text>{' '}
                  {canClose && <CloseFollowUp m={m} g={g} />}
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}
