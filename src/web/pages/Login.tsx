import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import type { Me } from '../registry';
import './login.css';

/*
 * The login page is the first thing a phone at a station downloads on a weak link, so it is React and
 * plain elements only: no antd, no router, no query library (issue 10's 150 KB budget, enforced by
 * scripts/check-budgets.mjs). Its look follows antd's (sizes, colours, 44-px touch targets on phones).
 * It is shown by the entry on its own (src/web/main.tsx) and, inside the app, by LoginRoute.tsx.
 */

interface LoginOptions {
  organization: string | null;
  demoMode: boolean;
  demoPassword: string | null;
  demoAccounts: { username: string; label: string }[];
}

type LoginAnswer = Me | { mfaRequired: true };

interface Failure {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

class LoginFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** The few calls of this page (the app's `api` would bring the query library along). */
async function post<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new LoginFailure({ status: 0, code: 'network', message: '网络连接失败，请检查网络后重试' });
  }
  if (res.ok) return (await res.json()) as T;
  let answer: Partial<Failure> = {};
  try {
    answer = await res.json();
  } catch {
    /* not JSON: keep the status */
  }
  throw new LoginFailure({
    status: res.status,
    code: answer.code ?? 'http_error',
    message: answer.message ?? `请求失败（${res.status}）`,
    fields: answer.fields,
  });
}

const failureOf = (e: unknown): Failure =>
  e instanceof LoginFailure ? e.failure : { status: 0, code: 'error', message: String(e) };

/** Only same-site paths are followed after login. */
export const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/';

/** Where a signed-in user goes first: a forced password change, the second factor's setup, or `next`. */
export const landingOf = (me: Me, next: string | null) =>
  me.user.mustChangePassword ? '/change-password' : me.user.mfaSetupRequired ? '/mfa' : safeNext(next);

