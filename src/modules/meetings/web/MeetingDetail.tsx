import { EditOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Result, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { useIsMobile } from '../../../web/useIsMobile';
import { NO_QUORUM_LABEL } from '../roll';
import { CancelButton, ReviewButtons } from './MeetingActions';
import { Attachments } from './MeetingAttachments';
import { MeetingGrades } from './MeetingGrades';
import { MyPart, SignInCodeCard } from './MeetingOwn';
import { MeetingAlerts, MeetingContent, MeetingFacts, MeetingVotes, RollCall } from './MeetingSections';
import { Revisions } from './MeetingTrail';
import type { MeetingDetail as Meeting } from './model';
import { PrintRecord } from './PrintRecord';
import { LateTag, StatusTag, useMeeting } from './parts';
import './print.css';

/** What the caller may do to the meeting, as the server says in `actions`; printing for everyone. */
function MeetingButtons({ m }: { m: Meeting }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const submit = useMutation({
    mutationFn: () => api<Meeting>(`/meetings/${m.id}/submit`, { method: 'POST', body: {} }),
    onSuccess: (saved) => {
      message.success(saved.late ? '已提交（超过规定期限，标记为补录）' : '已提交上级审核');
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  return (
    <>
      {m.actions.includes('update') && (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/meetings/${m.id}/edit`)}>
          {m.status === 'returned' ? '更正' : '修改'}
        </Button>
      )}
      {m.actions.includes('submit') && (
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={submit.isPending}
          onClick={() => submit.mutate()}
        >
          {m.status === 'returned' ? '重新提交' : '提交审核'}
        </Button>
      )}
      {m.actions.includes('review') && <ReviewButtons m={m} />}
      {m.actions.includes('cancel') && <CancelButton m={m} />}
      <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
        打印
      </Button>
    </>
  );
}

export default function MeetingDetail() {
  const { id } = useParams();
  const mobile = useIsMobile();
  const meeting = useMeeting(id);
  if (meeting.isPending) return <Loading />;
  const m = meeting.data;
  if (!m) return <Result status="404" title="会议记录不存在或不在您的范围内" />;
  return (
    <>
      <div className="bl-no-print">
        <Page
          title={
            <Flex gap={8} align="center" wrap>
              {m.kindLabel}
              <StatusTag status={m.status} planned={m.planned} />
              <LateTag m={m} />
              {m.noQuorum && !m.planned && <Tag color="red">{NO_QUORUM_LABEL}</Tag>}
            </Flex>
          }
          extra={<MeetingButtons m={m} />}
        >
          <MeetingAlerts m={m} />
          <MyPart m={m} />
          <SignInCodeCard m={m} />
          <MeetingFacts m={m} mobile={mobile} />
          <MeetingContent m={m} />
          <MeetingVotes m={m} />
          <MeetingGrades m={m} />
          <RollCall m={m} />
          <Attachments m={m} />
          <Card size="small" title="提交、审核与修订记录">
            <Revisions m={m} />
          </Card>
        </Page>
      </div>
      <PrintRecord m={m} />
    </>
  );
}
