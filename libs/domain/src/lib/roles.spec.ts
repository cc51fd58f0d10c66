import { primaryRole } from './roles';

describe('primaryRole', () => {
  it('prefers admin, then trainer, mentor and trainee', () => {
    expect(primaryRole(['trainee', 'admin'])).toBe('admin');
    expect(primaryRole(['mentor', 'trainer'])).toBe('trainer');
    expect(primaryRole(['trainee', 'mentor'])).toBe('mentor');
    expect(primaryRole(['trainee'])).toBe('trainee');
  });
  it('is null without roles', () => {
    expect(primaryRole([])).toBeNull();
  });
});
