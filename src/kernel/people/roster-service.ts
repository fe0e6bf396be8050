/**
 * @deprecated Compatibility for the command line and the benchmark (`npm run cli roster`, bench/import.ts):
 * the roster's use cases are in roster-import.ts, roster-jobs.ts, roster-template.ts and roster-export.ts.
 */
export { type ExportFilter, exportRoster } from './roster-export';
export { assertCanImport, startImport, type UploadedFile } from './roster-import';
export { getImportJob, type ImportJobView, type RowError } from './roster-jobs';
export { rosterTemplate } from './roster-template';
