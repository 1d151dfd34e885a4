import { ConfigError, loadConfig } from './app-config.js';

const BASE = { NODE_ENV: 'test', DATA_DIR: '/tmp/ta-config-spec', SESSION_SECRET: 'a-session-secret-that-is-long-enough-12345' };

describe('session settings', () => {
  it('defaults to 8 idle hours, 30 idle minutes for administrators and 12 hours in all', () => {
    expect(loadConfig(BASE)).toMatchObject({ sessionIdleMinutes: 480, sessionAdminIdleMinutes: 30, sessionMaxAgeHours: 12 });
  });

  it('takes each from its variable', () => {
    const config = loadConfig({ ...BASE, SESSION_IDLE_MINUTES: '240', SESSION_ADMIN_IDLE_MINUTES: '15', SESSION_MAX_AGE_HOURS: '8' });
    expect(config).toMatchObject({ sessionIdleMinutes: 240, sessionAdminIdleMinutes: 15, sessionMaxAgeHours: 8 });
  });

  it.each([
    ['SESSION_ADMIN_IDLE_MINUTES', '5'],
    ['SESSION_ADMIN_IDLE_MINUTES', 'half an hour'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_MAX_AGE_HOURS', '1000'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ ...BASE, [name]: value })).toThrow(ConfigError);
  });
});
