import type { Role } from './roles';

/** Who is calling: a token's holder, or the anonymous local reader. */
export interface Caller {
  /** token name (audit trail), or `anonymous` */
  name: string;
  /** id of the API token (logs and metrics; never the token itself); absent for anonymous */
  tokenId?: number;
  role: Role | 'ANONYMOUS';
  /** ids of the units the caller may see (a subtree); null: every unit */
  scope: ReadonlySet<number> | null;
}
