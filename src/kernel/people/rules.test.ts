import { describe, expect, it } from 'vitest';
import {
  ageBand,
  checkPersonFacts,
  type IdNumberInfo,
  isLandline,
  isMobile,
  isPartyMember,
  type PersonFacts,
  parseIdNumber,
  partyAgeBand,
  withCheckDigit,
} from './rules';

const FORMAT = '应为 18 位，最后一位可为数字或 X';
const CHECKSUM = '校验位不正确';
const BIRTH = '出生日期部分无效';

describe('withCheckDigit', () => {
  // Check digits worked out by hand per GB 11643-1999 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11).
  it.each([
    ['11010519491231002', '11010519491231002X'],
    ['11010119900307123', '110101199003071233'],
    ['11010119900307124', '110101199003071241'],
    ['32010219851115001', '320102198511150019'],
    ['32010219851115002', '320102198511150027'],
    ['11010120240229002', '110101202402290024'],
  ])('%s → %s', (first17, id) => {
    expect(withCheckDigit(first17)).toBe(id);
  });
});

describe('parseIdNumber', () => {
  // [case, input, result]
  const cases: [string, string, IdNumberInfo][] = [
    [
      'valid sample with X check digit',
      '11010519491231002X',
      { valid: true, birthDate: '1949-12-31', gender: 'female' },
    ],
    [
      'lower-case x check digit',
      '11010519491231002x',
      { valid: true, birthDate: '1949-12-31', gender: 'female' },
    ],
    ['surrounding spaces', '  110101199003071233 ', { valid: true, birthDate: '1990-03-07', gender: 'male' }],
    [
      'odd 17th digit is male',
      '110101199003071233',
      { valid: true, birthDate: '1990-03-07', gender: 'male' },
    ],
    [
      'even 17th digit is female',
      '110101199003071241',
      { valid: true, birthDate: '1990-03-07', gender: 'female' },
    ],
    ['17th digit 9 is male', '320102198511150019', { valid: true, birthDate: '1985-11-15', gender: 'male' }],
    [
      '17th digit 0 is female',
      '320102198511150027',
      { valid: true, birthDate: '1985-11-15', gender: 'female' },
    ],
    ['leap day 2024-02-29', '110101202402290024', { valid: true, birthDate: '2024-02-29', gender: 'female' }],
    ['wrong check digit', '110101199003071234', { valid: false, reason: CHECKSUM }],
    ['X where a digit is due', '11010119900307123X', { valid: false, reason: CHECKSUM }],
    ['digit where X is due', '110105194912310020', { valid: false, reason: CHECKSUM }],
    ['two digits swapped', '110101199003071323', { valid: false, reason: CHECKSUM }],
    ['invalid birth date 19900230', '110101199002301236', { valid: false, reason: BIRTH }],
    ['not a leap year: 20230229', '110101202302290027', { valid: false, reason: BIRTH }],
    ['April 31st', '110101199004310021', { valid: false, reason: BIRTH }],
    ['January 32nd', '11010119900132003X', { valid: false, reason: BIRTH }],
    ['month 13', '110105202313010014', { valid: false, reason: BIRTH }],
    [
      'born on 1900-01-01, the earliest accepted',
      '110101190001010014',
      { valid: true, birthDate: '1900-01-01', gender: 'male' },
    ],
    ['born before 1900', '110101189912311231', { valid: false, reason: BIRTH }],
    ['GB 11643 example from 1880', '440524188001010014', { valid: false, reason: BIRTH }],
    ['17 characters', '11010119900307123', { valid: false, reason: FORMAT }],
    ['19 characters', '1101011990030712331', { valid: false, reason: FORMAT }],
    ['15-digit old format', '110101900307123', { valid: false, reason: FORMAT }],
    ['letter inside', '1101011990O3071233', { valid: false, reason: FORMAT }],
    ['full-width digits', '１１０１０１１９９００３０７１２３３', { valid: false, reason: FORMAT }],
    ['empty', '', { valid: false, reason: FORMAT }],
  ];

  it.each(cases)('%s', (_name, input, result) => {
    expect(parseIdNumber(input)).toEqual(result);
  });
});

describe('isMobile', () => {
  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['16612345678', true],
    [' 13812345678 ', true],
    ['12812345678', false],
    ['10012345678', false],
    ['23812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['138-1234-5678', false],
    ['138 1234 5678', false],
    ['+8613812345678', false],
    ['', false],
  ])('%s → %s', (v, ok) => {
    expect(isMobile(v)).toBe(ok);
  });
});

