import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { googleTokens, refreshGoogle } from '../test-support/flows.js';
import { GOOGLE_CLIENT, startHarness, type Harness } from '../test-support/harness.js';

const EXPIRED_OR_REVOKED = { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
const DAY = 86_400;

describe('Google refresh-token lifetimes', () => {
  let h: Harness;
  let testing: Harness;
  let userId: string;
  beforeAll(async () => {
    h = await startHarness();
    testing = await startHarness({ google: { ...GOOGLE_CLIENT, testingMode: true } });
  });
  afterAll(async () => {
    await h.close();
    await testing.close();
  });
  beforeEach(() => {
    h.sandbox.reset();
    testing.sandbox.reset();
    userId = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Mary' }).userId;
  });

  it('a testing-mode client gets refresh tokens that die 7 days after issue', async () => {
    const id = testing.sandbox.createUser({ provider: 'GOOGLE', name: 'Tess' }).userId;
    const { refresh_token } = await googleTokens(testing, id);
    testing.sandbox.clock.advance(7 * DAY - 60);
    expect((await refreshGoogle(testing, refresh_token!)).status).toBe(200);
    testing.sandbox.clock.advance(120);
    expect(await refreshGoogle(testing, refresh_token!)).toEqual(EXPIRED_OR_REVOKED);
  });

  it('a published client keeps them past 7 days, but one unused for six months dies', async () => {
    const { refresh_token } = await googleTokens(h, userId);
    h.sandbox.clock.advance(30 * DAY);
    expect((await refreshGoogle(h, refresh_token!)).status).toBe(200);
    h.sandbox.clock.advance(181 * DAY);
    expect((await refreshGoogle(h, refresh_token!)).status).toBe(200);
    h.sandbox.clock.advance(183 * DAY);
    expect(await refreshGoogle(h, refresh_token!)).toEqual(EXPIRED_OR_REVOKED);
  });

  it('keeps 100 live refresh tokens per account and client; the 101st silently kills the oldest', async () => {
    const first = (await googleTokens(h, userId)).refresh_token!;
    const second = (await googleTokens(h, userId)).refresh_token!;
    for (let i = 0; i < 98; i += 1) await googleTokens(h, userId);
    expect((await refreshGoogle(h, first)).status).toBe(200);
    await googleTokens(h, userId);
    expect(await refreshGoogle(h, first)).toEqual(EXPIRED_OR_REVOKED);
    expect((await refreshGoogle(h, second)).status).toBe(200);
  });

  it('time-based access: refresh_token_expires_in at consent, then the grant ends', async () => {
    const id = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Timed', timeBasedAccessSeconds: 3 * DAY }).userId;
    const tokens = await googleTokens(h, id);
    expect(tokens.refresh_token_expires_in).toBe(3 * DAY);
    h.sandbox.clock.advance(DAY);
    expect((await refreshGoogle(h, tokens.refresh_token!)).body.refresh_token_expires_in).toBe(2 * DAY);
    h.sandbox.clock.advance(2 * DAY);
    expect(await refreshGoogle(h, tokens.refresh_token!)).toEqual(EXPIRED_OR_REVOKED);
  });
});
