import { describe, expect, it } from 'vitest';
import { grantCoversAdAccount, isUnreachableObject } from './facebookGrantCoverage.js';

const debug = (granular: unknown) => ({ data: { is_valid: true, scopes: ['ads_read', 'ads_management'], granular_scopes: granular } });

describe('grantCoversAdAccount', () => {
  it('is true when an ads scope targets the account, false when the targets leave it out', () => {
    const body = debug([{ scope: 'ads_read', target_ids: ['111', '222'] }, { scope: 'email' }]);
    expect(grantCoversAdAccount(body, 'act_222')).toBe(true);
    expect(grantCoversAdAccount(body, 'act_333')).toBe(false);
    expect(grantCoversAdAccount(JSON.stringify(body), 'act_111')).toBe(true);
  });

  it('says nothing when the grant is not limited to some accounts, or the answer is odd', () => {
    expect(grantCoversAdAccount(debug([{ scope: 'ads_read' }, { scope: 'ads_management' }]), 'act_1')).toBeUndefined();
    expect(grantCoversAdAccount(debug(undefined), 'act_1')).toBeUndefined();
    expect(grantCoversAdAccount('not json', 'act_1')).toBeUndefined();
    expect(grantCoversAdAccount(null, 'act_1')).toBeUndefined();
  });
});

describe('isUnreachableObject', () => {
  it('recognises code 100 / subcode 33 only', () => {
    expect(isUnreachableObject({ error: { code: 100, error_subcode: 33, message: 'Unsupported get request.' } })).toBe(true);
    expect(isUnreachableObject({ error: { code: 100, message: 'Invalid parameter' } })).toBe(false);
    expect(isUnreachableObject({ error: { code: 190, error_subcode: 460 } })).toBe(false);
    expect(isUnreachableObject('text')).toBe(false);
  });
});
