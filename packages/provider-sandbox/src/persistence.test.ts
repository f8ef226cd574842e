import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from './createSandbox.js';

const options = (stateFile: string) => ({
  publicUrl: 'http://127.0.0.1:9/sandbox',
  facebook: { appId: '1001', appSecret: 'fb-secret' },
  google: { clientId: 'c.apps.googleusercontent.com', clientSecret: 'g-secret' },
  seed: 7,
  stateFile,
});

describe('sandbox state file', () => {
  it('keeps users, ad accounts, invalidations, the clock and id streams across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'relink-sandbox-')), 'state.json');
    const first = createSandbox(options(file));
    const user = first.createUser({ provider: 'FACEBOOK', name: 'Dana' });
    const account = first.addAdAccount(user.userId, 'Spring sale');
    first.clock.advance(3600);
    await first.invalidate(user.userId, 'PASSWORD_CHANGED');
    await first.close();

    const second = createSandbox(options(file));
    const [restored] = second.listUsers();
    expect(restored).toMatchObject({ userId: user.userId, name: 'Dana' });
    expect(JSON.stringify(restored)).toContain(account.accountId);
    expect(JSON.stringify(restored)).toContain('PASSWORD_CHANGED');
    expect(second.clock.now().getTime() - Date.now()).toBeGreaterThan(3590_000);
    const next = second.createUser({ provider: 'FACEBOOK', name: 'Eli' });
    expect(next.userId).not.toBe(user.userId);
    await second.close();
  });

  it('refuses a broken state file with a message naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'relink-sandbox-')), 'state.json');
    writeFileSync(file, '{ not json');
    expect(() => createSandbox(options(file))).toThrow(/state\.json is not valid JSON.*delete it/);
  });
});
