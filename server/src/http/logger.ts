import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';

/**
 * Logs carry method, route, status, timings and correlation ids — never bodies, query strings,
 * cookies or headers, which may hold personal data or secrets.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: ['req.headers', 'headers', 'cookie', 'password', '*.password', 'token', '*.token'],
      remove: true,
    },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        path: (req.url ?? '').split('?')[0],
        id: req.id,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
