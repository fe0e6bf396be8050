import { Card, Col, Empty, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Page } from '../components/Page';
import { WEB_MODULES } from '../modules';
import { visibleQuickActions } from '../nav';
import { useMe } from '../session';

/** The phone's 记录 tab: what the user may record (every module's quick actions), as big tiles. */
export default function Record() {
  const me = useMe();
  const actions = useMemo(() => visibleQuickActions(WEB_MODULES, me), [me]);
  return (
    <Page title="记录">
      {actions.length === 0 ? (
        <Card size="small">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <div style={{ maxWidth: 360, margin: '0 auto', textAlign: 'left', fontSize: 14 }}>
                <Typography.Paragraph strong style={{ textAlign: 'center' }}>
                  您现在没有需要亲自记录的工作
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  组织生活会议、谈心谈话由支部书记（或受托的支部委员）记录本支部的；违章违纪由管理人员录入。
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  党员本人的信息由所在支部维护，可在「我的」中查看；有出入请联系支部书记。
                </Typography.Paragraph>
              </div>
            }
          />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {actions.map((a) => (
            <Col key={a.key} xs={12} sm={8} lg={6}>
              <Link to={a.path} aria-label={a.label}>
                <Card
                  hoverable
                  styles={{
                    body: {
                      minHeight: 104,
                      display: 'flex',
                      flexDirection: 'column',
                      alignItems: 'center',
                      justifyContent: 'center',
                      gap: 8,
                      padding: 12,
                    },
                  }}
                >
                  <span style={{ fontSize: 30, color: '#c8102e', lineHeight: 1 }}>{a.icon}</span>
                  <Typography.Text style={{ fontSize: 16, textAlign: 'center' }}>{a.label}</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Page>
  );
}
