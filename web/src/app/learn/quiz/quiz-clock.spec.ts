import { clockOffset, formatClock, formatCountdown, secondsLeft } from './quiz-clock';

describe('the attempt clock', () => {
  const deadline = '2026-11-26T08:10:00.000Z';

  it('counts down on the server’s clock, whatever the phone’s clock says', () => {
    const serverNow = '2026-11-26T08:00:00.000Z';
    for (const skew of [0, 3_600_000, -7 * 60_000]) {
      const phoneNow = Date.parse(serverNow) + skew; // a phone an hour fast, or seven minutes slow
      const offset = clockOffset(serverNow, phoneNow);
      expect(secondsLeft(deadline, offset, phoneNow)).toBe(600);
      expect(secondsLeft(deadline, offset, phoneNow + 599_500)).toBe(1);
      expect(secondsLeft(deadline, offset, phoneNow + 600_000)).toBe(0);
      expect(secondsLeft(deadline, offset, phoneNow + 700_000)).toBe(0);
    }
  });

  it('has no countdown for an untimed attempt, and no offset from a bad time', () => {
    expect(secondsLeft(null, 0)).toBeNull();
    expect(clockOffset('not a time', 123)).toBe(0);
  });

  it('formats the countdown and save times', () => {
    expect(formatCountdown(600)).toBe('10:00');
    expect(formatCountdown(59)).toBe('00:59');
    expect(formatCountdown(3725)).toBe('1:02:05');
    expect(formatCountdown(-3)).toBe('00:00');
    expect(formatClock(new Date(2026, 10, 26, 9, 5, 7).toISOString())).toBe('09:05:07');
    expect(formatClock('nope')).toBe('');
  });
});
