import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/** JSON logs; secrets are redacted by path so a careless log call cannot leak them. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: [
        'password',
        '*.password',
        'newPassword',
        '*.newPassword',
        'currentPassword',
        '*.currentPassword',
        'token',
        '*.token',
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'body',
        '*.body',
      ],
      censor: '[redacted]',
    },
  });
}
