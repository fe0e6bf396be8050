import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access';
import { enforce, hide } from '../../platform/policy';
import type { ImportJobView, RowError } from './contract';

/**
 * Import jobs live in this process's memory, like the roster's: the writing transaction is one (all or
 * nothing), so progress can't be read from the database before it commits. A job is seen only by the
 * account that started it and is forgotten an hour after it ends; a restart loses running jobs, never
 * half of their rows.
 */
export interface ImportJob extends ImportJobView {
  id: string;
  accountId: string;
  tenantId: string;
  expiresAt: number | null;
}

const jobs = new Map<string, ImportJob>();
const TTL_MS = 60 * 60 * 1000;

function sweep(now = Date.now()) {
  for (const [id, job] of jobs) if (job.expiresAt !== null && job.expiresAt <= now) jobs.delete(id);
}

export function newJob(actor: Actor, rows: number): ImportJob {
  sweep();
  const job: ImportJob = {
    id: randomUUID(),
    accountId: actor.accountId,
    tenantId: actor.tenantId,
    status: 'running',
    phase: 'reading',
    processed: 0,
    total: Math.max(0, rows),
    errors: [],
    created: 0,
    nonMembers: 0,
    totalHours: 0,
    importId: null,
    expiresAt: null,
  };
  jobs.set(job.id, job);
  return job;
}

export function ended(job: ImportJob) {
  job.phase = 'done';
  job.expiresAt = Date.now() + TTL_MS;
}

export function failed(job: ImportJob, errors: RowError[]) {
  job.errors = [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  job.status = 'failed';
}

/** The caller's own job; anyone else's, or a forgotten one, is 404. */
export function getImportJob(actor: Actor, jobId: string): ImportJobView {
  sweep();
  const job = jobs.get(jobId);
  if (!job || job.accountId !== actor.accountId || job.tenantId !== actor.tenantId) enforce(hide('导入任务'));
  const { status, phase, processed, total, errors, created, nonMembers, totalHours, importId } =
    job as ImportJob;
  return { status, phase, processed, total, errors, created, nonMembers, totalHours, importId };
}
