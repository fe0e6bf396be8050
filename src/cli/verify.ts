import type { AppContext } from '../platform/context';
import { moduleVerifiers } from '../platform/registry';
import { type VerifyProblem, verifyAudit } from '../platform/verify';

export async function verifyCommand(ctx: AppContext): Promise<number> {
  const t = Date.now();
  const report = await verifyAudit(ctx.db, moduleVerifiers(ctx));
  printProblems(report.problems);
  console.log(
    `${report.ok ? 'OK' : 'FAILED'}: ${report.events} audit events, ${report.records} audited records, ${report.problems.length} problems (${Date.now() - t} ms)`,
  );
  return report.ok ? 0 : 1;
}

export function printProblems(problems: VerifyProblem[]) {
  for (const p of problems) {
    console.error(
      `FAIL ${p.kind}${p.entity ? ` ${p.entity}` : ''}${p.entityId ? ` ${p.entityId}` : ''}${p.seq ? ` seq=${p.seq}` : ''}: ${p.message}`,
    );
  }
}
