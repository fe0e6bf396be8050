import type { FastifyRequest } from 'fastify';
import { readUpload as readMultipart } from '../../platform/file-store';
import { MATERIALS, MAX_FILE_BYTES } from './files';

/** The one uploaded file of a multipart request (field `file`), refused in training's words. */
export const readUpload = (req: FastifyRequest) => readMultipart(req, MAX_FILE_BYTES, MATERIALS);
