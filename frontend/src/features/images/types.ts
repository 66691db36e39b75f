// The image routes' shapes, named for the Images page: the server's own OpenAPI schemas (schema.gen.ts).
import type { components } from '../../shared/api/schema.gen';

type S = components['schemas'];

export type Image = S['Image'];
/** GET /api/images?host=: one host's images, or every host's (host '*') with the hosts that did not answer. */
export type ImageList = S['ImageList'];
export type DiskUsage = S['DiskUsage'];
export type DiskUsageLine = S['DiskUsageLine'];
export type ImageLayer = S['ImageLayer'];
export type ImageHistory = S['ImageHistory'];
export type ImageRemoval = S['ImageRemoval'];
/** POST /api/images/prune: a dry run's plan, or (dry_run false) what happened to each planned image. */
export type ImagePrune = S['ImagePrune'];
export type PruneMode = S['ImagePruneInput']['mode'];
/** The data of a `progress` event of POST /api/images/pull. */
export type PullProgress = S['ImagePullProgress'];
/** The data of the `done` event that ends a pull. */
export type PullResult = S['ImagePullResult'];

