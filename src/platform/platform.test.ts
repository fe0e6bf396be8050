import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type AdminRole,
  isUnder,
  managedPaths,
  manages,
  type OrgRole,
  seesMemberData,
} from './access';
import { type ChainedEvent, canonicalJson, diffFields, eventHash, GENESIS_HASH } from './audit';
import {
  blindIndex,
  decrypt,
  encrypt,
  type KeyRing,
  keyIdOf,
  maskAddress,
  maskIdNumber,
  maskPhone,
  parseKeyRing,
} from './crypto';
import { isValidDate, todayLocal, yearsBetween } from './dates';
import { apportion, Rng } from './random';

const actor = (roles: [OrgRole, string][], adminRole: AdminRole | null = null): Actor => ({
  accountId: 'a1',
  tenantId: 't1',
  username: 'u',
  displayName: 'u',
  personId: adminRole ? null : 'p1',
  adminRole,
  roles: roles.map(([role, orgPath], i) => ({ role, orgId: `o${i}`, orgPath, orgName: 'o' })),
  ip: '127.0.0.1',
});

describe('access', () => {
  describe('managedPaths', () => {
    it.each([
      ['no roles', [], []],
      ['a member only', [['member', '/c/g1/b1/']], []],
      ['a secretary', [['branch_secretary', '/c/g1/b1/']], ['/c/g1/b1/']],
      [
        'all manager roles, members left out',
        [
          ['committee_admin', '/c/'],
          ['member', '/c/g1/b1/'],
          ['general_branch_admin', '/c/g1/'],
          ['branch_secretary', '/c/g2/b3/'],
        ],
        ['/c/', '/c/g1/', '/c/g2/b3/'],
      ],
    ] as [string, [OrgRole, string][], string[]][])('%s', (_name, roles, paths) => {
      expect(managedPaths(actor(roles))).toEqual(paths);
    });
  });

  describe('isUnder', () => {
    it.each([
      ['/c/g1/b1/', ['/c/g1/b1/'], true],
      ['/c/g1/b1/pg1/', ['/c/g1/b1/'], true],
      ['/c/g1/b1/pg1/', ['/c/'], true],
      ['/c/g1/', ['/c/g1/b1/'], false],
      ['/c/g1/b2/', ['/c/g1/b1/'], false],
      ['/c/g10/b1/', ['/c/g1/'], false],
      ['/c/g1/b1/', [], false],
      ['/c/g1/b1/', ['/c/g2/', '/c/g1/'], true],
      ['/d/', ['/c/'], false],
    ] as [string, string[], boolean][])('%s under %j → %s', (path, ancestors, under) => {
      expect(isUnder(path, ancestors)).toBe(under);
    });
  });

  describe('manages', () => {
    const secretary = actor([['branch_secretary', '/c/g1/b1/']]);
    const general = actor([['general_branch_admin', '/c/g1/']]);
    const member = actor([['member', '/c/g1/b1/']]);
    const adminWithRole = actor([['committee_admin', '/c/']], 'system_admin');
    // [case, actor, path, roles to consider (default: managers), manages]
    it.each([
      ['secretary, own branch', secretary, '/c/g1/b1/', undefined, true],
      ['secretary, own party group', secretary, '/c/g1/b1/pg1/', undefined, true],
      ['secretary, sibling branch', secretary, '/c/g1/b2/', undefined, false],
      ['secretary, parent', secretary, '/c/g1/', undefined, false],
      ['general admin, a branch below', general, '/c/g1/b2/', undefined, true],
      ['general admin, look-alike sibling', general, '/c/g10/', undefined, false],
      ['member, own branch', member, '/c/g1/b1/', undefined, false],
      ['member, own branch, member role asked for', member, '/c/g1/b1/', ['member'], true],
      ['secretary, only committee role asked for', secretary, '/c/g1/b1/', ['committee_admin'], false],
      ['admin account with an org role', adminWithRole, '/c/g1/b1/', undefined, false],
    ] as [string, Actor, string, OrgRole[] | undefined, boolean][])('%s', (_name, a, path, roles, result) => {
      expect(manages(a, path, roles)).toBe(result);
    });
  });

  describe('seesMemberData', () => {
    it.each([
      [null, true],
      ['system_admin', false],
      ['security_admin', false],
      ['audit_admin', false],
    ] as [AdminRole | null, boolean][])('admin role %s → %s', (adminRole, sees) => {
      expect(seesMemberData(actor([['committee_admin', '/c/']], adminRole))).toBe(sees);
    });
  });
});

