import { hostname, userInfo } from 'node:os';
import type { AuditActor } from '../platform/audit';
import { isStorableText } from '../platform/text';

/** `--name value` flags and the positional arguments between them. */
export function parseArgs(args: readonly string[]) {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        values.set(a.slice(2), next);
        i++;
      } else values.set(a.slice(2), '');
    } else positional.push(a);
  }
  return {
    positional,
    has: (name: string) => values.has(name),
    get: (name: string) => values.get(name) || undefined,
  };
}

/** Who ran a command: the command and the operating-system account, as the audit log shows it. */
export function cliActor(command: string): AuditActor {
  let who = 'unknown';
  try {
    who = `${userInfo().username}@${hostname()}`;
  } catch {
    // no user database entry (a container): the command alone
  }
  return { id: null, name: `${command} (${who})`, ip: null };
}

/** A reason the audit log will carry: at least 4 characters, storable as given. */
export function reasonOf(value: string | undefined): { reason?: string; error?: string } {
  const reason = value?.trim();
  if (!reason || reason.length < 4) return { error: '--reason：须写明原因（至少 4 个字）' };
  if (!isStorableText(reason)) return { error: '--reason：包含无法保存的字符（空字符或不成对的代理项）' };
  return { reason };
}

export const isUuid = (v: string | undefined): v is string =>
  !!v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
