import { describe, expect, it } from 'vitest';
import { isoToVn, vnToIso } from '../../renderer/src/util/DateField';

describe('dates typed the Vietnamese way (dd/mm/yyyy)', () => {
  it.each([
    ['15/08/1990', '1990-08-15'],
    ['5/8/1990', '1990-08-05'],
    ['05-08-1990', '1990-08-05'],
    ['15081990', '1990-08-15'],
    [' 29/02/2024 ', '2024-02-29'],
  ])('reads %s as %s', (typed, iso) => {
    expect(vnToIso(typed)).toBe(iso);
  });

  it.each(['08/15/1990', '31/04/2026', '29/02/2026', '1990-08-15', '15/08/90', ''])(
    'refuses %j, which is no real dd/mm/yyyy date',
    (typed) => {
      expect(vnToIso(typed)).toBeNull();
    },
  );

  it('shows an ISO date as dd/mm/yyyy and leaves anything else as typed', () => {
    expect(isoToVn('2026-04-27')).toBe('27/04/2026');
    expect(isoToVn('27/04')).toBe('27/04');
    expect(isoToVn(undefined)).toBe('');
  });
});
