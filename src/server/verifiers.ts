import { attachmentVerifier } from '../modules/meetings/attachments';
import type { ExtraVerifier } from '../platform/verify';
import type { AppContext } from '../platform/context';

/** Module checks beyond table rows (e.g. attachment files on disk); modules add theirs here. */
export const MODULE_VERIFIERS = (ctx: AppContext): ExtraVerifier[] => [attachmentVerifier(ctx)];
