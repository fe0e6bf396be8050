import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api';

/**
 * Under a step the account must take first (a forced password change, the second factor's enrolment):
 * 退出登录 when forced, else 返回.
 */
export function LeaveButton({ forced }: { forced: boolean | undefined }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return forced ? (
    <Button
      type="link"
      block
      style={{ marginTop: 8 }}
      onClick={async () => {
        await api('/auth/logout', { method: 'POST' }).catch(() => {});
        setCsrfToken(null);
        queryClient.clear();
        navigate('/login', { replace: true });
      }}
    >
      退出登录
    </Button>
  ) : (
    <Button type="link" block style={{ marginTop: 8 }} onClick={() => navigate(-1)}>
      返回
    </Button>
  );
}
