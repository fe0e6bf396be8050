import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, StrictMode, Suspense, useMemo } from 'react';
import type { Root as ReactRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, showError } from './api';
import { Loading } from './components/Loading';
import { OfflineBanner } from './offline/OfflineBanner';
import { idbPersister, PERSIST_MAX_AGE, shouldPersistQuery } from './offline/persist';
import { TODO_KEY } from './queryKeys';
import type { Me } from './registry';
import { startSession } from './session';
import { useIsMobile } from './useIsMobile';

/*
 * The app behind the login: the router, the query client kept on the phone, antd's theme. Loaded by the
 * entry (main.tsx) after the login page or straight away for a signed-in user. The shell and each page
 * are chunks of their own (docs/performance.md, "Bytes"); the build fails when the login page or the home
 * page outgrows its budget (scripts/check-budgets.mjs).
 */
const LoginRoute = lazy(() => import('./pages/LoginRoute'));
const ChangePassword = lazy(() => import('./pages/ChangePasswordPage'));
const MfaSetup = lazy(() => import('./pages/MfaSetup'));
const Shell = lazy(() => import('./Shell'));

const quiet = (err: unknown) =>
  err instanceof ApiError && (err.status === 401 || err.code === 'aborted' || err.code === 'network');

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      // No signal: the offline banner says so once; the last answers stay on the screen.
      if (!quiet(err) && !query.meta?.silent) showError(err);
    },
  }),
  mutationCache: new MutationCache({
    onError: (err, _v, _c, mutation) => {
      if (!(err instanceof ApiError && err.status === 401) && !mutation.meta?.handlesError) showError(err);
    },
    // Any change may settle or add a to-do (a meeting recorded, a talk held): the to-do is asked again.
    // Not awaited: the mutation's own caller must not wait for the to-do.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TODO_KEY });
    },
  }),
  defaultOptions: {
    // A change tried without signal fails at once with a clear message (or, for a draft, is kept on the
    // phone by the outbox) instead of waiting silently for the network.
    mutations: { networkMode: 'always' },
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      // Kept as long as they are persisted: an app opened offline shows what was last loaded.
      gcTime: PERSIST_MAX_AGE,
    },
  },
});

const persistOptions = {
  persister: idbPersister,
  maxAge: PERSIST_MAX_AGE,
  // A new version of the app starts with a fresh cache (answers may have changed shape).
  buster: import.meta.env.VITE_BUILD_ID ?? 'dev',
  dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery },
};

const BRAND = '#c8102e';

/**
 * antd's theme: the brand colour; on phones, text at least 14 px and controls at least 44 px high (the
 * rest of the touch-target pass is in global.css).
 */
function useTheme(): ThemeConfig {
  const phone = useIsMobile();
  return useMemo(
    () => ({
      token: {
        colorPrimary: BRAND,
        borderRadius: 6,
        fontSize: 14,
        ...(phone ? { fontSizeSM: 14, controlHeight: 44, controlHeightLG: 48, controlHeightSM: 36 } : {}),
      },
      components: phone
        ? {
            Menu: { itemHeight: 48, dropdownWidth: 200 },
            Select: { optionHeight: 44, optionPadding: '11px 12px' },
            Pagination: { itemSize: 44 },
            Tabs: { horizontalItemPadding: '13px 0' },
          }
        : undefined,
    }),
    [phone],
  );
}

const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;
const outsideShell = (node: ReactNode) => (
  <>
    <div style={{ position: 'fixed', top: 8, left: 8, right: 8, zIndex: 1000 }}>
      <OfflineBanner />
    </div>
    {page(node)}
  </>
);

function Root() {
  return (
    <ConfigProvider locale={zhCN} theme={useTheme()} componentSize="middle">
      <PersistQueryClientProvider client={queryClient} persistOptions={persistOptions}>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={page(<LoginRoute />)} />
            <Route path="/change-password" element={outsideShell(<ChangePassword />)} />
            <Route path="/mfa" element={outsideShell(<MfaSetup />)} />
            <Route path="*" element={page(<Shell />)} />
          </Routes>
        </BrowserRouter>
      </PersistQueryClientProvider>
    </ConfigProvider>
  );
}

/** Fetches the shell and the home page ahead (while the user types the password on a slow link). */
export const preloadShell = () => Promise.all([import('./Shell'), import('./pages/Home')]);

/**
 * Shows the app in the entry's root. `signedIn`: the user who has just logged in on the login page shown
 * by the entry; what a previous user left in the query cache on this phone is dropped first.
 */
export async function mountApp(root: ReactRoot, signedIn?: Me) {
  if (signedIn) await startSession(queryClient, signedIn);
  root.render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