describe('isLandline', () => {
  it.each([
    ['010-12345678', true],
    ['01012345678', true],
    ['0470-1234567', true],
    ['0470-12345678', true],
    ['04701234567', true],
    [' 021-87654321 ', true],
    ['12345678', false],
    ['010-123456', false],
    ['010-123456789', false],
    ['10-12345678', false],
    ['01-12345678', false],
    ['04701-1234567', false],
    ['010--12345678', false],
    ['(010)12345678', false],
    ['010-1234-5678', false],
    ['', false],
  ])('%s → %s', (v, ok) => {
    expect(isLandline(v)).toBe(ok);
  });
});

describe('isPartyMember', () => {
  it.each([
    ['masses', false],
    ['applicant', false],
    ['activist', false],
    ['candidate', false],
    ['probationary', true],
    ['full', true],
    ['', false],
  ])('%s → %s', (s, member) => {
    expect(isPartyMember(s)).toBe(member);
  });
});

describe('checkPersonFacts', () => {
  const today = '2024-06-15';
  const full: PersonFacts = {
    partyStatus: 'full',
    joinedPartyOn: '2010-07-01',
    fullMemberOn: '2011-07-01',
    birthDate: '1985-03-15',
  };
  const probationary: PersonFacts = {
    partyStatus: 'probationary',
    joinedPartyOn: '2024-01-10',
    birthDate: '1998-01-01',
  };
  const activist: PersonFacts = { partyStatus: 'activist', birthDate: '1999-05-05' };

  // [case, facts, errors]
  const cases: [string, PersonFacts, Record<string, string>][] = [
    ['consistent full member', full, {}],
    ['consistent probationary member', probationary, {}],
    ['consistent activist', activist, {}],
    ['masses with nothing else', { partyStatus: 'masses' }, {}],
    [
      'full member without fullMemberOn',
      { ...full, fullMemberOn: null },
      { fullMemberOn: '正式党员须填写转为正式党员日期' },
    ],
    [
      'probationary with fullMemberOn',
      { ...probationary, fullMemberOn: '2024-05-01' },
      { fullMemberOn: '预备党员及非党员不应有转正日期' },
    ],
    [
      'non-member with fullMemberOn',
      { ...activist, fullMemberOn: '2020-01-01' },
      { fullMemberOn: '预备党员及非党员不应有转正日期' },
    ],
    [
      'member without joinedPartyOn',
      { partyStatus: 'probationary', birthDate: '1998-01-01' },
      { joinedPartyOn: '党员须填写加入党组织日期' },
    ],
    [
      'non-member with joinedPartyOn',
      { ...activist, joinedPartyOn: '2020-01-01' },
      { joinedPartyOn: '非党员不应有加入党组织日期' },
    ],
    [
      'fullMemberOn before joinedPartyOn',
      { ...full, joinedPartyOn: '2015-07-01', fullMemberOn: '2015-06-30' },
      { fullMemberOn: '转为正式党员日期不能早于加入党组织日期' },
    ],
    [
      'fullMemberOn on the joining day',
      { ...full, joinedPartyOn: '2015-07-01', fullMemberOn: '2015-07-01' },
      {},
    ],
    [
      'joined the day before turning 18',
      { ...probationary, birthDate: '2000-06-15', joinedPartyOn: '2018-06-14' },
      { joinedPartyOn: '入党时应年满 18 周岁' },
    ],
    [
      'joined at 16',
      { ...full, birthDate: '1990-01-01', joinedPartyOn: '2006-05-01' },
      { joinedPartyOn: '入党时应年满 18 周岁' },
    ],
    [
      'joined on the 18th birthday',
      { ...probationary, birthDate: '2000-06-15', joinedPartyOn: '2018-06-15' },
      {},
    ],
    [
      'joined tomorrow',
      { ...probationary, joinedPartyOn: '2024-06-16' },
      { joinedPartyOn: '加入党组织日期不能晚于今天' },
    ],
    ['joined today', { ...probationary, joinedPartyOn: '2024-06-15' }, {}],
    [
      'born tomorrow',
      { partyStatus: 'masses', birthDate: '2024-06-16' },
      { birthDate: '出生日期不能晚于今天' },
    ],
    [
      'lost contact without date',
      { ...full, lostContact: true },
      { lostContactOn: '失联党员须填写失去联系日期' },
    ],
    ['lost contact with date', { ...full, lostContact: true, lostContactOn: '2023-01-01' }, {}],
    [
      'lost contact date without the flag',
      { ...full, lostContact: false, lostContactOn: '2023-01-01' },
      { lostContactOn: '未失联不应填写失去联系日期' },
    ],
    ['floating without destination', { ...full, floating: true }, { floatingTo: '流动党员须填写外出流向' }],
    [
      'floating with empty destination',
      { ...full, floating: true, floatingTo: '' },
      { floatingTo: '流动党员须填写外出流向' },
    ],
    ['floating with destination', { ...full, floating: true, floatingTo: '呼和浩特' }, {}],
    ['destination without the flag', { ...full, floating: false, floatingTo: '呼和浩特' }, {}],
    [
      'non-member flagged floating',
      { ...activist, floating: true, floatingTo: '呼和浩特' },
      { floating: '只有党员可标记为失联或流动' },
    ],
    [
      'non-member flagged lost contact',
      { ...activist, lostContact: true, lostContactOn: '2023-01-01' },
      { lostContact: '只有党员可标记为失联或流动' },
    ],
    [
      'non-member flagged floating without destination',
      { partyStatus: 'masses', floating: true },
      { floatingTo: '流动党员须填写外出流向', floating: '只有党员可标记为失联或流动' },
    ],
    [
      'started work tomorrow',
      { ...full, startedWorkOn: '2024-06-16' },
      { startedWorkOn: '参加工作日期不能晚于今天' },
    ],
    ['started work today', { ...full, startedWorkOn: '2024-06-15' }, {}],
    [
      'several problems at once',
      { partyStatus: 'full', birthDate: '2030-01-01', lostContact: true, floating: true },
      {
        joinedPartyOn: '党员须填写加入党组织日期',
        fullMemberOn: '正式党员须填写转为正式党员日期',
        birthDate: '出生日期不能晚于今天',
        lostContactOn: '失联党员须填写失去联系日期',
        floatingTo: '流动党员须填写外出流向',
      },
    ],
  ];

  it.each(cases)('%s', (_name, facts, errors) => {
    expect(checkPersonFacts(facts, today)).toEqual(errors);
  });
});

