import { z } from 'zod';
import { zDate, zRequiredText, zUuid } from '../../src/platform/i18n';

export const postBulletinBody = z.object({
  orgId: zUuid.meta({ title: '发布组织' }),
  title: zRequiredText(100).meta({ title: '标题' }),
  body: zRequiredText(2000).meta({ title: '正文' }),
  expiresOn: zDate.meta({ title: '截止日期' }),
});
export type PostBulletinBody = z.infer<typeof postBulletinBody>;

export const bulletin = z.object({
  id: z.string(),
  orgId: z.string(),
  title: z.string(),
  body: z.string(),
  expiresOn: z.string(),
});
export const bulletinList = z.object({ items: z.array(bulletin) });
export type Bulletin = z.infer<typeof bulletin>;
