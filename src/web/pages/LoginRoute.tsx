import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../api';
import { clearPersistedQueries } from '../offline/persist';
import type { Me } from '../registry';
import { ME_KEY } from '../session';
import Login from './Login';

/** The login page inside the app (after logging out): signing in starts from an empty query cache. */
export default function LoginRoute() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signedIn = async (me: Me, to: string) => {
    setCsrfToken(me.csrfToken);
    queryClient.clear();
    await Promise.resolve(clearPersistedQueries()).catch(() => {});
    queryClient.setQueryData(ME_KEY, me);
    navigate(to, { replace: true });
  };
  return <Login onSignedIn={(me, to) => void signedIn(me, to)} />;
}
