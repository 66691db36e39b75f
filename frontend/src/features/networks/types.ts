// The network routes' shapes, named for the Networks pages: the server's own OpenAPI schemas (schema.gen.ts).
import type { components } from '../../shared/api/schema.gen';

type S = components['schemas'];

export type Network = S['Network'];
export type NetworkContainer = S['NetworkContainer'];
/** GET /api/networks?host=: one host's networks, or every host's (host '*') with the hosts that did not answer. */
export type NetworkList = S['NetworkList'];
export type NetworkCreate = S['NetworkCreateInput'];
export type NetworkConnect = S['NetworkConnectInput'];
export type NetworkConnectResult = S['NetworkConnectResult'];
export type NetworkRemoval = S['NetworkRemoval'];
/** POST /api/networks/prune: a dry run's plan, or (dry_run false) what happened to each confirmed network. */
export type NetworkPrune = S['NetworkPrune'];

