import { describe, expect, it } from 'vitest';
import { fingerprintsOf } from './TenantFingerprints.js';

const tenant = (id: string, xmins: string, ids: string | null) => ({ tenant_id: id, xmins, ids });
const identity = (id: string, xmin: string) => ({ tenant_id: null, xmins: xmin, ids: id });

describe('fingerprintsOf', () => {
  it('does not depend on row order, and changes with any integration or identity row version', () => {
    const base = fingerprintsOf([tenant('t1', '{7,5,9}', '{i1,i2,i1}'), identity('i1', '3'), identity('i2', '4'), tenant('t2', '{8}', null)]);
    const shuffled = fingerprintsOf([identity('i2', '4'), tenant('t2', '{8}', null), tenant('t1', '{9,7,5}', '{i2,i1}'), identity('i1', '3')]);
    expect(shuffled).toEqual(base);
    expect(base.get('t1')).not.toBe(fingerprintsOf([tenant('t1', '{7,5,10}', '{i1,i2}'), identity('i1', '3'), identity('i2', '4')]).get('t1'));
    expect(base.get('t1')).not.toBe(fingerprintsOf([tenant('t1', '{7,5}', '{i1,i2}'), identity('i1', '3'), identity('i2', '4')]).get('t1'));
    expect(base.get('t1')).not.toBe(fingerprintsOf([tenant('t1', '{7,5,9}', '{i1,i2}'), identity('i1', '3'), identity('i2', '11')]).get('t1'));
    expect(base.get('t1')).not.toBe(fingerprintsOf([tenant('t1', '{7,5,9}', '{i1}'), identity('i1', '3')]).get('t1'));
    expect(base.get('t2')).toBe('8|');
    expect(base.has('t3')).toBe(false);
  });
});
