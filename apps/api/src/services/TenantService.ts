import type { RelinkDatabase } from '@relink/db';

export interface TenantRecord {
  id: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TenantService {
  constructor(private readonly database: RelinkDatabase) {}

  async findById(id: string): Promise<TenantRecord | null> {
    if (!UUID.test(id)) return null;
    const rows: TenantRecord[] = await this.database.dataSource.query('SELECT id, name FROM tenants WHERE id = $1', [id]);
    return rows[0] ?? null;
  }
}
