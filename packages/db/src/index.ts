export type { DatabaseConfig, DatabaseKind, RelinkDatabase, SqlResult, Unlisten } from './relink-database.js';
export { createDatabase } from './create-database.js';
export { createTestDatabase, TEST_DATABASE_URL_VARIABLE } from './test-support/create-test-database.js';
export { MIGRATIONS } from './migrations/index.js';
export { ENTITIES } from './entities/index.js';
export { BaseEntity } from './entities/base.entity.js';
export { Tenant } from './entities/tenant.entity.js';
export { ApiKey } from './entities/api-key.entity.js';
export { StaffUser } from './entities/staff-user.entity.js';
