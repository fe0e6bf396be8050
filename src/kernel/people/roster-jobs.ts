import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access';
import { enforce, hide } from '../../platform/policy';
import type { ImportJobView, RowError } from './contract';
import { ROSTER_HEADERS } from './roster-columns';

export type { ImportJobView, RowError };

export interface ImportJob extends ImportJobView {
  id: string;
  accountId: string;
  tenantId: string;
  fileName: string;
  /** Set when the job ends; the job is forgotten an hour later. */
  expiresAt: number | null;
}

/**
 * Import jobs live in this process's memory, not in a table. The writing transaction is one (all or
 * nothing), so progress written to a table from inside it would stay invisible until commit, and writing it
 * from outside would need a second connection, which PGlite (one connection) does not have. A job is seen
 * only by the account that started it and is forgotten an hour after it ends; a restart loses running jobs
 * (nothing half-written: their transaction never commits).
 */
const jobs = new Map<string, ImportJob>();
const JOB_TTL_MS = 60 * 60 * 1000;

function sweepJobs(now = Date.now()) {
  for (const [id, job] of jobs) if (job.expiresAt !== null && job.expiresAt <= now) jobs.delete(id);
}

/** A new running job of the caller's, over `rows` data rows. */
export function newJob(actor: Actor, fileName: string, rows: number): ImportJob {
  sweepJobs();
  const job: ImportJob = {
    id: randomUUID(),
    accountId: actor.accountId,
    tenantId: actor.tenantId,
    fileName,
    status: 'running',
    phase: 'parsing',
    processed: 0,
    total: Math.max(rows, 0),
    errors: [],
    created: 0,
    expiresAt: null,
  };
  jobs.set(job.id, job);
  return job;
}

/** The job has ended, well or not: it stays readable for an hour. */
export function ended(job: ImportJob) {
  job.phase = 'done';
  job.expiresAt = Date.now() + JOB_TTL_MS;
}

const COLUMN_ORDER = new Map(ROSTER_HEADERS.map((h, i) => [h, i]));

/** The job failed with these errors, sorted by row and then column. */
export function failed(job: ImportJob, errors: RowError[]) {
  job.errors = errors.sort(
    (a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? -1) - (COLUMN_ORDER.get(b.column) ?? -1),
  );
  job.status = 'failed';
}

const view = ({ status, phase, processed, total, errors, created }: ImportJob): ImportJobView => ({
  status,
  phase,
  processed,
  total,
  errors,
  created,
});

/** The caller's own job; anyone else's, or a forgotten one, is 404. */
export function getImportJob(actor: Actor, jobId: string): ImportJobView {
  sweepJobs();
  const job = jobs.get(jobId);
  if (!job || job.accountId !== actor.accountId || job.tenantId !== actor.tenantId) enforce(hide('导入任务'));
  return view(job as ImportJob);
}
