export interface Row {
  db: string;
  metric: string;
  value: string;
  target?: string;
}

export const percentiles = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: at(50), p95: at(95) };
};

export const ms = (v: number) => `${v.toFixed(1)} ms`;
