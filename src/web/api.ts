import type { FormInstance } from 'antd';
import { newIdempotencyKey } from './offline/drafts';
import { noteNetwork, subscribeNetwork } from './offline/network';

/** An error answered by the server as `{code, message, fields?}`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** The whole answer (a conflict carries the record as it now is: `body.current`). */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

type Notify = (text: string) => void;

let csrfToken: string | null = null;
/**
 * Until the app frame (antd's App, loaded with the shell) takes over: antd's message, loaded when first
 * needed, so the login page does not download it up front.
 */
let notifyError: Notify = (text) => {
  void import('antd/es/message').then((m) => m.default.error(text)).catch(() => console.error(text));
};

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const setErrorNotifier = (fn: Notify) => {
  notifyError = fn;
};
export const showError = (err: unknown) => {
  notifyError(err instanceof Error ? err.message : String(err));
};

type QueryValue = string | number | boolean | null | undefined | string[];

export function queryString(query?: Record<string, QueryValue>): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API = '/api/v1';

function goToLogin() {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== '/login') {
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
}

async function failure(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; fields?: Record<string, string> } & Record<string, unknown> =
    {};
  try {
    body = await res.json();
  } catch {
    /* not JSON: keep the status text */
  }
  return new ApiError(
    res.status,
    body.code ?? 'http_error',
    body.message ?? `请求失败（${res.status} ${res.statusText}）`,
    body.fields,
    body,
  );
}

function headers(method: string, json: boolean, opts: RequestOptions = {}): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) h['x-csrf-token'] = csrfToken;
  if (opts.idempotencyKey) h['idempotency-key'] = opts.idempotencyKey;
  if (opts.ifMatch !== undefined) h['if-match'] = `"${opts.ifMatch}"`;
  return h;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Do not send the browser to /login on 401 (the login call itself, the outbox). */
  noRedirect?: boolean;
  /** Names the request so that sending it again never does it twice (a draft's key). */
  idempotencyKey?: string;
  /** The version of the record the change is based on: 409 `edit_conflict` when it has changed since. */
  ifMatch?: string | number;
}

/** Calls the JSON API; throws ApiError; a 401 sends the browser to /login. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  let res: Response;
  try {
    res = await fetch(API + path + queryString(opts.query), {
      method,
      credentials: 'same-origin',
      headers: headers(method, opts.body !== undefined, opts),
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    noteNetwork(false);
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  noteNetwork(true);
  if (!res.ok) {
    const err = await failure(res);
    if (res.status === 401 && !opts.noRedirect) goToLogin();
    if (err.code === 'password_change_required' && window.location.pathname !== '/change-password') {
      window.location.assign('/change-password');
    }
    if (err.code === 'mfa_setup_required' && window.location.pathname !== '/mfa') {
      window.location.assign('/mfa');
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export interface DownloadOptions {
  /** Bytes received so far and the total when the server says it (Content-Length), else null. */
  onProgress?: (received: number, total: number | null) => void;
  signal?: AbortSignal;
  /** A download asked with a body (an export that needs a reason): POST with the CSRF token. */
  method?: 'GET' | 'POST';
  body?: unknown;
}

/** Reads a response body, reporting the bytes received as they arrive. */
async function readBody(res: Response, onProgress?: DownloadOptions['onProgress']): Promise<Blob> {
  if (!onProgress || !res.body) return res.blob();
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = res.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    received += value.byteLength;
    onProgress(received, total);
  }
  return new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' });
}

