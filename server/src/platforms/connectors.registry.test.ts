import { describe, expect, it } from 'vitest';

import { connectorFor, UnknownConnectorError } from './connectors.registry.ts';

const settings = {
  baseUrl: 'https://social.example',
  clientId: 'id',
  clientSecret: 'secret',
  timeoutMs: 5000,
};

describe('connector registry', () => {
  it('builds the Mastodon connector for its platform key', () => {
    const connector = connectorFor('mastodon', settings);
    expect(connector.key).toBe('mastodon');
    expect(connector.mode).toBe('api');
  });

  it('builds the Facebook and Instagram connectors from one Meta app', () => {
    expect(connectorFor('facebook', settings).key).toBe('facebook');
    expect(connectorFor('instagram', settings).key).toBe('instagram');
  });

  it('refuses a platform without a connector', () => {
    expect(() => connectorFor('xing', settings)).toThrow(UnknownConnectorError);
  });
});
