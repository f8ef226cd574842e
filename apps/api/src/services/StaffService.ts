import { randomUUID } from 'node:crypto';
import { StaffUser, type RelinkDatabase } from '@relink/db';
import { IsNull } from 'typeorm';
import { STAFF_TOKEN_PREFIX, randomSecret, sameSecret, sha256Hex } from '../auth/secrets.js';
import { badInput, RelinkError } from '../graphql/errors.js';
import { isUuid } from '../graphql/ids.js';
import type { Viewer } from '../graphql/viewer.js';
import type { AuditService } from './AuditService.js';

export interface StaffRecord {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface CreatedStaffToken {
  staff: StaffRecord;
  /** The bearer token: shown once, only its sha256 is kept. */
  token: string;
}

/** The bootstrap admin (RELINK_ADMIN_TOKEN) is a staff member without a row. */
export const BOOTSTRAP_STAFF: StaffRecord = { id: 'bootstrap', name: 'Bootstrap admin', email: '', createdAt: new Date(0), disabledAt: null };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const toRecord = (row: StaffUser): StaffRecord => ({ id: row.id, name: row.name, email: row.email, createdAt: row.createdAt, disabledAt: row.disabledAt });

/** Support-staff bearer tokens: the bootstrap one from config, plus StaffUser rows with hashed tokens. */
export class StaffService {
  constructor(
    private readonly database: RelinkDatabase,
    private readonly adminToken: string | undefined,
    private readonly audit: AuditService,
  ) {}

  /** Whether `token` is the bootstrap RELINK_ADMIN_TOKEN (compared in constant time). */
  isBootstrapToken(token: string): boolean {
    return this.adminToken !== undefined && sameSecret(token, this.adminToken);
  }

  /** The staff member a token belongs to, or null. */
  async verify(token: string): Promise<StaffRecord | null> {
    if (this.isBootstrapToken(token)) return BOOTSTRAP_STAFF;
    if (!token.startsWith(STAFF_TOKEN_PREFIX)) return null;
    const row = await this.database.dataSource.getRepository(StaffUser).findOneBy({ tokenHash: sha256Hex(token), disabledAt: IsNull() });
    return row ? toRecord(row) : null;
  }

  /** A new staff member with a fresh token. Without an email, a unique placeholder is recorded. */
  async createToken(viewer: Viewer, name: string, email?: string | null): Promise<CreatedStaffToken> {
    const clean = name.trim();
    if (clean.length < 1 || clean.length > 200) throw badInput('The staff name must be 1 to 200 characters.', 'name');
    const address = email?.trim() || `staff-${randomUUID()}@staff.relink.invalid`;
    if (!EMAIL.test(address)) throw badInput(`"${address}" is not an email address.`, 'email');
    const repo = this.database.dataSource.getRepository(StaffUser);
    const taken = await repo.createQueryBuilder('s').where('lower(s.email) = lower(:address)', { address }).getExists();
    if (taken) throw new RelinkError('CONFLICT', `A staff member with the email "${address}" already exists; disable it first or use another address.`);
    const token = randomSecret(STAFF_TOKEN_PREFIX, 24);
    const row = await this.database.dataSource.transaction(async (em) => {
      const saved = await em.getRepository(StaffUser).save(em.getRepository(StaffUser).create({ name: clean, email: address, tokenHash: sha256Hex(token), disabledAt: null }));
      await this.audit.record(viewer, { action: 'staff.create', targetType: 'staff_user', targetId: saved.id, detail: { name: clean, email: address } }, em);
      return saved;
    });
    return { staff: toRecord(row), token };
  }

  async list(): Promise<StaffRecord[]> {
    const rows = await this.database.dataSource.getRepository(StaffUser).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toRecord);
  }

  /** Disables a staff member's token at once. */
  async disable(viewer: Viewer, id: string): Promise<StaffRecord | null> {
    if (!isUuid(id)) return null;
    const repo = this.database.dataSource.getRepository(StaffUser);
    const row = await repo.findOneBy({ id });
    if (!row) return null;
    if (!row.disabledAt) {
      row.disabledAt = new Date();
      await this.database.dataSource.transaction(async (em) => {
        await em.getRepository(StaffUser).update({ id }, { disabledAt: row.disabledAt });
        await this.audit.record(viewer, { action: 'staff.disable', targetType: 'staff_user', targetId: id, detail: { name: row.name } }, em);
      });
    }
    return toRecord(row);
  }
}
