import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../session';

/**
 * Under a step the account must take first (a forced password change, the second factor's enrolment):
 * 退出登录 when forced (the shell's own logout: this phone's caches and drafts go too), else 返回.
 */
export function LeaveButton({ forced }: { forced: boolean | undefined }) {
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Button
      type="link"
      block
      style={{ marginTop: 8 }}
      onClick={() => (forced ? void logout() : navigate(-1))}
    >
      {forced ? '退出登录' : '返回'}
    </Button>
  );
}
