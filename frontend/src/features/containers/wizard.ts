// The create wizard's form (also Clone with changes and Edit, prefilled from a container's config):
// the form's model, checks per step with an error per field, and the create body in the API's
// snake_case vocabulary. Error keys are the body's top-level fields, so a server error's `field`
// ("ports[0].host") lands on the same place as the client's own check.
import type { ContainerConfig, ContainerCreate } from '../../shared/api/types';
import type { KeyValueRow } from '../../shared/ui/KeyValueEditor';
import { joinWords, splitWords } from './words';

type Port = ContainerConfig['ports'][number];
type Mount = ContainerConfig['mounts'][number];
type Network = ContainerConfig['networks'][number];

export interface PortRow { container: string; host: string; host_ip: string; protocol: Port['protocol'] }
export interface MountRow { type: Mount['type']; source: string; target: string; read_only: boolean }
/** Aliases as typed (comma-separated); the static addresses are carried through unchanged. */
export interface NetworkRow { name: string; aliases: string; ipv4_address: string; ipv6_address: string }
export type HealthKind = 'image' | 'shell' | 'exec' | 'disable';
export interface HealthForm { kind: HealthKind; test: string; interval: string; timeout: string; start_period: string; retries: string }

export interface WizardForm {
  host: string; name: string; image: string; start: boolean;
  command: string; entrypoint: string; env: KeyValueRow[]; ports: PortRow[]; restart: string; restart_retries: string;
  mounts: MountRow[]; networks: NetworkRow[]; memory: string; cpus: string; labels: KeyValueRow[]; user: string;
  health: HealthForm; privileged: boolean; cap_add: string; devices: string; network_mode: string; pid_mode: string;
}

export type Errors = Record<string, string>;
export const STEPS = ['Image', 'Configuration', 'Advanced'] as const;

const STEP_FIELDS: readonly (readonly string[])[] = [
  ['host', 'name', 'image'],
  ['command', 'entrypoint', 'env', 'ports', 'restart_policy'],
  ['mounts', 'networks', 'memory', 'cpus', 'labels', 'user', 'healthcheck', 'privileged', 'cap_add', 'devices', 'network_mode', 'pid_mode', 'ipc_mode', 'security_opt'],
];

/** The top-level body field a server error names: "ports[0].host" → "ports", "env.A" → "env". */
export const fieldKey = (field: string) => field.split(/[.[]/)[0];
/** The wizard step (0-based) that shows a field; unknown fields go to the first. */
export function stepOf(field: string): number {
  const i = STEP_FIELDS.findIndex((fs) => fs.includes(fieldKey(field)));
  return i < 0 ? 0 : i;
}

export const emptyHealth: HealthForm = { kind: 'image', test: '', interval: '', timeout: '', start_period: '', retries: '' };
export const emptyForm = (host = 'local'): WizardForm => ({
  host, name: '', image: '', start: true, command: '', entrypoint: '', env: [], ports: [], restart: 'no', restart_retries: '',
  mounts: [], networks: [], memory: '', cpus: '', labels: [], user: '', health: emptyHealth, privileged: false,
  cap_add: '', devices: '', network_mode: '', pid_mode: '',
});

const MIB = 1 << 20;
/** Labels under rivetr. are Rivetr's own: the server sets them and refuses them in a body. */
const isReserved = (label: string) => label.startsWith('rivetr.');
const pairs = (o: Record<string, string>): KeyValueRow[] => Object.entries(o).map(([key, value]) => ({ key, value }));

function healthOf(h: ContainerConfig['healthcheck']): HealthForm {
  if (!h) return emptyHealth;
  const [kind, ...rest] = h.test;
  const base = { interval: h.interval, timeout: h.timeout, start_period: h.start_period, retries: h.retries ? String(h.retries) : '' };
  if (kind === 'NONE') return { ...emptyHealth, kind: 'disable' };
  return kind === 'CMD-SHELL' ? { kind: 'shell', test: rest.join(' '), ...base } : { kind: 'exec', test: joinWords(rest), ...base };
}

/** A container's config as the form: Edit shows it as it is, Clone with changes under a new name. */
export function formFromConfig(c: ContainerConfig, host: string, name = c.name): WizardForm {
  const [restart, retries] = c.restart_policy.split(':');
  return {
    host, name, image: c.image, start: true,
    command: c.command ? joinWords(c.command) : '', entrypoint: c.entrypoint ? joinWords(c.entrypoint) : '',
    env: pairs(c.env),
    ports: c.ports.map((p) => ({ container: String(p.container), host: p.host ? String(p.host) : '', host_ip: p.host_ip, protocol: p.protocol })),
    restart: restart || 'no', restart_retries: retries ?? '',
    mounts: c.mounts.map((m) => ({ ...m })),
    networks: c.networks.map((n) => ({ ...n, aliases: n.aliases.join(', ') })),
    memory: !c.memory ? '' : c.memory % MIB === 0 ? `${c.memory / MIB}m` : String(c.memory),
    cpus: c.cpus ? String(c.cpus) : '', labels: pairs(c.labels).filter((r) => !isReserved(r.key)), user: c.user, health: healthOf(c.healthcheck),
    privileged: c.privileged, cap_add: c.cap_add.join(', '), devices: c.devices.join(', '),
    network_mode: c.network_mode === 'default' ? '' : c.network_mode, pid_mode: c.pid_mode,
  };
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const IMAGE = /^[a-z0-9][a-z0-9._\-/:@]*$/i;
const IP = /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-f:]+)$/i;
const DURATION = /^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$/;
const CAPABILITY = /^(CAP_)?[A-Z_]+$/i;
const list = (s: string) => s.split(/[\s,]+/).filter(Boolean);