/** Downloads a file answer (export, template) and saves it under the server's file name. */
export async function download(
  path: string,
  query?: Record<string, QueryValue>,
  fallbackName = '下载.xlsx',
  options: DownloadOptions = {},
) {
  let res: Response;
  try {
    const method = options.method ?? 'GET';
    res = await fetch(API + path + queryString(query), {
      method,
      credentials: 'same-origin',
      signal: options.signal,
      ...(method === 'POST'
        ? { headers: headers(method, options.body !== undefined), body: JSON.stringify(options.body ?? {}) }
        : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw new ApiError(0, 'aborted', '下载已取消');
    throw new ApiError(0, 'network', '网络连接失败，文件未能下载，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await failure(res);
    if (res.status === 401) goToLogin();
    throw err;
  }
  let blob: Blob;
  try {
    blob = await readBody(res, options.onProgress);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw new ApiError(0, 'aborted', '下载已取消');
    throw new ApiError(0, 'network', '下载中断，文件未能保存，请重试');
  }
  saveFile(blob, res.headers.get('content-disposition'), fallbackName);
}

/** Saves a downloaded file under the name its Content-Disposition gives, or the fallback. */
export function saveFile(blob: Blob, disposition: string | null, fallbackName: string) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One attempt to upload: multipart field `file`, progress in percent. */
function uploadOnce<T>(
  url: string,
  file: File,
  key: string,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    // A retry after an answer lost on the way back gets that answer, not a second attachment.
    xhr.setRequestHeader('idempotency-key', key);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    const lost = () => {
      noteNetwork(false);
      reject(new ApiError(0, 'network', '网络连接失败，上传未完成'));
    };
    xhr.onerror = lost;
    xhr.ontimeout = lost;
    xhr.onload = () => {
      noteNetwork(true);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* empty */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) goToLogin();
      reject(
        new ApiError(
          xhr.status,
          String(body.code ?? 'http_error'),
          String(body.message ?? `上传失败（${xhr.status}）`),
          body.fields as Record<string, string> | undefined,
          body,
        ),
      );
    };
    const data = new FormData();
    data.append('file', file);
    xhr.send(data);
  });
}

/** Pauses before the next upload attempt: 2, 5, 10, 20, 30 s, or until the connection comes back. */
const RETRY_PAUSES = [2000, 5000, 10_000, 20_000, 30_000];
const retryable = (e: unknown) =>
  e instanceof ApiError && (e.status === 0 || e.status >= 502 || e.code === 'idempotency_in_progress');

/**
 * Uploads one file as multipart field `file`, reporting progress in percent. Photos are shrunk on the
 * phone first (offline/images.ts); a connection lost midway is retried (same idempotency key: a retry
 * never adds the file twice) up to five times, `onRetry` telling the caller each time.
 */
export async function upload<T>(
  path: string,
  file: File,
  query: Record<string, QueryValue> | undefined,
  onProgress: (percent: number) => void,
  onRetry?: (attempt: number, err: ApiError) => void,
): Promise<T> {
  const { shrinkImage } = await import('./offline/images');
  const prepared = await shrinkImage(file);
  const key = newIdempotencyKey();
  const url = API + path + queryString(query);
  for (let attempt = 0; ; attempt++) {
    try {
      return await uploadOnce<T>(url, prepared, key, onProgress);
    } catch (e) {
      if (!retryable(e) || attempt >= RETRY_PAUSES.length) throw e;
      onRetry?.(attempt + 1, e as ApiError);
      onProgress(0);
      await untilRetry(RETRY_PAUSES[attempt]);
    }
  }
}

/** Resolves after `ms`, or sooner when the connection comes back. */
function untilRetry(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const off = subscribeNetwork((online) => {
      if (online) done();
    });
  });
}

/**
 * Shows a failed form submission: field errors go next to their fields (known to the form),
 * the message goes to the notifier.
 */
export function showFormError(form: FormInstance, err: unknown) {
  if (err instanceof ApiError && err.fields) {
    const registered = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
    const known = Object.entries(err.fields).filter(([name]) => registered.has(name));
    form.setFields(known.map(([name, msg]) => ({ name, errors: [msg] })));
    if (known.length === Object.keys(err.fields).length && known.length) {
      notifyError(known.length > 1 ? `${known.length} 处填写有误，请按提示修改` : err.message);
      return;
    }
  }
  showError(err);
}
