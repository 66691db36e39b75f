// The volume routes' shapes, named for the Volumes pages: the server's own OpenAPI schemas (schema.gen.ts).
import type { components } from '../../shared/api/schema.gen';

type S = components['schemas'];

export type Volume = S['Volume'];
export type VolumeUser = S['VolumeUser'];
/** GET /api/volumes?host=: one host's volumes, or every host's (host '*') with the hosts that did not answer. */
export type VolumeList = S['VolumeList'];
export type VolumeDetail = S['VolumeDetail'];
export type VolumeCreateInput = S['VolumeCreateInput'];
export type VolumeCreated = S['VolumeCreated'];
export type VolumeRemoval = S['VolumeRemoval'];
/** POST /api/volumes/prune: a dry run's plan, or (dry_run false) what happened to each confirmed volume. */
export type VolumePrune = S['VolumePrune'];