function checkWords(s: string, field: string, e: Errors) {
  try { splitWords(s); } catch (x) { e[field] = `${field}: ${(x as Error).message} quote`; }
}

function checkPairs(rows: KeyValueRow[], field: string, what: string, e: Errors) {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const k = r.key.trim();
    if (!k) e[field] ??= `${what} ${i + 1} has no name`;
    else if (field === 'env' && k.includes('=')) e[field] ??= `${what} ${k}: a name cannot contain =`;
    else if (field === 'labels' && isReserved(k)) e[field] ??= `${what} ${k}: labels under rivetr. are Rivetr's own`;
    else if (seen.has(k)) e[field] ??= `${what} ${k} is set twice`;
    seen.add(k);
  });
}

const portNumber = (s: string, lo: number) => /^[0-9]+$/.test(s) && Number(s) >= lo && Number(s) <= 65535;
function checkPorts(ports: PortRow[], e: Errors) {
  ports.forEach((p, i) => {
    const at = `Port ${i + 1}`;
    if (!portNumber(p.container.trim(), 1)) e.ports ??= `${at}: the container port must be a number from 1 to 65535`;
    else if (p.host.trim() && !portNumber(p.host.trim(), 0)) e.ports ??= `${at}: the host port must be a number from 0 to 65535`;
    else if (p.host_ip.trim() && !IP.test(p.host_ip.trim())) e.ports ??= `${at}: the host IP must be an IP address`;
  });
}

function checkMounts(mounts: MountRow[], e: Errors) {
  mounts.forEach((m, i) => {
    const at = `Mount ${i + 1}`;
    if (!m.target.startsWith('/')) e.mounts ??= `${at}: the target must be an absolute path in the container`;
    else if (m.type === 'bind' && !m.source.startsWith('/')) e.mounts ??= `${at}: a bind mount's source must be an absolute path on the host`;
    else if (m.type === 'volume' && m.source && !NAME.test(m.source)) e.mounts ??= `${at}: a volume's name uses letters, digits, _ . -`;
    else if (m.type === 'tmpfs' && m.source) e.mounts ??= `${at}: a tmpfs mount has no source`;
    else if ((m.source + m.target).split('/').includes('..')) e.mounts ??= `${at}: a path must not contain ..`;
  });
}

function checkLimits(f: WizardForm, e: Errors) {
  const mem = f.memory.trim().match(/^([0-9]{1,12})([bkmg]?)$/i);
  if (f.memory.trim() && !mem) e.memory = 'memory is a size such as 512m or 1g';
  else if (mem) {
    const bytes = Number(mem[1]) * ({ '': 1, b: 1, k: 1024, m: MIB, g: 1024 * MIB } as Record<string, number>)[mem[2].toLowerCase()];
    if (bytes !== 0 && bytes < 6 * MIB) e.memory = 'memory must be at least 6m (or empty: no limit)';
  }
  if (f.cpus.trim() && !(Number(f.cpus) >= 0 && Number(f.cpus) <= 1024)) e.cpus = 'CPUs is a number from 0 (no limit) to 1024, such as 0.5';
}

