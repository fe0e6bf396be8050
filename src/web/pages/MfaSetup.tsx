import { CheckCircleTwoTone, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  type FormInstance,
  Input,
  QRCode,
  Result,
  Steps,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { AppFrame } from '../AppFrame';
import { api, saveFile, setCsrfToken, showFormError } from '../api';
import { Loading } from '../components/Loading';
import { APP_NAME } from '../nav';
import type { Me } from '../registry';
import { ME_KEY } from '../session';
import { LeaveButton } from './LeaveButton';

interface Enrolment {
  secret: string;
  otpauthUrl: string;
}

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** The recovery codes, shown once: copy, download, then done. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Result
      icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
      title="两步验证已启用"
      subTitle="以下恢复码只显示这一次。手机丢失时，每个恢复码可代替验证码登录一次。请抄写或下载后妥善保管。"
      extra={
        <Flex vertical gap={12} align="center">
          <Typography.Paragraph copyable={{ text: codes.join('\n') }} style={{ margin: 0 }}>
            <pre data-testid="recovery-codes" style={{ margin: 0, fontSize: 16, lineHeight: 1.8 }}>
              {codes.join('\n')}
            </pre>
          </Typography.Paragraph>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              saveFile(
                new Blob([`${APP_NAME} 恢复码（每个只能用一次）\n\n${codes.join('\n')}\n`], {
                  type: 'text/plain',
                }),
                null,
                '支部在线恢复码.txt',
              )
            }
          >
            下载恢复码
          </Button>
          <Button type="primary" onClick={onDone}>
            我已保存，继续
          </Button>
        </Flex>
      }
    />
  );
}

/** The three steps of enrolling: the app, the QR code (after 开始启用), the first code. */
function EnrolSteps({
  enrolment,
  starting,
  onStart,
  form,
  confirming,
  onConfirm,
}: {
  enrolment: Enrolment | null;
  starting: boolean;
  onStart: () => void;
  form: FormInstance<{ code: string }>;
  confirming: boolean;
  onConfirm: (v: { code: string }) => void;
}) {
  return (
    <Steps
      direction="vertical"
      size="small"
      current={enrolment ? 1 : 0}
      items={[
        {
          title: '在手机上安装身份验证器应用',
          description:
            '任一支持 TOTP 的验证器均可，如 Microsoft Authenticator、Google Authenticator、FreeOTP。',
        },
        {
          title: '扫描二维码',
          description: enrolment ? (
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              <QRCode value={enrolment.otpauthUrl} size={200} bordered={false} />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                无法扫码时，在验证器中手动输入密钥：
              </Typography.Text>
              <Typography.Text code copyable={{ text: enrolment.secret }} data-testid="mfa-secret">
                {grouped(enrolment.secret)}
              </Typography.Text>
            </Flex>
          ) : (
            <Button type="primary" style={{ marginTop: 8 }} loading={starting} onClick={onStart}>
              开始启用
            </Button>
          ),
        },
        {
          title: '输入验证器显示的 6 位验证码',
          description: enrolment && (
            <Form form={form} layout="inline" onFinish={onConfirm} style={{ marginTop: 8 }}>
              <Form.Item name="code" rules={[{ required: true, message: '请输入验证码' }]}>
                <Input
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  placeholder="6 位数字"
                  style={{ width: 140 }}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={confirming}>
                确认启用
              </Button>
            </Form>
          ),
        },
      ]}
    />
  );
}

/** Forced: the only way out is logging out; otherwise back to where the user came from. */

/**
 * Enrolling the second factor (TOTP): scan the QR code with an authenticator app, type its first code,
 * keep the recovery codes. Reached from 我的, and forced when the account's role requires it.
 */
function MfaSetup() {
  useEffect(() => {
    document.title = `两步验证 - ${APP_NAME}`;
  }, []);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: () =>
      api<Me>('/me').then((m) => {
        setCsrfToken(m.csrfToken);
        return m;
      }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  // A `me` restored from the offline cache never ran the query above: its token is set here too.
  useEffect(() => {
    if (me.data) setCsrfToken(me.data.csrfToken);
  }, [me.data]);
  const start = useMutation({
    mutationFn: () => api<Enrolment>('/auth/mfa/enroll', { method: 'POST' }),
    onSuccess: setEnrolment,
  });
  const confirm = useMutation({
    mutationFn: (v: { code: string }) =>
      api<{ recoveryCodes: string[] }>('/auth/mfa/confirm', {
        method: 'POST',
        body: { code: v.code.trim() },
      }),
    meta: { handlesError: true },
    onSuccess: (r) => setCodes(r.recoveryCodes),
    onError: (e) => showFormError(form, e),
  });
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    navigate('/', { replace: true });
  };

  if (me.isPending) return <Loading />;
  const user = me.data?.user;
  const forced = user?.mfaSetupRequired;
  let body: ReactNode;
  if (codes) body = <RecoveryCodes codes={codes} onDone={done} />;
  else if (user?.mfaEnabled)
    body = (
      <Result
        status="success"
        title="已启用两步验证"
        subTitle="登录时在密码之后还须输入验证器上的验证码。如需更换手机或恢复码都已用完，请联系系统管理员申请重置（须经安全管理员批准）。"
        extra={<Button onClick={() => navigate(-1)}>返回</Button>}
      />
    );
  else
    body = (
      <>
        {forced && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="您的角色须使用两步验证（等级保护要求），启用后才能继续使用。"
          />
        )}
        <EnrolSteps
          enrolment={enrolment}
          starting={start.isPending}
          onStart={() => start.mutate()}
          form={form}
          confirming={confirm.isPending}
          onConfirm={(v) => confirm.mutate(v)}
        />
        <LeaveButton forced={forced} />
      </>
    );

  return (
    <div style={{ minHeight: '100vh', display: 'flex', justifyContent: 'center', padding: '48px 12px' }}>
      <Card style={{ width: '100%', maxWidth: 480, alignSelf: 'flex-start' }} title="两步验证">
        {body}
      </Card>
    </div>
  );
}

/** The enrolment page inside antd's App (it shows its messages through it), like the password page. */
export default function MfaSetupPage() {
  return (
    <AppFrame>
      <MfaSetup />
    </AppFrame>
  );
}
