import { AppFrame } from '../AppFrame';
import ChangePassword from './ChangePassword';

/** The password change page inside antd's App (it shows its messages through it). */
export default function ChangePasswordPage() {
  return (
    <AppFrame>
      <ChangePassword />
    </AppFrame>
  );
}
