import { describe, expect, it } from 'vitest';
import { nameSortKey } from './sort-key';

const sorted = (names: string[]) =>
  [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : nameSortKey(a) > nameSortKey(b) ? 1 : 0));

describe('nameSortKey', () => {
  it.each([
    ['张三', 'zhang1张 san1三'],
    ['单田芳', 'shan4单 tian2田 fang1芳'],
    ['曾国藩', 'zeng1曾 guo2国 fan1藩'],
    ['吕布', 'lv3吕 bu4布'],
    [' 王 ', 'wang2王'],
    ['Alice王', 'alice wang2王'],
  ])('%s → %s', (name, key) => {
    expect(nameSortKey(name)).toBe(key);
  });

  it('orders by sound syllable by syllable, not by code point', () => {
    expect(sorted(['张伟', '李明', '王芳', '连', '安娜'])).toEqual(['安娜', '李明', '连', '王芳', '张伟']);
  });

  it('keeps a surname together and orders readings by tone', () => {
    expect(sorted(['李四', '黎明', '李明', '厉害', '黎安'])).toEqual([
      '黎安',
      '黎明',
      '李明',
      '李四',
      '厉害',
    ]);
    // 张 and 章 sound alike: each surname's people stay together.
    expect(sorted(['章明', '张伟', '章安', '张三'])).toEqual(['张三', '张伟', '章安', '章明']);
  });

  it('reads a surname as a surname', () => {
    expect(sorted(['单田芳', '山本', '曾国藩', '邹韬奋'])).toEqual(['山本', '单田芳', '曾国藩', '邹韬奋']);
  });
});
