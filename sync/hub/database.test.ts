import { describe, expect, it } from 'vitest';
import { describeDatabase, hidePassword, hubDatabase, redactUrl } from './database.js';

describe('the hub database named on the command line', () => {
  it('is the SQLite file without --database, PostgreSQL with it', () => {
    expect(hubDatabase({ db: 'x/hub.db' })).toEqual({ kind: 'sqlite', file: 'x/hub.db' });
    expect(hubDatabase({ db: 'x/hub.db', database: 'postgres://hub@db:5432/endcap' })).toEqual({ kind: 'postgres', url: 'postgres://hub@db:5432/endcap' });
    expect(hubDatabase({ db: 'x/hub.db', database: 'mysql://hub@db/endcap' })).toMatch(/postgres:\/\//);
    expect(hubDatabase({ db: 'x/hub.db', database: 'not a url' })).toMatch(/PGPASSWORD/);
  });

  it('never shows the password: not in the address, not in an error that quotes it', () => {
    const url = 'postgres://hub:s3cr%3At@db.example:5432/endcap?sslmode=verify-full';
    expect(redactUrl(url)).toBe('postgres://hub:***@db.example:5432/endcap?sslmode=verify-full');
    expect(describeDatabase({ kind: 'postgres', url })).not.toMatch(/s3cr/);
    const database = { kind: 'postgres' as const, url };
    expect(hidePassword(`could not connect to ${url}: password s3cr:t refused`, database)).toBe(
      'could not connect to postgres://hub:***@db.example:5432/endcap?sslmode=verify-full: password *** refused',
    );
  });
});