describe('crypto', () => {
  const K1 = 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE='; // 32 × 0x01
  const K2 = 'AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI='; // 32 × 0x02
  const BLIND = 'CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk='; // 32 × 0x09
  const OTHER_BLIND = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc='; // 32 × 0x07
  const ringV1: KeyRing = parseKeyRing({ keys: `k1:${K1}`, blindIndexKey: BLIND });
  // After rotation: k2 is current, k1 kept to read old values.
  const ringV2: KeyRing = parseKeyRing({ keys: `k2:${K2}, k1:${K1}`, blindIndexKey: BLIND });
  const ringOnlyV2: KeyRing = parseKeyRing({ keys: `k2:${K2}`, blindIndexKey: BLIND });

  describe('parseKeyRing', () => {
    it('takes the first key as current', () => {
      expect([ringV1.current, ringV2.current, Object.keys(ringV2.keys).sort()]).toEqual([
        'k1',
        'k2',
        ['k1', 'k2'],
      ]);
    });

    it.each([
      ['no key', { keys: '', blindIndexKey: BLIND }, 'No encryption key configured'],
      ['a short key', { keys: 'k1:AQEB', blindIndexKey: BLIND }, 'Invalid key "k1"'],
      ['a key without id', { keys: `:${K1}`, blindIndexKey: BLIND }, 'Invalid key ""'],
      [
        'a short blind index key',
        { keys: `k1:${K1}`, blindIndexKey: 'AQEB' },
        'Blind index key must be at least 32 bytes',
      ],
    ])('rejects %s', (_name, spec, message) => {
      expect(() => parseKeyRing(spec)).toThrow(message);
    });
  });

  describe('encrypt / decrypt', () => {
    it.each([
      ['an ID number', '11010519491231002X'],
      ['a Chinese address', '内蒙古自治区呼伦贝尔市海拉尔区胜利大街 1 号'],
      ['an empty string', ''],
      ['text with colons', 'a:b:c'],
    ])('round-trips %s', (_name, plain) => {
      const sealed = encrypt(ringV1, plain);
      expect(keyIdOf(sealed)).toBe('k1');
      if (plain) expect(sealed).not.toContain(plain);
      expect(decrypt(ringV1, sealed)).toBe(plain);
    });

    it('uses a fresh IV each time', () => {
      const a = encrypt(ringV1, '13812345678');
      const b = encrypt(ringV1, '13812345678');
      expect(a).not.toBe(b);
      expect([decrypt(ringV1, a), decrypt(ringV1, b)]).toEqual(['13812345678', '13812345678']);
    });

    it('key rotation: old values still decrypt, new values use the new key', () => {
      const old = encrypt(ringV1, '13812345678');
      const fresh = encrypt(ringV2, '13987654321');
      expect([keyIdOf(old), keyIdOf(fresh)]).toEqual(['k1', 'k2']);
      expect(decrypt(ringV2, old)).toBe('13812345678');
      expect(decrypt(ringV2, fresh)).toBe('13987654321');
      expect(decrypt(ringOnlyV2, fresh)).toBe('13987654321');
    });

    it('refuses a value sealed with a key that was dropped', () => {
      const old = encrypt(ringV1, '13812345678');
      expect(() => decrypt(ringOnlyV2, old)).toThrow('Unknown encryption key id "k1"');
    });

    it('refuses a value encrypted under another key with the same id', () => {
      const impostor = parseKeyRing({ keys: `k1:${K2}`, blindIndexKey: BLIND });
      expect(() => decrypt(impostor, encrypt(ringV1, 'secret'))).toThrow();
    });

    it.each([
      ['the body', 3],
      ['the tag', 2],
      ['the IV', 1],
    ])('detects tampering with %s', (_name, part) => {
      const parts = encrypt(ringV1, '11010519491231002X').split(':');
      const bytes = Buffer.from(parts[part], 'base64');
      bytes[0] ^= 0x01;
      parts[part] = bytes.toString('base64');
      expect(() => decrypt(ringV1, parts.join(':'))).toThrow();
    });
  });

  describe('blindIndex', () => {
    // HMAC-SHA256 with key 32 × 0x09, computed outside the code under test.
    const ID_HASH = 'a34eb8d39058cb67598e94f404e52db6bdee6d9c7ef0ff9847d5f7063f4e85da';
    const MOBILE_HASH = '0846080796421a9ff57a252ebbd7f69dd0ca210cbc2553ea07ac361d149998e5';

    it.each([
      ['11010519491231002X', ID_HASH],
      ['11010519491231002x', ID_HASH],
      ['  11010519491231002X  ', ID_HASH],
      ['\t11010519491231002x\n', ID_HASH],
      ['13812345678', MOBILE_HASH],
      [' 13812345678', MOBILE_HASH],
    ])('%j → known HMAC', (value, hash) => {
      expect(blindIndex(ringV1, value)).toBe(hash);
    });

    it('does not depend on the encryption keys, only on the blind index key', () => {
      expect(blindIndex(ringOnlyV2, '11010519491231002X')).toBe(ID_HASH);
      const other = parseKeyRing({ keys: `k1:${K1}`, blindIndexKey: OTHER_BLIND });
      expect(blindIndex(other, '11010519491231002X')).not.toBe(ID_HASH);
    });

    it('tells different values apart', () => {
      expect(blindIndex(ringV1, '110105194912310021')).not.toBe(ID_HASH);
      expect(blindIndex(ringV1, '1101051949 1231002X')).not.toBe(ID_HASH);
    });
  });

  describe('masks', () => {
    it.each([
      // Only the last four: the birth date in the middle is shown beside it, the first six are the place.
      ['11010519491231002X', '**************002X'],
      ['110101199003071233', '**************1233'],
      ['110101900307123', '***********7123'],
      // A copy masked under the old rule (first six, last four) masks to the same.
      ['110101********1233', '**************1233'],
      ['**************1233', '**************1233'],
      ['1234567', '***4567'],
      ['123456', '******'],
      ['', ''],
    ])('maskIdNumber(%j) = %j', (v, masked) => {
      expect(maskIdNumber(v)).toBe(masked);
    });

    it.each([
      ['13812345678', '138****5678'],
      ['138 1234 5678', '138****5678'],
      ['138 1234 56 78', '138****5678'],
      ['1 2 3 4', '****'],
      ['010-12345678', '010****5678'],
      ['1234567', '123****4567'],
      ['123456', '****'],
      ['', '****'],
    ])('maskPhone(%j) = %j', (v, masked) => {
      expect(maskPhone(v)).toBe(masked);
    });

    it.each([
      ['内蒙古自治区呼伦贝尔市海拉尔区', '内蒙古自治区******'],
      ['北京市海淀区中关村大街1号', '北京市海淀区******'],
      ['北京市海淀区1', '北京市海淀区******'],
      ['北京市海淀区', '******'],
      ['北京', '******'],
      ['', '******'],
    ])('maskAddress(%j) = %j', (v, masked) => {
      expect(maskAddress(v)).toBe(masked);
    });
  });
});

