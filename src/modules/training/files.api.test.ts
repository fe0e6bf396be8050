import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import { acceptUpload } from '../../platform/files';
import { MATERIALS, MAX_FILE_BYTES, trainingFileVerifier } from './files';

/** Material files of courses and study content: what is accepted, how it is read back, what `audit verify` sees. */

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let courseId: string;
let tenantId: string;

function multipart(fileName: string, data: Buffer, field = 'file') {
  const boundary = `----trainingFiles${Math.random().toString(16).slice(2)}`;
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const pdf = Buffer.from('%PDF-1.4\n培训讲义\n');
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(32, 1)]);
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('slides')]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('x')]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const upload = (to: string, fileName: string, data: Buffer, field = 'file') => {
  const m = multipart(fileName, data, field);
  return secretary.request('POST', to, m.body, m.headers);
};
const courseFiles = () => `/api/v1/training/courses/${courseId}/files`;
const storedFiles = () => {
  const dir = resolve(env.ctx.config.filesDir, 'training', tenantId);
  return existsSync(dir) ? readdirSync(dir).length : 0;
};

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  [{ tenantId }] = await queryRows<{ tenantId: string }>(
    env.ctx.db,
    sql`select tenant_id as "tenantId" from orgs where id = ${fx.branchId}`,
  );
  const course = await secretary.post('/api/v1/training/courses', {
    orgId: fx.branchId,
    title: '资料测试课程',
    topic: '安全生产',
    hours: 2,
  });
  expect(course.statusCode, course.body).toBe(201);
  courseId = course.json().id;
}, 120_000);
afterAll(() => env.close());

