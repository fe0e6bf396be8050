/** The audit kernel's public surface (the chain itself is in src/platform/audit.ts). */
export {};