describe('audit', () => {
  describe('canonicalJson', () => {
    it.each([
      ['keys sorted', { b: 1, a: 2 }, '{"a":2,"b":1}'],
      ['same object, other key order', { a: 2, b: 1 }, '{"a":2,"b":1}'],
      [
        'nested keys sorted',
        { z: { y: 1, x: [{ q: 1, p: 2 }] }, a: null },
        '{"a":null,"z":{"x":[{"p":2,"q":1}],"y":1}}',
      ],
      ['arrays keep their order', [3, 1, 2], '[3,1,2]'],
      ['undefined properties dropped', { a: undefined, b: 1 }, '{"b":1}'],
      ['null', null, 'null'],
      ['undefined', undefined, 'null'],
      ['undefined inside an array', [1, undefined], '[1,null]'],
      ['a date', new Date('2024-01-02T03:04:05Z'), '"2024-01-02T03:04:05.000Z"'],
      [
        'a date inside an object',
        { at: new Date('2024-01-02T03:04:05Z') },
        '{"at":"2024-01-02T03:04:05.000Z"}',
      ],
      ['a string with quotes', 'say "hi"', '"say \\"hi\\""'],
      ['Chinese text stays as is', { 名称: '党支部' }, '{"名称":"党支部"}'],
      ['numbers and booleans', { n: 1.5, t: true, f: false }, '{"f":false,"n":1.5,"t":true}'],
      ['upper case sorts before lower case', { b: 1, B: 2, a: 3 }, '{"B":2,"a":3,"b":1}'],
      ['empty object and array', { o: {}, l: [] }, '{"l":[],"o":{}}'],
    ])('%s', (_name, value, json) => {
      expect(canonicalJson(value)).toBe(json);
    });
  });

  describe('eventHash', () => {
    const base: ChainedEvent = {
      tenantId: 't1',
      seq: 1,
      at: new Date('2024-01-02T03:04:05.000Z'),
      actorId: 'a1',
      actorName: 'Admin',
      action: 'person.update',
      entity: 'person',
      entityId: 'p1',
      contentHash: null,
      details: { b: 1, a: [2, 'x'] },
      ip: '127.0.0.1',
    };
    // sha256(GENESIS_HASH + canonical JSON of base), computed outside the code under test.
    const BASE_HASH = 'edbb91f8acd01b95cd59793f3383e29e21e63337a4834918a4de94bf6e1b777a';

    it('matches a known hash', () => {
      expect(eventHash(GENESIS_HASH, base)).toBe(BASE_HASH);
    });

    it('does not depend on the key order of details', () => {
      expect(eventHash(GENESIS_HASH, { ...base, details: { a: [2, 'x'], b: 1 } })).toBe(BASE_HASH);
    });

    it('takes a numeric string seq (bigint from the driver) as the number', () => {
      expect(eventHash(GENESIS_HASH, { ...base, seq: '1' as unknown as number })).toBe(BASE_HASH);
    });

    it.each([
      ['prevHash', GENESIS_HASH.replace(/0$/, '1'), {}],
      ['tenantId', GENESIS_HASH, { tenantId: 't2' }],
      ['seq', GENESIS_HASH, { seq: 2 }],
      ['at', GENESIS_HASH, { at: new Date('2024-01-02T03:04:05.001Z') }],
      ['actorId', GENESIS_HASH, { actorId: 'a2' }],
      ['actorId to null', GENESIS_HASH, { actorId: null }],
      ['actorName', GENESIS_HASH, { actorName: 'Admim' }],
      ['action', GENESIS_HASH, { action: 'person.end' }],
      ['entity', GENESIS_HASH, { entity: 'org' }],
      ['entityId', GENESIS_HASH, { entityId: 'p2' }],
      ['contentHash', GENESIS_HASH, { contentHash: 'ab'.repeat(32) }],
      ['details value', GENESIS_HASH, { details: { b: 2, a: [2, 'x'] } }],
      ['details array order', GENESIS_HASH, { details: { b: 1, a: ['x', 2] } }],
      ['details extra key', GENESIS_HASH, { details: { b: 1, a: [2, 'x'], c: null } }],
      ['details to null', GENESIS_HASH, { details: null }],
      ['ip', GENESIS_HASH, { ip: '127.0.0.2' }],
      ['ip to null', GENESIS_HASH, { ip: null }],
    ] as [string, string, Partial<ChainedEvent>][])('changes when %s changes', (_name, prev, change) => {
      const hash = eventHash(prev, { ...base, ...change });
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).not.toBe(BASE_HASH);
    });
  });

  describe('diffFields', () => {
    const SENSITIVE = ['idNumber', 'mobile', 'landline', 'address'];
    // [case, before, after, diff]
    it.each([
      [
        'nothing changed',
        { name: '张三', mobile: '13812345678' },
        { name: '张三', mobile: '13812345678' },
        {},
      ],
      ['a plain field changed', { name: '张三' }, { name: '张四' }, { name: { from: '张三', to: '张四' } }],
      [
        'a sensitive field changed: named, values masked',
        { mobile: '13812345678' },
        { mobile: '13987654321' },
        { mobile: { from: '***', to: '***' } },
      ],
      [
        'a sensitive field set for the first time',
        { idNumber: null },
        { idNumber: '11010519491231002X' },
        { idNumber: { from: '***', to: '***' } },
      ],
      [
        'mixed plain and sensitive changes',
        { name: '张三', address: '旧地址', landline: '010-12345678', education: '大学本科' },
        { name: '张三', address: '新地址', landline: '010-12345678', education: '研究生' },
        { address: { from: '***', to: '***' }, education: { from: '大学本科', to: '研究生' } },
      ],
      ['undefined in after means "not touched"', { name: '张三' }, { name: undefined }, {}],
      ['missing before vs null after is no change', {}, { note: null }, {}],
      ['missing before vs a value after', {}, { note: 'x' }, { note: { from: null, to: 'x' } }],
      ['a value cleared', { note: 'x' }, { note: null }, { note: { from: 'x', to: null } }],
      ['fields only in before are not reported', { name: '张三', note: 'x' }, { name: '张三' }, {}],
      ['objects with keys reordered are equal', { tags: { a: 1, b: 2 } }, { tags: { b: 2, a: 1 } }, {}],
      [
        'arrays reordered are different',
        { tags: ['a', 'b'] },
        { tags: ['b', 'a'] },
        { tags: { from: ['a', 'b'], to: ['b', 'a'] } },
      ],
      ['a number vs its string is a change', { seq: 1 }, { seq: '1' }, { seq: { from: 1, to: '1' } }],
      ['false vs null is a change', { flag: false }, { flag: null }, { flag: { from: false, to: null } }],
    ] as [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][])(
      '%s',
      (_name, before, after, diff) => {
        expect(diffFields(before, after, SENSITIVE)).toEqual(diff);
      },
    );

    it('masks nothing when no sensitive fields are given', () => {
      expect(diffFields({ mobile: '13812345678' }, { mobile: '13987654321' })).toEqual({
        mobile: { from: '13812345678', to: '13987654321' },
      });
    });
  });
});