function Field(props: {
  id?: string;
  label: string;
  error?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const own = useId();
  const id = props.id ?? own;
  const errorId = `${id}-error`;
  return (
    <div className={props.error ? 'bl-login-field bl-login-field-error' : 'bl-login-field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.error ? errorId : undefined)}
      {props.error && (
        <div id={errorId} className="bl-login-field-message" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

function Notice({
  kind,
  children,
  action,
}: {
  kind: 'error' | 'warning' | 'success' | 'info';
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`bl-login-notice bl-login-notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div>{children}</div>
      {action}
    </div>
  );
}

function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="bl-login-primary" disabled={busy} aria-busy={busy}>
      {busy && <span className="bl-login-busy" aria-hidden />}
      {children}
    </button>
  );
}

/** A one-field step (the second factor, or lifting a lock with it). */
function CodeStep(props: {
  intro: ReactNode;
  submitLabel: string;
  placeholder?: string;
  submit: (code: string) => Promise<void>;
  onBack: () => void;
  backLabel: string;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setError('请输入验证码');
    setBusy(true);
    setError(undefined);
    try {
      await props.submit(code.trim());
    } catch (err) {
      const f = failureOf(err);
      setError(f.fields?.code ?? f.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="bl-login-secondary">{props.intro}</p>
      <Field label="验证码" error={error}>
        {(id, describedBy) => (
          <input
            id={id}
            className="bl-login-input"
            autoComplete="one-time-code"
            inputMode="numeric"
            // biome-ignore lint/a11y/noAutofocus: the only field of this step, right after the password
            autoFocus
            placeholder={props.placeholder}
            maxLength={32}
            value={code}
            aria-invalid={!!error}
            aria-describedby={describedBy}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <SubmitButton busy={busy}>{props.submitLabel}</SubmitButton>
      <button type="button" className="bl-login-link" onClick={props.onBack}>
        {props.backLabel}
      </button>
    </form>
  );
}

type Step = 'password' | 'code' | 'unlock' | 'notices';
const TITLES: Record<Step, string> = {
  password: '登录',
  code: '两步验证',
  unlock: '解除锁定',
  notices: '账号安全提醒',
};

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

type Errors = { username?: string; password?: string; form?: string };

/** The first step: username and password, with what the last try answered. */
function PasswordForm(props: {
  username: string;
  password: string;
  onUsername: (v: string) => void;
  onPassword: (v: string) => void;
  errors: Errors;
  unlocked: boolean;
  locked: boolean;
  onUnlock: () => void;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
}) {
  const { username, password, onUsername, onPassword, errors, unlocked, locked, onUnlock, busy, onSubmit } =
    props;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field id="username" label="用户名" error={errors.username}>
        {(id, describedBy) => (
          <input
            id={id}
            className="bl-login-input"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="用户名"
            value={username}
            aria-invalid={!!errors.username}
            aria-describedby={describedBy}
            onChange={(e) => onUsername(e.target.value)}
          />
        )}
      </Field>
      <Field id="password" label="密码" error={errors.password}>
        {(id, describedBy) => (
          <input
            id={id}
            className="bl-login-input"
            type="password"
            autoComplete="current-password"
            placeholder="密码"
            value={password}
            aria-invalid={!!errors.password}
            aria-describedby={describedBy}
            onChange={(e) => onPassword(e.target.value)}
          />
        )}
      </Field>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      {unlocked && <Notice kind="success">已解除锁定：请等验证器显示新的验证码后再登录</Notice>}
      {locked && (
        <Notice
          kind="warning"
          action={
            <button type="button" className="bl-login-small" onClick={onUnlock}>
              用验证码解锁
            </button>
          }
        >
          登录失败次数过多，账号暂时锁定
        </Notice>
      )}
      <SubmitButton busy={busy}>登录</SubmitButton>
    </form>
  );
}

/** The demo's accounts, one click fills the form. */
function DemoAccounts({
  demo,
  onPick,
}: {
  demo: LoginOptions;
  onPick: (username: string, password: string) => void;
}) {
  return (
    <section className="bl-login-card bl-login-demo" aria-labelledby="bl-login-demo">
      <div className="bl-login-demo-head">
        <h2 id="bl-login-demo">演示账号</h2>
        <span className="bl-login-secondary">点击填入</span>
      </div>
      <Notice kind="info">
        演示数据，所有账号的密码均为 <code>{demo.demoPassword}</code>；演示账号不强制两步验证
      </Notice>
      <ul>
        {demo.demoAccounts.map((a) => (
          <li key={a.username}>
            <button type="button" onClick={() => onPick(a.username, demo.demoPassword ?? '')}>
              <code>{a.username}</code>
              <span className="bl-login-tag">{a.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The app's name, the organization's, and a warning while offline. */
function LoginHeading({
  organization,
  online,
}: {
  organization: string | null | undefined;
  online: boolean;
}) {
  return (
    <>
      <h1>支部在线</h1>
      <div className="bl-login-subtitle">{organization ? `${organization} · ` : ''}党建工作平台</div>
      {!online && (
        <div className="bl-login-card">
          <Notice kind="warning">网络未连接：连上网络后才能登录</Notice>
        </div>
      )}
    </>
  );
}

/** Resets of the password told before going on. */
function NoticesStep({ notices, onContinue }: { notices: Me['notices']; onContinue: () => void }) {
  return (
    <>
      {notices.map((n) => (
        <Notice key={n.at} kind="warning">
          {n.message}
        </Notice>
      ))}
      <button
        type="button"
        className="bl-login-primary"
        // biome-ignore lint/a11y/noAutofocus: the only action of this step
        autoFocus
        onClick={onContinue}
      >
        知道了，继续
      </button>
    </>
  );
}

/** The second factor after the password; an expired sign-in goes back to the password. */
function MfaStep({ signedIn, toPassword }: { signedIn: (me: Me) => void; toPassword: () => void }) {
  return (
    <CodeStep
      intro="请打开手机上的身份验证器应用，输入“支部在线”显示的 6 位验证码；手机不在身边时可输入一个恢复码。"
      submitLabel="验证并登录"
      placeholder="6 位数字或恢复码"
      submit={async (code) => {
        try {
          signedIn(await post<Me>('/auth/mfa', { code }));
        } catch (err) {
          if (failureOf(err).code === 'mfa_expired') toPassword();
          throw err;
        }
      }}
      onBack={toPassword}
      backLabel="返回，重新输入用户名和密码"
    />
  );
}

/**
 * 登录: username and password, then the authenticator's code when the account has one; a locked account
 * can be unlocked with that code; resets of the password are told before going on. `onSignedIn` gets the
 * user and where to go (a forced password change, the second factor's setup, or the page asked for).
 */
export default function Login({ onSignedIn }: { onSignedIn: (me: Me, to: string) => void }) {
  const [step, setStep] = useState<Step>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [locked, setLocked] = useState<string | null>(null);
  const [unlocked, setUnlocked] = useState(false);
  const [signed, setSigned] = useState<Me | null>(null);
  const [options, setOptions] = useState<LoginOptions | null>(null);
  const online = useOnline();

  useEffect(() => {
    document.title = '登录 - 支部在线';
    post<LoginOptions>('/auth/options').then(setOptions, () => {});
  }, []);
  const demo = options?.demoPassword ? options : null;
  const next = new URLSearchParams(window.location.search).get('next');

  const signedIn = (me: Me) => {
    if (!me.notices.length) return onSignedIn(me, landingOf(me, next));
    setSigned(me);
    setStep('notices');
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = {
      username: username.trim() ? undefined : '请输入用户名',
      password: password ? undefined : '请输入密码',
    };
    if (missing.username || missing.password) return setErrors(missing);
    setErrors({});
    setBusy(true);
    try {
      const answer = await post<LoginAnswer>('/auth/login', { username: username.trim(), password });
      setLocked(null);
      if ('mfaRequired' in answer) setStep('code');
      else signedIn(answer);
    } catch (err) {
      const f = failureOf(err);
      if (f.code === 'locked') setLocked(username.trim());
      setErrors({
        username: f.fields?.username,
        password: f.fields?.password,
        form: f.fields?.username || f.fields?.password ? undefined : f.message,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bl-login">
      <LoginHeading organization={options?.organization} online={online} />
      <section className="bl-login-card" aria-labelledby="bl-login-title">
        <h2 id="bl-login-title">{TITLES[step]}</h2>
        {step === 'code' && <MfaStep signedIn={signedIn} toPassword={() => setStep('password')} />}
        {step === 'unlock' && locked && (
          <CodeStep
            intro={`账号 ${locked} 因多次密码错误被锁定。如果您已启用两步验证，输入验证码即可解除锁定；否则请 15 分钟后再试。`}
            submitLabel="解除锁定"
            submit={async (code) => {
              await post('/auth/unlock', { username: locked, code });
              setUnlocked(true);
              setLocked(null);
              setStep('password');
            }}
            onBack={() => setStep('password')}
            backLabel="返回"
          />
        )}
        {step === 'notices' && signed && (
          <NoticesStep
            notices={signed.notices}
            onContinue={() => onSignedIn(signed, landingOf(signed, next))}
          />
        )}
        {step === 'password' && (
          <PasswordForm
            username={username}
            password={password}
            onUsername={setUsername}
            onPassword={setPassword}
            errors={errors}
            unlocked={unlocked}
            locked={!!locked}
            onUnlock={() => setStep('unlock')}
            busy={busy}
            onSubmit={onSubmit}
          />
        )}
      </section>
      {demo && step === 'password' && (
        <DemoAccounts
          demo={demo}
          onPick={(name, pass) => {
            setUsername(name);
            setPassword(pass);
            setErrors({});
          }}
        />
      )}
    </div>
  );
}
