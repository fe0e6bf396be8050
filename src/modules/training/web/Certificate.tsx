import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDateCn } from '../../../web/format';
import type { Certificate as Cert } from '../contract';
import { hoursText } from './model';

/** A participant's completion record (结业记录), printable on A4. */
export default function Certificate() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['training', 'certificate', id],
    queryFn: () => api<Cert>(`/training/certificates/${id}`),
  });
  const c = q.data;
  return (
    <Page
      title="结业记录"
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!c}>
          打印
        </Button>
      }
    >
      {q.isPending ? (
        <Loading />
      ) : q.isError || !c ? (
        <Alert type="error" showIcon title={(q.error as Error)?.message ?? '加载失败'} />
      ) : (
        <Card style={{ maxWidth: 720, margin: '0 auto', border: '3px double #c8102e' }}>
          <Flex vertical align="center" gap={12} style={{ padding: '16px 8px', textAlign: 'center' }}>
            <Typography.Title level={3} style={{ color: '#c8102e', margin: 0, letterSpacing: 8 }}>
              结业证明
            </Typography.Title>
            <Typography.Text type="secondary">编号：{c.no}</Typography.Text>
            <Typography.Paragraph
              style={{ fontSize: 17, lineHeight: 2, textAlign: 'left', margin: '12px 0' }}
            >
              {c.orgName}党员 <b>{c.personName}</b> 于 {fmtDateCn(c.startsOn)}
              {c.endsOn !== c.startsOn ? ` 至 ${fmtDateCn(c.endsOn)}` : ''} 参加{c.organizer}举办的“
              {c.classTitle}”（班次
              {c.classCode}），完成规定的学习内容，记 <b>{hoursText(c.hours)}</b> 学时，准予结业。
            </Typography.Paragraph>
            {c.courses.length > 0 && (
              <Typography.Paragraph style={{ textAlign: 'left', width: '100%', margin: 0 }}>
                课程：{c.courses.join('；')}
              </Typography.Paragraph>
            )}
            <Flex vertical align="flex-end" style={{ width: '100%', marginTop: 24 }}>
              <Typography.Text>{c.organizer}</Typography.Text>
              <Typography.Text>{fmtDateCn(c.issuedOn)}</Typography.Text>
            </Flex>
          </Flex>
        </Card>
      )}
    </Page>
  );
}