describe('dates', () => {
  describe('yearsBetween', () => {
    // [from, to, whole years]
    it.each([
      ['1990-06-15', '1990-06-15', 0],
      ['1990-06-15', '2020-06-14', 29],
      ['1990-06-15', '2020-06-15', 30],
      ['1990-06-15', '2020-06-16', 30],
      ['1990-06-15', '2020-05-31', 29],
      ['1990-06-15', '2020-07-01', 30],
      ['1990-12-31', '2020-01-01', 29],
      ['1990-01-01', '2020-12-31', 30],
      ['1990-06-15', '1991-06-14', 0],
      // leap-day births: the birthday in a common year falls on March 1st
      ['2000-02-29', '2023-02-28', 22],
      ['2000-02-29', '2023-03-01', 23],
      ['2000-02-29', '2024-02-28', 23],
      ['2000-02-29', '2024-02-29', 24],
      ['2000-02-29', '2024-03-01', 24],
      ['2000-03-01', '2024-02-29', 23],
      ['2000-02-28', '2023-02-28', 23],
    ])('from %s to %s → %i', (from, to, years) => {
      expect(yearsBetween(from, to)).toBe(years);
    });
  });

  describe('isValidDate', () => {
    it.each([
      ['2024-02-29', true],
      ['2023-02-29', false],
      ['2000-02-29', true],
      ['1900-02-29', false],
      ['2023-02-28', true],
      ['2024-04-30', true],
      ['2024-04-31', false],
      ['2024-12-31', true],
      ['2024-13-01', false],
      ['2024-00-10', false],
      ['2024-01-00', false],
      ['2024-01-32', false],
      ['2024-1-05', false],
      ['2024-01-5', false],
      ['24-01-05', false],
      ['2024/01/05', false],
      ['2024-01-05T00:00:00', false],
      [' 2024-01-05', false],
      ['', false],
      ['not a date', false],
    ])('%j → %s', (s, valid) => {
      expect(isValidDate(s)).toBe(valid);
    });
  });

  describe('todayLocal', () => {
    it.each([
      ['2024-12-31T15:59:59.999Z', '2024-12-31'],
      ['2024-12-31T16:00:00.000Z', '2025-01-01'],
      ['2024-02-28T16:00:00.000Z', '2024-02-29'],
      ['2024-06-15T00:00:00.000Z', '2024-06-15'],
    ])('%s is %s in Asia/Shanghai', (instant, day) => {
      expect(todayLocal(new Date(instant))).toBe(day);
    });
  });
});

