// The shapes the control API returns (CONTRACT.md and the session's API additions).

export interface HealthCheck {
  type: string;
  path: string;
  interval_ms: number;
  timeout_ms: number;
  retries: number;
  start_period_ms: number;
}

export interface App {
  id: string;
  name: string;
  git_url: string; // never with credentials: the server splits them off
  has_git_credentials?: boolean; // credentials are write-only (git_credentials / https://user:token@ on create)
  branch: string;
  port: number;
  domains: string[];
  build_type: string;
  dockerfile_path: string;
  base_dir: string;
  build_target: string;
  healthcheck: HealthCheck;
  resources: { memory_limit_bytes: number | null; cpu_limit_millis: number | null };
  live_deployment_id: string | null;
  /** Stopped by a user: the container is down and the domains answer 503 until start or a deploy. */
  stopped?: boolean;
  created_at: string;
  updated_at: string;
  webhook_secret?: string;
}

export type DeploymentStatus =
  | 'pending' | 'cloning' | 'building' | 'starting' | 'checking' | 'switching' | 'running'
  | 'failed' | 'cancelled' | 'replaced' | 'rolled_back' | string;

export interface Deployment {
  id: string;
  app_id: string;
  status: DeploymentStatus;
  trigger: string;
  requested_commit: string | null;
  commit_sha: string | null;
  commit_message: string | null;
  commit_author: string | null;
  image: string | null;
  rollback_of: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** GET /api/deployments?latest_per_app=1 and ?limit=N. */
export interface DeploymentList {
  deployments: Deployment[];
}

export type CertificateState = 'valid' | 'renewing' | 'expired' | 'pending' | 'failed' | 'wildcard' | 'none' | string;

export interface Certificate {
  domain: string;
  state: CertificateState;
  not_after: string | null;
  error: string | null;
  retry_at: string | null;
}

/** GET /api/apps/{id}/certificates: one entry per app domain. */
export interface Certificates {
  tls: boolean;
  acme: boolean;
  certificates: Certificate[];
}

/** POST /api/auth/totp/setup: a pending secret, active once a code proves the authenticator has it. */
export interface TotpSetup {
  secret: string;
  otpauth_uri: string;
}

export interface LogLine {
  id?: number;
  ts: number | string;
  stream: string;
  line: string;
}

export interface EnvVar {
  key: string;
  value: string;
  secret: boolean;
  build_time: boolean;
  updated_at?: string;
}

export interface SystemInfo {
  version: string;
  runtime: { kind: string; version: string; ok: boolean };
  host: {
    cpus: number;
    cpu_percent: number;
    load_avg: number[];
    memory_total_bytes: number;
    memory_used_bytes: number;
    disk_total_bytes: number;
    disk_free_bytes: number;
  };
  apps: number;
  deployments_active: number;
}

/** Who minted a token: a user (it ends with their access) or the instance admin token. */
export interface TokenOwner {
  type: 'user' | 'admin_token';
  user_id: string | null;
  name: string;
}

export interface Token {
  id: string;
  name: string;
  prefix: string;
  role: string;
  /** null for tokens minted before owners were recorded */
  owner: TokenOwner | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  token?: string;
}

export interface User {
  id: string;
  username: string;
  role: string;
  totp_enabled?: boolean;
  disabled?: boolean;
}

export interface Me {
  actor_type: string;
  name: string;
  role: string;
  user?: User;
  csrf_token?: string;
}

export interface AuditEntry {
  id: number;
  ts: string;
  actor_type: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  details: Record<string, unknown>;
  request_id: string;
  ip: string;
}

export const TERMINAL: ReadonlySet<string> = new Set(['running', 'failed', 'cancelled', 'replaced', 'rolled_back']);
export const IN_PROGRESS: ReadonlySet<string> = new Set(['pending', 'cloning', 'building', 'starting', 'checking', 'switching']);