function checkAdvanced(f: WizardForm, e: Errors) {
  checkMounts(f.mounts, e);
  f.networks.forEach((n, i) => {
    if (!NAME.test(n.name.trim())) e.networks ??= `Network ${i + 1}: a network name uses letters, digits, _ . -`;
  });
  checkLimits(f, e);
  checkPairs(f.labels, 'labels', 'Label', e);
  const h = f.health;
  if ((h.kind === 'shell' || h.kind === 'exec') && !h.test.trim()) e.healthcheck = 'the health check needs a command';
  else if ([h.interval, h.timeout, h.start_period].some((d) => d.trim() && !DURATION.test(d.trim()))) e.healthcheck = 'durations look like 30s, 500ms or 1m';
  else if (h.retries.trim() && !/^[0-9]{1,4}$/.test(h.retries.trim())) e.healthcheck = 'retries is a whole number';
  if (h.kind === 'exec') checkWords(h.test, 'healthcheck', e);
  const badCap = list(f.cap_add).find((c) => !CAPABILITY.test(c));
  if (badCap) e.cap_add = `${badCap} is not a capability name (such as NET_ADMIN)`;
  const badDevice = list(f.devices).find((d) => !d.startsWith('/dev/'));
  if (badDevice) e.devices = `${badDevice}: a device is a path under /dev/`;
  // A network's own name is a mode too: `docker run --network backend` sets it, and such a container must stay editable.
  if (f.network_mode && !/^(container:)?[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(f.network_mode)) e.network_mode = 'network mode is bridge, host, none, container:<name> or a network\'s name';
  if (f.network_mode && /^(host|none|container:)/.test(f.network_mode) && f.networks.length) e.networks = `a container with network mode ${f.network_mode} joins no other network`;
}

/** The errors of one step (0, 1 or 2); an empty object when it is fine. */
export function validateStep(f: WizardForm, step: number): Errors {
  const e: Errors = {};
  if (step === 0) {
    if (!f.image.trim()) e.image = 'the image is required (such as nginx:1.27 or busybox)';
    else if (!IMAGE.test(f.image.trim()) || f.image.includes('..')) e.image = 'not an image reference';
    if (f.name.trim() && !NAME.test(f.name.trim())) e.name = 'a name starts with a letter or digit, then letters, digits, _ . -';
  } else if (step === 1) {
    checkWords(f.command, 'command', e);
    checkWords(f.entrypoint, 'entrypoint', e);
    checkPairs(f.env, 'env', 'Variable', e);
    checkPorts(f.ports, e);
    if (f.restart === 'on-failure' && f.restart_retries.trim() && !/^[0-9]{1,4}$/.test(f.restart_retries.trim())) e.restart_policy = 'retries is a whole number';
  } else {
    checkAdvanced(f, e);
  }
  return e;
}

/** The first step with an error and the errors, or null when the whole form is fine. */
export function validateAll(f: WizardForm): { step: number; errors: Errors } | null {
  for (let step = 0; step < STEPS.length; step++) {
    const errors = validateStep(f, step);
    if (Object.keys(errors).length) return { step, errors };
  }
  return null;
}

const object = (rows: KeyValueRow[]) => Object.fromEntries(rows.map((r) => [r.key.trim(), r.value]));

function healthBody(h: HealthForm): ContainerCreate['healthcheck'] {
  if (h.kind === 'image') return null;
  if (h.kind === 'disable') return { test: ['NONE'] } as unknown as ContainerCreate['healthcheck'];
  const out: Record<string, unknown> = { test: h.kind === 'shell' ? ['CMD-SHELL', h.test.trim()] : ['CMD', ...splitWords(h.test)] };
  for (const k of ['interval', 'timeout', 'start_period'] as const) if (h[k].trim()) out[k] = h[k].trim();
  if (h.retries.trim()) out.retries = Number(h.retries);
  return out as ContainerCreate['healthcheck'];
}

/**
 * The body of POST /api/containers (or of PUT for an edit). A create leaves out what is empty (the
 * image's defaults apply); an edit sends every field the wizard shows, so a field emptied here is
 * emptied on the container, and leaves out the rest (kept by the server).
 */
export function buildBody(f: WizardForm, mode: 'create' | 'edit'): ContainerCreate {
  const restart = f.restart === 'on-failure' && f.restart_retries.trim() ? `on-failure:${Number(f.restart_retries)}` : f.restart;
  const words = (s: string) => (s.trim() ? splitWords(s) : null);
  const body: ContainerCreate & Record<string, unknown> = {
    name: f.name.trim(), image: f.image.trim(), command: words(f.command), entrypoint: words(f.entrypoint),
    env: object(f.env), labels: object(f.labels), restart_policy: restart, user: f.user.trim(),
    ports: f.ports.map((p) => ({ container: Number(p.container), host: p.host.trim() ? Number(p.host) : 0, host_ip: p.host_ip.trim(), protocol: p.protocol })),
    mounts: f.mounts.map((m) => ({ type: m.type, source: m.type === 'tmpfs' ? '' : m.source.trim(), target: m.target.trim(), read_only: m.read_only })),
    networks: f.networks.map((n): Network => ({ name: n.name.trim(), aliases: list(n.aliases), ipv4_address: n.ipv4_address, ipv6_address: n.ipv6_address })),
    memory: f.memory.trim() || 0, cpus: f.cpus.trim() ? Number(f.cpus) : 0, healthcheck: healthBody(f.health),
    privileged: f.privileged, cap_add: list(f.cap_add), devices: list(f.devices), network_mode: f.network_mode, pid_mode: f.pid_mode,
  };
  if (mode === 'edit') return body;
  // A create says only what differs from the engine's defaults.
  const empty = (v: unknown) => v === '' || v === null || v === 0 || v === false || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v as object).length === 0);
  for (const k of Object.keys(body)) if (k !== 'image' && empty(body[k])) delete body[k];
  if (body.restart_policy === 'no') delete body.restart_policy;
  if (!f.start) body.start = false;
  return body;
}