describe('random', () => {
  describe('apportion', () => {
    // [total, weights, parts]
    it.each([
      [100, [1, 2, 3, 4], [10, 20, 30, 40]],
      [10, [1, 1, 1], [4, 3, 3]],
      [11, [1, 1, 1], [4, 4, 3]],
      [7, [1, 1], [4, 3]],
      [10, [0.2, 0.5, 0.3], [2, 5, 3]],
      [10, [3, 3, 4], [3, 3, 4]],
      [5, [0, 1], [0, 5]],
      [5, [1, 0, 1], [3, 0, 2]],
      [0, [1, 2], [0, 0]],
      [1, [1, 1, 1, 1], [1, 0, 0, 0]],
      [3, [1, 1, 1, 1], [1, 1, 1, 0]],
      [10, [1, 9], [1, 9]],
      [10, [1, 2], [3, 7]],
      [100, [1, 1, 1], [34, 33, 33]],
      [1000, [5], [1000]],
      [17, [2.5, 1.25, 1.25], [9, 4, 4]],
    ])('apportion(%i, %j) = %j', (total, weights, parts) => {
      expect(apportion(total, weights)).toEqual(parts);
    });

    it.each([
      [1_000, [0.7, 1.3, 1.9, 0.51, 1.2, 0.93, 1.77]],
      [13_579, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]],
      [7, [1e-9, 1, 1e9]],
      [3_000, Array.from({ length: 97 }, (_, i) => (i % 7) + 0.5)],
    ])('parts of %i sum exactly to the total and stay within 1 of the exact share', (total, weights) => {
      const parts = apportion(total, weights);
      const sum = weights.reduce((a, b) => a + b, 0);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      parts.forEach((p, i) => {
        expect(Number.isInteger(p)).toBe(true);
        expect(Math.abs(p - (weights[i] / sum) * total)).toBeLessThan(1);
      });
    });
  });

  describe('Rng', () => {
    it('follows mulberry32 (values computed outside the code under test)', () => {
      const r = new Rng(42);
      expect([r.next(), r.next(), r.next()]).toEqual([
        0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
      ]);
      const s = new Rng(1);
      expect([s.next(), s.next(), s.next()]).toEqual([
        0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
      ]);
    });

    it('int(1, 6) from seed 42', () => {
      const r = new Rng(42);
      expect(Array.from({ length: 5 }, () => r.int(1, 6))).toEqual([4, 3, 6, 5, 2]);
    });

    it('is the same for the same seed, different for another', () => {
      const run = (seed: number) => {
        const r = new Rng(seed);
        return [
          r.next(),
          r.int(10, 20),
          r.pick(['a', 'b', 'c']),
          r.chance(0.5),
          r.date('2020-01-01', '2020-12-31'),
          r.shuffle([1, 2, 3, 4, 5]),
        ];
      };
      expect(run(7)).toEqual(run(7));
      expect(run(7)).not.toEqual(run(8));
    });

    it('keeps values inside their ranges', () => {
      const r = new Rng(2024);
      for (let i = 0; i < 2_000; i++) {
        const x = r.next();
        expect(x >= 0 && x < 1).toBe(true);
        const n = r.int(-2, 2);
        expect([-2, -1, 0, 1, 2]).toContain(n);
        const d = r.date('2024-02-27', '2024-03-01');
        expect(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']).toContain(d);
        expect(['x', 'y']).toContain(r.pick(['x', 'y']));
      }
    });

    it('reaches both ends of int and date ranges', () => {
      const r = new Rng(99);
      const ints = new Set(Array.from({ length: 500 }, () => r.int(1, 3)));
      const days = new Set(Array.from({ length: 500 }, () => r.date('2024-12-30', '2025-01-01')));
      expect([...ints].sort()).toEqual([1, 2, 3]);
      expect([...days].sort()).toEqual(['2024-12-30', '2024-12-31', '2025-01-01']);
    });

    it('treats the seed as an unsigned 32-bit number', () => {
      const a = new Rng(-1);
      const b = new Rng(0xffffffff);
      expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    });

    it('shuffles in place into a permutation', () => {
      const items = [1, 2, 3, 4, 5, 6, 7, 8];
      const shuffled = new Rng(5).shuffle(items);
      expect(shuffled).toBe(items);
      expect([...shuffled].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('chance(0) never, chance(1) always', () => {
      const r = new Rng(3);
      const draws = Array.from({ length: 200 }, () => [r.chance(0), r.chance(1)]);
      expect(draws.every(([never, always]) => !never && always)).toBe(true);
    });
  });
});
