import type { FormInstance } from 'antd';

/** An error answered by the server as `{code, message, fields?}`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

type Notify = (text: string) => void;

let csrfToken: string | null = null;
let notifyError: Notify = (text) => console.error(text);

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
  let body: { code?: string; message?: string; fields?: Record<string, string> } = {};
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
  );
}

function headers(method: string, json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) h['x-csrf-token'] = csrfToken;
  return h;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Do not send the browser to /login on 401 (the login call itself). */
  noRedirect?: boolean;
}

/** Calls the JSON API; throws ApiError; a 401 sends the browser to /login. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  let res: Response;
  try {
    res = await fetch(API + path + queryString(opts.query), {
      method,
      credentials: 'same-origin',
      headers: headers(method, opts.body !== undefined),
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await failure(res);
    if (res.status === 401 && !opts.noRedirect) goToLogin();
    if (err.code === 'password_change_required' && window.location.pathname !== '/change-password') {
      window.location.assign('/change-password');
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
    res = await fetch(API + path + queryString(query), {
      credentials: 'same-origin',
      signal: options.signal,
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

/** Uploads one file as multipart field `file`, reporting progress in percent. */
export function upload<T>(
  path: string,
  file: File,
  query: Record<string, QueryValue> | undefined,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API + path + queryString(query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '网络连接失败，上传未完成'));
    xhr.onload = () => {
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
        ),
      );
    };
    const data = new FormData();
    data.append('file', file);
    xhr.send(data);
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
