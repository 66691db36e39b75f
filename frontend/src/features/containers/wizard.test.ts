// The create wizard's checks and body: each step's field errors, the snake_case body a create
// sends (empty fields left out), an edit's (every shown field, so clearing clears), a container's
// config prefilling the form and coming back as the same body, and server fields mapped to steps.
import { describe, expect, it } from 'vitest';
import type { ContainerConfig } from '../../shared/api/types';
import { buildBody, emptyForm, fieldKey, formFromConfig, stepOf, validateAll, validateStep, type WizardForm } from './wizard';
import { joinWords, splitWords } from './words';

const form = (o: Partial<WizardForm> = {}): WizardForm => ({ ...emptyForm(), image: 'busybox:latest', ...o });

describe('wizard checks', () => {
  it('needs an image and a valid name on step 1', () => {
    expect(validateStep(form({ image: '' }), 0)).toEqual({ image: expect.stringMatching(/required/) });
    expect(validateStep(form({ name: '-bad' }), 0).name).toMatch(/starts with a letter/);
    expect(validateStep(form({ name: 'web_1.a-b' }), 0)).toEqual({});
  });
  it('checks commands, env names and ports on step 2', () => {
    expect(validateStep(form({ command: 'sh -c "echo hi' }), 1).command).toMatch(/unclosed/);
    expect(validateStep(form({ env: [{ key: 'A', value: '1' }, { key: 'A', value: '2' }] }), 1).env).toMatch(/A is set twice/);
    expect(validateStep(form({ env: [{ key: 'A=B', value: '1' }] }), 1).env).toMatch(/cannot contain =/);
    expect(validateStep(form({ ports: [{ container: '80', host: '70000', host_ip: '', protocol: 'tcp' }] }), 1).ports).toMatch(/Port 1: the host port/);
    expect(validateStep(form({ ports: [{ container: '', host: '', host_ip: '', protocol: 'tcp' }] }), 1).ports).toMatch(/container port/);
  });
  it('checks mounts, limits, labels, health check and the dangerous fields on step 3', () => {
    const e = validateStep(form({
      mounts: [{ type: 'bind', source: 'relative', target: '/data', read_only: false }],
      memory: '1m', cpus: 'lots', labels: [{ key: '', value: 'x' }],
      health: { kind: 'shell', test: 'true', interval: '30 seconds', timeout: '', start_period: '', retries: '' },
      cap_add: 'NET_ADMIN, 12', devices: 'fuse', network_mode: 'not a mode!',
    }), 2);
    expect(Object.keys(e).sort()).toEqual(['cap_add', 'cpus', 'devices', 'healthcheck', 'labels', 'memory', 'mounts', 'network_mode']);
    expect(e.mounts).toMatch(/bind mount's source must be an absolute path/);
    expect(e.memory).toMatch(/at least 6m/);
  });
  it("refuses labels under rivetr., which are Rivetr's own", () => {
    expect(validateStep(form({ labels: [{ key: 'rivetr.app', value: 'x' }] }), 2).labels).toMatch(/rivetr\. are Rivetr's own/);
  });
  it('refuses networks beside a host network mode', () => {
    const f = form({ network_mode: 'host', networks: [{ name: 'backend', aliases: '', ipv4_address: '', ipv6_address: '' }] });
    expect(validateStep(f, 2).networks).toMatch(/joins no other network/);
  });
  it('takes a network\'s own name as the network mode, as `docker run --network backend` sets it', () => {
    const f = form({ network_mode: 'backend', networks: [{ name: 'backend', aliases: 'web', ipv4_address: '', ipv6_address: '' }] });
    expect(validateStep(f, 2)).toEqual({});
    expect(validateStep(form({ network_mode: 'container:db' }), 2)).toEqual({});
  });
  it('names the first step with an error', () => {
    expect(validateAll(form())).toBeNull();
    expect(validateAll(form({ memory: 'x' }))?.step).toBe(2);
    expect(validateAll(form({ image: '', memory: 'x' }))?.step).toBe(0);
  });
});

describe('wizard body', () => {
  it('sends only what differs from the defaults on a create', () => {
    expect(buildBody(form(), 'create')).toEqual({ image: 'busybox:latest' });
    expect(buildBody(form({ start: false }), 'create')).toEqual({ image: 'busybox:latest', start: false });
  });
  it('sends the snake_case create vocabulary', () => {
    const body = buildBody(form({
      name: 'web', command: `sh -c 'echo hello world; sleep 60'`, env: [{ key: ' GREETING ', value: 'hi there' }],
      ports: [{ container: '8000', host: '', host_ip: '127.0.0.1', protocol: 'tcp' }], restart: 'on-failure', restart_retries: '3',
      mounts: [{ type: 'volume', source: 'data', target: '/data', read_only: true }, { type: 'tmpfs', source: 'x', target: '/tmp', read_only: false }],
      networks: [{ name: 'backend', aliases: 'api, web', ipv4_address: '', ipv6_address: '' }],
      memory: '512m', cpus: '0.5', labels: [{ key: 'tier', value: 'front' }], user: '1000:1000',
      health: { kind: 'shell', test: 'wget -q -O- localhost:8000', interval: '30s', timeout: '', start_period: '', retries: '3' },
      privileged: true, cap_add: 'NET_ADMIN SYS_TIME', devices: '/dev/fuse', pid_mode: 'host',
    }), 'create');
    expect(body).toEqual({
      name: 'web', image: 'busybox:latest', command: ['sh', '-c', 'echo hello world; sleep 60'], env: { GREETING: 'hi there' },
      ports: [{ container: 8000, host: 0, host_ip: '127.0.0.1', protocol: 'tcp' }], restart_policy: 'on-failure:3',
      mounts: [{ type: 'volume', source: 'data', target: '/data', read_only: true }, { type: 'tmpfs', source: '', target: '/tmp', read_only: false }],
      networks: [{ name: 'backend', aliases: ['api', 'web'], ipv4_address: '', ipv6_address: '' }],
      memory: '512m', cpus: 0.5, labels: { tier: 'front' }, user: '1000:1000',
      healthcheck: { test: ['CMD-SHELL', 'wget -q -O- localhost:8000'], interval: '30s', retries: 3 },
      privileged: true, cap_add: ['NET_ADMIN', 'SYS_TIME'], devices: ['/dev/fuse'], pid_mode: 'host',
    });
  });
  it('sends every shown field on an edit, so emptied ones are emptied', () => {
    const body = buildBody(form({ name: 'web' }), 'edit');
    expect(body).toMatchObject({ command: null, entrypoint: null, env: {}, ports: [], mounts: [], memory: 0, cpus: 0, healthcheck: null, privileged: false, restart_policy: 'no' });
    expect(body).not.toHaveProperty('start');
  });
  it('prefills from a container config and sends it back unchanged', () => {
    const config: ContainerConfig = {
      name: 'web', image: 'nginx:1.27', command: ['nginx', '-g', 'daemon off;'], entrypoint: null, env: { A: '1' },
      ports: [{ container: 80, host: 8080, host_ip: '', protocol: 'tcp' }], mounts: [{ type: 'bind', source: '/srv', target: '/usr/share/nginx/html', read_only: true }],
      networks: [{ name: 'front', aliases: ['www'], ipv4_address: '10.1.0.5', ipv6_address: '' }], restart_policy: 'unless-stopped',
      memory: 256 * 1024 * 1024, cpus: 1.5, labels: { tier: 'front', 'rivetr.app': '' }, user: '', cap_add: ['NET_ADMIN'], devices: [], privileged: false,
      network_mode: 'default', pid_mode: '', ipc_mode: '', security_opt: [],
      healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost/'], interval: '30s', timeout: '5s', start_period: '', retries: 3 },
    };
    const f = formFromConfig(config, 'local', 'web-copy');
    expect(f).toMatchObject({ name: 'web-copy', command: "nginx -g 'daemon off;'", memory: '256m', restart: 'unless-stopped', network_mode: '' });
    expect(f.health).toEqual({ kind: 'exec', test: 'curl -f http://localhost/', interval: '30s', timeout: '5s', start_period: '', retries: '3' });
    const body = buildBody(f, 'edit');
    expect(body).toMatchObject({ name: 'web-copy', command: config.command, env: config.env, ports: config.ports, mounts: config.mounts,
      networks: config.networks, restart_policy: 'unless-stopped', memory: '256m', cpus: 1.5, labels: { tier: 'front' }, cap_add: ['NET_ADMIN'],
      healthcheck: { test: config.healthcheck!.test, interval: '30s', timeout: '5s', retries: 3 } });
  });
});

describe('server fields and command lines', () => {
  it('maps a server error field to its body field and wizard step', () => {
    expect(fieldKey('ports[0].host')).toBe('ports');
    expect(fieldKey('env.A')).toBe('env');
    expect([stepOf('image'), stepOf('ports[1].host_ip'), stepOf('mounts[0].source'), stepOf('privileged'), stepOf('mystery')]).toEqual([0, 1, 2, 2, 0]);
  });
  it('splits quoted words and joins them back', () => {
    expect(splitWords(`sh -c "echo 'a b'" ''`)).toEqual(['sh', '-c', "echo 'a b'", '']);
    for (const w of [['a', 'b c', "it's", ''], ['echo', '"q"']]) expect(splitWords(joinWords(w))).toEqual(w);
  });
});
