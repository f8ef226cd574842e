import { ApiKey } from './api-key.entity.js';
import { StaffUser } from './staff-user.entity.js';
import { Tenant } from './tenant.entity.js';

/** Every entity class, in the order the DataSource registers them. */
export const ENTITIES = [Tenant, ApiKey, StaffUser];
