import type { Executor } from './db';

/**
 * A point where one module lets others act inside its transaction without knowing them: the owner
 * defines the hook in its api.ts and runs it; a module that builds on the owner handles it in its
 * manifest. Dependencies then point one way only (the handler's module depends on the owner).
 */
export interface Hook<P, R = void> {
  readonly name: string;
  /** Runs every installed handler, in module order, inside `tx`; their results in the same order. */
  run(tx: Executor, payload: P): Promise<R[]>;
}

export interface HookHandler {
  hook: string;
  handle: (tx: Executor, payload: never) => Promise<unknown>;
  /** For a slot: the contributed value. */
  value?: unknown;
}

const handlers = new Map<string, HookHandler['handle'][]>();
const slotValues = new Map<string, unknown[]>();

export function defineHook<P, R = void>(name: string): Hook<P, R> {
  return {
    name,
    async run(tx, payload) {
      const out: R[] = [];
      for (const h of handlers.get(name) ?? []) out.push((await h(tx, payload as never)) as R);
      return out;
    },
  };
}

/** A manifest's handler of a hook. */
export function on<P, R>(hook: Hook<P, R>, handle: (tx: Executor, payload: P) => Promise<R>): HookHandler {
  return { hook: hook.name, handle: handle as HookHandler['handle'] };
}

/** Installs the handlers of the registered modules (registry only). */
export function installHookHandlers(list: readonly HookHandler[]): void {
  handlers.clear();
  slotValues.clear();
  for (const h of list) {
    if (h.hook.startsWith('slot:')) {
      const name = h.hook.slice(5);
      slotValues.set(name, [...(slotValues.get(name) ?? []), h.value]);
    } else handlers.set(h.hook, [...(handlers.get(h.hook) ?? []), h.handle]);
  }
}

/**
 * A value other modules contribute to an owner's computation (a SQL source, a figure): the owner reads
 * `slot.values()`; contributors list `provide(slot, value)` in their manifest's hooks.
 */
export interface Slot<T> {
  readonly name: string;
  values(): T[];
}

export function defineSlot<T>(name: string): Slot<T> {
  return { name, values: () => (slotValues.get(name) ?? []) as T[] };
}

export function provide<T>(slot: Slot<T>, value: T): HookHandler {
  return { hook: `slot:${slot.name}`, handle: async () => value, value };
}
