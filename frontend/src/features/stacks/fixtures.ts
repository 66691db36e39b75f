// Test data for the Stacks pages: a running stack of two services with a deployed revision, its
// stored variables (one secret), and a stack never deployed.
import type { StackDetail, StackRevision, StackSummary } from '../../shared/api/types';

export const COMPOSE = 'services:\n  web:\n    image: shop:1\n    environment:\n      MODE: ${MODE}\n  db:\n    image: pg:16\n';

export const revision = (n: number, over: Partial<StackRevision> = {}): StackRevision => ({
  revision: n, status: 'deployed', error: null, service: null, actor: 'vic', started_at: Date.now() - 60_000,
  finished_at: Date.now() - 50_000, compose: COMPOSE, env_file: null, ...over,
});

export const shop: StackDetail = {
  name: 'shop', source: 'rivetr', config_file: '/srv/rivetr/stacks/shop/compose.yaml', status: 'partial', running: 1,
  services: [
    { service: 'web', container: 'shop-web-1', id: 'c0ffee'.repeat(10) + 'abcd', image: 'shop:1', state: 'running', health: 'healthy' },
    { service: 'db', container: '', id: '', image: 'pg:16', state: 'missing', health: null },
  ],
  last_revision: revision(2), compose_file: 'compose.yaml', compose: COMPOSE, env_file: null,
  env: { API_KEY: { value: null, secret: true }, MODE: { value: 'prod', secret: false } }, deployed: revision(2),
};

export const blog: StackSummary = {
  name: 'blog', source: 'adopted', config_file: '/home/ops/blog/docker-compose.yml', status: 'not_deployed', running: 0,
  services: [{ service: 'app', container: '', id: '', image: 'blog:2', state: 'missing', health: null }], last_revision: null,
};
