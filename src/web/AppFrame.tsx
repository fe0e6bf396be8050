import { App as AntApp } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { setErrorNotifier } from './api';

/** Lets code outside React (the query cache, the API client) show messages through antd's App context. */
function NotifierBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => setErrorNotifier((text) => message.error(text)), [message]);
  return null;
}

/**
 * antd's App (message, notification, modal in the theme's colours) around the signed-in pages. Loaded
 * with them, not with the login page, which shows its rare messages through antd's message alone.
 */
export function AppFrame({ children }: { children: ReactNode }) {
  return (
    <AntApp>
      <NotifierBridge />
      {children}
    </AntApp>
  );
}