describe('training material files', () => {
  it('stores a course file under training/, audits it, lists it and sends it back as a download', async () => {
    const res = await upload(courseFiles(), '讲义.pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      fileName: '讲义.pdf',
      mimeType: 'application/pdf',
      size: pdf.length,
      uploadedByName: expect.any(String),
    });
    expect(Object.keys(item).sort()).toEqual(
      ['fileName', 'id', 'mimeType', 'size', 'uploadedAt', 'uploadedByName'].sort(),
    );
    const [row] = await queryRows<{
      storage_key: string;
      sha256: string;
      org_id: string;
      owner_kind: string;
    }>(
      env.ctx.db,
      sql`select storage_key, sha256, org_id, owner_kind from training_files where id = ${item.id}`,
    );
    expect(row).toMatchObject({ sha256: sha(pdf), org_id: fx.branchId, owner_kind: 'course' });
    expect(row.storage_key).toBe(`training/${tenantId}/${item.id}`);
    const [event] = await queryRows<{ details: Record<string, unknown> }>(
      env.ctx.db,
      sql`select details from audit_events where action = 'training_file.add' and entity_id = ${item.id}`,
    );
    expect(event.details).toEqual({
      owner: 'course',
      ownerId: courseId,
      fileName: '讲义.pdf',
      size: pdf.length,
    });

    const course = (await secretary.get(`/api/v1/training/courses/${courseId}`)).json();
    expect(course.files).toContainEqual(item);

    const down = await secretary.get(`/api/v1/training/files/${item.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('讲义.pdf')}`,
    );
    expect(down.headers['cache-control']).toBe('no-store');
    expect(down.headers['x-content-sha256']).toBe(sha(pdf));
    expect(down.headers['x-content-type-options']).toBe('nosniff');
  });

  it('opens a video in the page with ?inline=true, and takes PowerPoint', async () => {
    const res = await upload(courseFiles(), '安全视频.mp4', mp4);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mimeType).toBe('video/mp4');
    const view = await secretary.get(`/api/v1/training/files/${res.json().id}?inline=true`);
    expect(view.statusCode).toBe(200);
    expect(view.rawPayload.equals(mp4)).toBe(true);
    expect(view.headers['content-type']).toBe('video/mp4');
    expect(view.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('安全视频.mp4')}`,
    );
    expect(view.headers['cache-control']).toBe('private, max-age=3600');
    expect(view.headers['x-content-sha256']).toBe(sha(mp4));
    expect(view.headers['x-content-type-options']).toBe('nosniff');
    const down = await secretary.get(`/api/v1/training/files/${res.json().id}?inline=false`);
    expect(down.headers['content-disposition']).toMatch(/^attachment; /);

    const slides = await upload(courseFiles(), '课件.pptx', zip);
    expect(slides.statusCode, slides.body).toBe(201);
    expect(slides.json().mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
  });

  it('refuses what it does not take, in its own words, and keeps nothing on disk', async () => {
    const before = storedFiles();
    const kinds = '只接受 PDF、Word、PowerPoint、Excel、图片（jpg、png）和 MP4 视频，且内容须与扩展名相符';
    for (const [name, data] of [
      ['照片.webp', webp],
      ['伪装.pdf', png],
    ] as const) {
      const res = await upload(courseFiles(), name, data);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation', message: kinds, fields: { file: kinds } });
    }
    const empty = await upload(courseFiles(), '空.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields).toEqual({ file: '资料文件是空的' });

    const json = await secretary.post(courseFiles(), {});
    expect(json.statusCode).toBe(400);
    expect(json.json().fields).toEqual({ file: '请以 multipart/form-data 上传文件（字段名 file）' });
    const field = await upload(courseFiles(), '讲义.pdf', pdf, 'other');
    expect(field.statusCode).toBe(400);
    expect(field.json().fields).toEqual({ file: '没有收到文件：请在字段 file 中上传' });

    const big = await upload(courseFiles(), '大.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'too_large', message: '上传的文件过大，最大 20 MB' });
    expect(storedFiles()).toBe(before);
  });

  it('takes at most 20 files an item, removing the refused one from disk again', async () => {
    const made = await secretary.post('/api/v1/training/courses', {
      orgId: fx.branchId,
      title: '满额课程',
      topic: '安全生产',
      hours: 1,
    });
    const to = `/api/v1/training/courses/${made.json().id}/files`;
    for (let i = 0; i < 20; i++) expect((await upload(to, `第${i}讲.pdf`, pdf)).statusCode).toBe(201);
    const before = storedFiles();
    const over = await upload(to, '第21讲.pdf', pdf);
    expect(over.statusCode).toBe(400);
    expect(over.json().fields).toEqual({ file: '每项最多 20 个资料文件' });
    expect(storedFiles()).toBe(before);
  });

  it('answers 404 for an unknown file and 410 when its bytes are gone; audit verify names changed and missing files', async () => {
    const unknown = await secretary.get('/api/v1/training/files/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);

    const res = await upload(courseFiles(), '核对.pdf', pdf);
    const id = res.json().id as string;
    const file = resolve(env.ctx.config.filesDir, 'training', tenantId, id);
    const verify = trainingFileVerifier(env.ctx);
    const mine = async () => (await verify(env.ctx.db)).filter((p) => p.entityId === id);
    expect(await mine()).toEqual([]);

    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('x')]));
    expect(await mine()).toEqual([
      {
        kind: 'file_changed',
        entity: 'training_file',
        entityId: id,
        message:
          '培训资料“核对.pdf”的文件内容被修改，与上传时的 SHA-256 不符 (training file changed on disk)',
      },
    ]);

    rmSync(file);
    expect((await mine())[0]?.message).toBe('培训资料“核对.pdf”的文件缺失 (training file missing)');
    const gone = await secretary.get(`/api/v1/training/files/${id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'gone', message: '资料文件已丢失，请联系管理员运行审计校验' });
  });
});

describe('training upload rules', () => {
  it('keeps the trimmed name and refuses more than 20 MB, or an old PowerPoint that is a picture, in its own words', () => {
    expect(acceptUpload({ fileName: '  讲义.pdf ', data: pdf }, MAX_FILE_BYTES, MATERIALS)).toMatchObject({
      fileName: '讲义.pdf',
      mimeType: 'application/pdf',
    });
    const big = { fileName: '大.pdf', data: Buffer.concat([pdf, Buffer.alloc(MAX_FILE_BYTES)]) };
    expect(() => acceptUpload(big, MAX_FILE_BYTES, MATERIALS)).toThrow('资料文件不能超过 20 MB');
    expect(() => acceptUpload({ fileName: '旧课件.ppt', data: png }, MAX_FILE_BYTES, MATERIALS)).toThrow(
      MATERIALS.wrongKind,
    );
  });
});
