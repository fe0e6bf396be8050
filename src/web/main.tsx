import { createRoot } from 'react-dom/client';
import { Loading } from './components/Loading';
import './global.css';
import { reloadOnStaleChunks } from './offline/sw';

/*
 * The entry: React and nothing else. The login page (plain elements, no antd) is shown from here, so a
 * phone on a weak link downloads only React and that page before the form appears; the app (router,
 * query client, antd, the shell) loads after signing in, or at once for a signed-in user (App.tsx).
 * Budgets: scripts/check-budgets.mjs; chunks: vite.config.ts.
 */
const root = createRoot(document.getElementById('root')!);
const loadApp = () => import('./App');

if (window.location.pathname === '/login') {
  root.render(<Loading />);
  void import('./pages/Login').then(({ default: Login }) => {
    root.render(
      <Login
        onSignedIn={(me, to) => {
          window.history.replaceState(null, '', to);
          root.render(<Loading />);
          void loadApp().then((app) => app.mountApp(root, me));
        }}
      />,
    );
    // The form is up: the rest of the app comes down while the user types (it is needed right after).
    setTimeout(
      () =>
        void loadApp()
          .then((app) => app.preloadShell())
          .catch(() => {}),
      300,
    );
  });
} else {
  root.render(<Loading />);
  void loadApp().then((app) => app.mountApp(root));
}

reloadOnStaleChunks();
