import { ALNUM, URL_SAFE, type IdSource } from './ids.js';

/** Provider-shaped identifiers and secrets: they look like the real ones so a leak is as easy to spot. */
export function createMinter(ids: IdSource) {
  return {
    facebookUserId: () => `10${ids.digits('fb-user', 15)}`,
    facebookAdAccountId: () => ids.digits('fb-act', 15),
    facebookToken: () => `EAA${ids.chars('fb-token', 1, 'BCDGIJ')}${ids.chars('fb-token', 176)}`,
    facebookCode: () => `AQ${ids.chars('fb-code', 254, URL_SAFE)}`,
    googleSub: () => `1${ids.digits('g-sub', 20)}`,
    googleCustomerId: () => ids.digits('g-customer', 10),
    googleAccessToken: () => `ya29.a0${ids.chars('g-access', 156, URL_SAFE)}`,
    googleRefreshToken: () => `1//0${ids.chars('g-refresh', 1, 'cdefg')}${ids.chars('g-refresh', 98, URL_SAFE)}`,
    googleCode: () => `4/0A${ids.chars('g-code', 69, URL_SAFE)}`,
    jti: () => ids.bytes('jti', 16).toString('hex').toUpperCase(),
    fbtraceId: () => `A${ids.chars('trace', 22, `${ALNUM}_`)}`,
    requestId: () => ids.chars('request', 22, URL_SAFE),
  };
}

export type Minter = ReturnType<typeof createMinter>;
