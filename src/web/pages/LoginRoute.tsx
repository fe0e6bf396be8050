import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Me } from '../registry';
import { startSession } from '../session';
import Login from './Login';

/** The login page inside the app (after logging out): signing in starts from an empty query cache. */
export default function LoginRoute() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signedIn = async (me: Me, to: string) => {
    await startSession(queryClient, me);
    navigate(to, { replace: true });
  };
  return <Login onSignedIn={(me, to) => void signedIn(me, to)} />;
}
