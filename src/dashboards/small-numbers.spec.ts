import { median, shownCount, shownShare, SMALL_NUMBER } from './small-numbers.js';

describe('small-numbers protection', () => {
  it('withholds counts of 1 to 4 teachers, and shows 0 and 5 or more', () => {
    expect(SMALL_NUMBER).toBe(5);
    expect(shownCount(0)).toEqual({ withheld: false, value: 0 });
    for (const n of [1, 2, 3, 4]) expect(shownCount(n)).toEqual({ withheld: true });
    expect(shownCount(5)).toEqual({ withheld: false, value: 5 });
  });

  it('withholds a share of fewer than 5 teachers, or one that tells 1 to 4 of them apart', () => {
    expect(shownShare(2, 4)).toEqual({ withheld: true });
    expect(shownShare(0, 4)).toEqual({ withheld: true });
    expect(shownShare(3, 40)).toEqual({ withheld: true });
    expect(shownShare(38, 40)).toEqual({ withheld: true });
    expect(shownShare(0, 40)).toEqual({ withheld: false, value: 0 });
    expect(shownShare(40, 40)).toEqual({ withheld: false, value: 100 });
    expect(shownShare(5, 10)).toEqual({ withheld: false, value: 50 });
    expect(shownShare(10, 15)).toEqual({ withheld: false, value: 67 });
  });

  it('takes the median of an odd and an even number of values, and of none', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
    expect(median([])).toBeNull();
  });
});
