import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookToken } from '../test-support/flows.js';
import { FB_APP, form, json, startHarness, type Harness } from '../test-support/harness.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../../../shared/fixtures/${name}`, import.meta.url), 'utf8'));

describe('Facebook Graph API', () => {
  let h: Harness;
  let userId: string;
  let token: string;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.sandbox.reset();
    userId = h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Grace Brewster Hopper', email: 'grace@example.com' }).userId;
    token = await facebookToken(h, userId);
  });

  const graph = (path: string) => h.call(`/facebook/v19.0${path}`);

  it('answers /me with the requested fields, email only with the email permission', async () => {
    expect(await json(await graph(`/me?fields=id,name,email,first_name,last_name&access_token=${token}`))).toEqual({
      id: userId,
      name: 'Grace Brewster Hopper',
      email: 'grace@example.com',
      first_name: 'Grace',
      last_name: 'Hopper',
    });
    const bearer = await h.call('/facebook/me', { headers: { authorization: `Bearer ${token}` } });
    expect(await json(bearer)).toEqual({ name: 'Grace Brewster Hopper', id: userId });
    const plain = h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Plain' }).userId;
    const noEmail = await facebookToken(h, plain, 'public_profile');
    expect(await json(await graph(`/me?fields=id,email&access_token=${noEmail}`))).toEqual({ id: plain });
    const unknown = await graph(`/me?fields=shoe_size&access_token=${token}`);
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (shoe_size) on node type (User)' });
  });

  it('pages /me/adaccounts with cursors and a next link', async () => {
    for (let i = 1; i <= 5; i += 1) h.sandbox.addAdAccount(userId, `Account ${i}`);
    const first = await json(await graph(`/me/adaccounts?fields=name,account_status&limit=2&access_token=${token}`));
    expect(first.data).toHaveLength(2);
    expect(first.data[0]).toMatchObject({ id: expect.stringMatching(/^act_\d+$/), name: 'Account 1', account_status: 1 });
    expect(first.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    const seen = [...first.data];
    let next: string | undefined = first.paging.next;
    while (next) {
      const page = await json(await fetch(next));
      seen.push(...page.data);
      next = page.paging.next;
    }
    expect(seen.map((a: { name: string }) => a.name)).toEqual(['Account 1', 'Account 2', 'Account 3', 'Account 4', 'Account 5']);
    const byDefault = await json(await graph(`/me/adaccounts?access_token=${token}`));
    expect(byDefault.data[0]).toEqual({ id: seen[0].id, account_id: seen[0].id.slice(4), name: 'Account 1', account_status: 1 });
    const node = await json(await graph(`/${seen[0].id}?fields=name,account_status&access_token=${token}`));
    expect(node).toEqual({ name: 'Account 1', account_status: 1 });
  });

  it('debug_token returns the documented field set', async () => {
    h.sandbox.addAdAccount(userId, 'Main');
    const res = await graph(`/debug_token?input_token=${token}&access_token=${FB_APP.appId}|${FB_APP.appSecret}`);
    expect(res.status).toBe(200);
    const { data } = await json(res);
    const documented = Object.keys(fixture('facebook-debug-token-valid.json').body.data);
    for (const key of documented) expect(data).toHaveProperty(key);
    expect(data).toMatchObject({ app_id: FB_APP.appId, type: 'USER', is_valid: true, user_id: userId });
    expect(data.scopes).toEqual(expect.arrayContaining(['public_profile', 'email', 'ads_read', 'ads_management']));
    expect(data.granular_scopes).toContainEqual({ scope: 'ads_read', target_ids: [expect.stringMatching(/^\d+$/)] });
    expect(data.expires_at - data.issued_at).toBe(3600);
    expect(data.data_access_expires_at - data.issued_at).toBe(90 * 86400);
    const badApp = await graph(`/debug_token?input_token=${token}&access_token=${FB_APP.appId}|wrong`);
    expect((await json(badApp)).error).toMatchObject({ code: 190, message: 'Invalid OAuth access token signature.' });
    const garbage = await json(await graph(`/debug_token?input_token=EAAnope&access_token=${FB_APP.appId}|${FB_APP.appSecret}`));
    expect(garbage.data).toMatchObject({ is_valid: false, error: { code: 190 } });
  });

  it('checks appsecret_proof when sent', async () => {
    const proof = createHmac('sha256', FB_APP.appSecret).update(token).digest('hex');
    expect((await graph(`/me?access_token=${token}&appsecret_proof=${proof}`)).status).toBe(200);
    const wrong = await graph(`/me?access_token=${token}&appsecret_proof=${'0'.repeat(64)}`);
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error).toMatchObject({ code: 100, message: 'Invalid appsecret_proof provided in the API argument' });
  });

  it('answers a batch of up to 50 calls and refuses 51', async () => {
    const other = await facebookToken(h, h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Other' }).userId);
    const batch = [
      { method: 'GET', relative_url: 'me?fields=id' },
      { method: 'GET', relative_url: `v19.0/me?fields=id&access_token=${other}` },
      { method: 'GET', relative_url: `debug_token?input_token=${token}&access_token=${FB_APP.appId}|${FB_APP.appSecret}` },
      { method: 'GET', relative_url: 'me?access_token=EAAbroken' },
    ];
    const res = await h.call('/facebook/v19.0/', form({ access_token: token, batch: JSON.stringify(batch) }));
    expect(res.status).toBe(200);
    const answers = await json(res);
    expect(answers).toHaveLength(4);
    expect(answers[0]).toMatchObject({ code: 200, headers: expect.arrayContaining([{ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' }]) });
    expect(JSON.parse(answers[0].body)).toEqual({ id: userId });
    expect(JSON.parse(answers[1].body).id).not.toBe(userId);
    expect(JSON.parse(answers[2].body).data.is_valid).toBe(true);
    expect(answers[3].code).toBe(400);
    expect(JSON.parse(answers[3].body).error).toMatchObject({ code: 190, type: 'OAuthException' });
    const appToken = `${FB_APP.appId}|${FB_APP.appSecret}`;
    const proof = createHmac('sha256', FB_APP.appSecret).update(appToken).digest('hex');
    const debugBatch = JSON.stringify([{ method: 'GET', relative_url: `debug_token?input_token=${encodeURIComponent(token)}` }]);
    const bare = await json(await h.call('/facebook/v19.0/', form({ access_token: appToken, appsecret_proof: proof, include_headers: 'false', batch: debugBatch })));
    expect(bare[0]).toEqual({ code: 200, body: expect.stringContaining('"is_valid":true') });
    const badProof = await json(await h.call('/facebook/v19.0/', form({ access_token: appToken, appsecret_proof: 'ab'.repeat(32), batch: debugBatch })));
    expect(JSON.parse(badProof[0].body).error).toMatchObject({ code: 100, message: 'Invalid appsecret_proof provided in the API argument' });
    const tooMany = Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: 'me' }));
    const refused = await h.call('/facebook/', form({ access_token: token, batch: JSON.stringify(tooMany) }));
    expect(refused.status).toBe(400);
    expect((await json(refused)).error).toMatchObject({ type: 'GraphBatchException', message: expect.stringContaining('Maximum batch size is 50') });
  });

  it('fails the next calls as injected: http500, rate limits with usage headers, timeouts', async () => {
    h.sandbox.addAdAccount(userId, 'Main');
    expect(await h.control('/faults', { provider: 'FACEBOOK', kind: 'http500', count: 1 })).toMatchObject({ status: 200 });
    const failed = await graph(`/me?access_token=${token}`);
    expect(failed.status).toBe(500);
    expect((await json(failed)).error).toMatchObject({ code: 2, is_transient: true });
    expect((await graph(`/me?access_token=${token}`)).status).toBe(200);

    h.sandbox.injectFault('FACEBOOK', 'rateLimit', 3);
    const user = await graph(`/me?access_token=${token}`);
    expect((await json(user)).error).toMatchObject({ code: 17, is_transient: true });
    const accounts = await graph(`/me/adaccounts?access_token=${token}`);
    expect((await json(accounts)).error).toMatchObject({ code: 80000 });
    expect(JSON.parse(accounts.headers.get('x-business-use-case-usage')!)).toBeTypeOf('object');
    const app = await graph(`/debug_token?input_token=${token}&access_token=${FB_APP.appId}|${FB_APP.appSecret}`);
    expect((await json(app)).error).toMatchObject({ code: 4, message: '(#4) Application request limit reached' });
    expect(JSON.parse(app.headers.get('x-app-usage')!)).toMatchObject({ call_count: 100 });

    h.sandbox.injectFault('FACEBOOK', 'timeout', 1);
    const started = Date.now();
    await expect(graph(`/me?access_token=${token}`).then(() => 'answered', () => 'gave up')).resolves.toBe('gave up');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await graph(`/me?access_token=${token}`)).status).toBe(200);
  });
});