describe('ageBand (today 2024-06-15)', () => {
  // [birth date, age it makes, band]
  it.each([
    ['2024-06-15', 0, '30岁以下'],
    ['1994-06-16', 29, '30岁以下'],
    ['1994-06-15', 30, '30岁以下'],
    ['1993-06-16', 30, '30岁以下'],
    ['1993-06-15', 31, '31-40岁'],
    ['1984-06-15', 40, '31-40岁'],
    ['1983-06-16', 40, '31-40岁'],
    ['1983-06-15', 41, '41-50岁'],
    ['1974-06-15', 50, '41-50岁'],
    ['1973-06-15', 51, '51-60岁'],
    ['1964-06-15', 60, '51-60岁'],
    ['1963-06-16', 60, '51-60岁'],
    ['1963-06-15', 61, '60岁以上'],
    ['1930-01-01', 94, '60岁以上'],
  ])('born %s (age %i) → %s', (birthDate, _age, band) => {
    expect(ageBand(birthDate, '2024-06-15')).toBe(band);
  });
});

describe('partyAgeBand (today 2024-06-15)', () => {
  // [fullMemberOn, party age it makes, band]
  it.each([
    [null, null, '预备期'],
    ['2024-06-16', null, '预备期'],
    ['2024-06-15', 0, '5年以下'],
    ['2019-06-16', 4, '5年以下'],
    ['2019-06-15', 5, '5-10年'],
    ['2014-06-15', 10, '5-10年'],
    ['2013-06-16', 10, '5-10年'],
    ['2013-06-15', 11, '11-20年'],
    ['2004-06-15', 20, '11-20年'],
    ['2003-06-15', 21, '21-30年'],
    ['1994-06-15', 30, '21-30年'],
    ['1993-06-16', 30, '21-30年'],
    ['1993-06-15', 31, '30年以上'],
  ])('full member since %s (%s years) → %s', (fullMemberOn, _years, band) => {
    expect(partyAgeBand(fullMemberOn, '2024-06-15')).toBe(band);
  });
});
