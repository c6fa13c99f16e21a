// The shape of a seeded person (people.ts, and the cadres of cadres.ts, which people.ts lists too).
import type { Role } from '../../../workflows/common/roles';

export interface RoleSeed {
  role: Role;
  orgId: string;
}

export interface PersonSeed {
  id: string;
  /** Chinese name, as stored. */
  name: string;
  /** Post held, for readers of the data (not stored). */
  title: string;
  roles: RoleSeed[];
}
