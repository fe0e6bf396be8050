import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, setErrorNotifier, showError } from './api';
import { Loading } from './components/Loading';
import './format';
import './global.css';
import { TODO_KEY } from './todo';

const Login = lazy(() => import('./pages/Login'));
const ChangePassword = lazy(() => import('./pages/ChangePassword'));
const Shell = lazy(() => import('./Shell'));

const quiet = (err: unknown) => err instanceof ApiError && (err.status === 401 || err.code === 'aborted');

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (!quiet(err) && !query.meta?.silent) showError(err);
    },
  }),
  mutationCache: new MutationCache({
    onError: (err, _v, _c, mutation) => {
      if (!quiet(err) && !mutation.meta?.handlesError) showError(err);
    },
    // Any change may settle or add a to-do (a meeting recorded, a talk held): the to-do is asked again.
    // Not awaited: the mutation's own caller must not wait for the to-do.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TODO_KEY });
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Lets code outside React (the query cache, the API client) show messages through antd's App context. */
function NotifierBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => setErrorNotifier((text) => message.error(text)), [message]);
  return null;
}

const lazyPage = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

function Root() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#c8102e', borderRadius: 6 } }}
      componentSize="middle"
    >
      <AntApp>
        <NotifierBridge />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={lazyPage(<Login />)} />
              <Route path="/change-password" element={lazyPage(<ChangePassword />)} />
              <Route path="*" element={lazyPage(<Shell />)} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
