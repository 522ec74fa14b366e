import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { getMetadataStorage } from 'class-validator';
import { load } from 'js-yaml';
import { Department, departmentOfSubject, streamFor, subjectPrefix } from '@district/contracts';
import { ON_EVENT } from '@district/messaging';
import { BaseEnv, HealthController, loadEnv } from '@district/service-kit';
import { APPS } from '../start/apps';
import { K8sObject, render } from './kustomize';
import { JETSTREAM_SETTINGS, NATS_SERVICES, renderAuthConf, renderDeclarations } from './topology';

/**
 * The deployment files hold what the apps actually use (ADR 0022): every manifest is valid against the
 * Kubernetes schemas, and every image, port, probe path, environment variable, NATS user, stream and
 * consumer matches the code. Renaming a variable, moving a port or adding a consumer without the
 * deployment files fails here.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DEPLOY = path.join(ROOT, 'deploy');
/** DESIGN.md section 1: the public ports, for departments whose code is not on this branch yet */
const DESIGN_PORTS: Record<string, number> = { gateway: 3000, enrollment: 3001, transportation: 3002, food: 3003, facilities: 3004, technology: 3005, 'labor-relations': 3006 };
const SECRET_VARIABLES = ['DATABASE_URL', 'NATS_PASSWORD', 'JWT_SECRET'];

const overlays = { dev: render(path.join(DEPLOY, 'k8s/overlays/dev')), production: render(path.join(DEPLOY, 'k8s/overlays/production')) };
/** YAML merge keys (`<<: *anchor`), as docker compose applies them */
function resolveMerges(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(resolveMerges);
  if (!v || typeof v !== 'object') return v;
  const { '<<': base, ...rest } = v as Record<string, unknown>;
  const merged = [base ?? []].flat().reduce<Record<string, unknown>>((acc, b) => ({ ...acc, ...(resolveMerges(b) as object) }), {});
  for (const [k, val] of Object.entries(rest)) merged[k] = resolveMerges(val);
  return merged;
}
const find = (objs: K8sObject[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
const appRoot = (name: string) => (name === 'gateway' ? 'gateway' : `services/${name}`);

/** The app's settings class (services/<name>/src/config.ts), BaseEnv when it has none. */
function envClassOf(name: string): new () => BaseEnv {
  const file = path.join(ROOT, appRoot(name), 'src/config.ts');
  if (!existsSync(file)) return BaseEnv;
  const mod = require(file) as Record<string, unknown>;
  const cls = Object.values(mod).find((v) => typeof v === 'function' && v.prototype instanceof BaseEnv);
  return (cls as new () => BaseEnv) ?? BaseEnv;
}
function envVariablesOf(cls: new () => BaseEnv): Set<string> {
  return new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName));
}

/** The environment a container gets: ConfigMap keys (envFrom) and env entries (values or references). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function containerEnv(objs: K8sObject[], container: any): Map<string, { value?: string; secret?: string }> {
  const env = new Map<string, { value?: string; secret?: string }>();
  for (const from of container.envFrom ?? []) {
    const cm = find(objs, 'ConfigMap', from.configMapRef?.name);
    if (from.configMapRef) expect(cm).toBeDefined();
    for (const [k, v] of Object.entries(cm?.data ?? {})) env.set(k, { value: String(v) });
  }
  for (const e of container.env ?? []) env.set(e.name, e.valueFrom?.secretKeyRef ? { secret: `${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}` } : { value: e.value });
  return env;
}

describe('deployment files', () => {
  it('NATS users and JetStream declarations are the ones rendered from tools/deploy/topology.ts', () => {
    expect(readFileSync(path.join(DEPLOY, 'nats/auth.conf'), 'utf8')).toBe(renderAuthConf());
    const rendered = renderDeclarations();
    const onDisk = ['streams', 'consumers'].flatMap((sub) => readdirSync(path.join(DEPLOY, 'nats/jetstream', sub)).map((f) => `${sub}/${f}`));
    expect(onDisk.sort()).toEqual(Object.keys(rendered).sort());
    for (const file of onDisk) expect(JSON.parse(readFileSync(path.join(DEPLOY, 'nats/jetstream', file), 'utf8'))).toEqual(rendered[file]);
  });

  it.each(Object.keys(overlays))('every object of the %s overlay is valid against the Kubernetes schemas', (overlay) => {
    const objs = overlays[overlay as keyof typeof overlays];
    const out = execFileSync(process.execPath, [path.join(__dirname, 'validate-k8s.mjs')], { input: JSON.stringify(objs), cwd: ROOT }).toString();
    expect(JSON.parse(out)).toEqual([]);
    const names = objs.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]); // secrets are referenced, never stored here
  });

  it('the schema check does catch a broken manifest', () => {
    const broken = structuredClone(find(overlays.production, 'Deployment', 'transportation')!);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    const out = execFileSync(process.execPath, [path.join(__dirname, 'validate-k8s.mjs')], { input: JSON.stringify([broken]), cwd: ROOT }).toString();
    expect(JSON.parse(out)).toEqual([expect.stringContaining('containerPort must be integer')]);
  });

  const names = Object.keys(DESIGN_PORTS);
  it('every app npm start runs has manifests', () => {
    for (const app of APPS) expect(names).toContain(app.name);
  });

  describe.each(names)('%s', (name) => {
    const app = APPS.find((a) => a.name === name);
    const port = app?.port ?? DESIGN_PORTS[name];
    // every app has its own database; the gateway's holds only the FERPA access log and KPI targets (ADR 0026)
    const hasDatabase = true;
    const envClass = envClassOf(name);
    const known = envVariablesOf(envClass);

    it.each(Object.entries(overlays))('%s: image, port, probes, environment and security match the app', (overlay, objs) => {
      const deployment = find(objs, 'Deployment', name)!;
      expect(deployment).toBeDefined();
      const pod = deployment.spec.template.spec;
      const [c] = pod.containers;
      expect(c.image).toMatch(new RegExp(`(^|/)district/${name}(:|$)`));
      expect(c.ports).toEqual([{ name: 'http', containerPort: port }]);
      const service = find(objs, 'Service', name)!;
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);

      // probes on the paths the health controller serves
      const healthRoutes = Object.getOwnPropertyNames(HealthController.prototype)
        .map((m) => Reflect.getMetadata(PATH_METADATA, (HealthController.prototype as unknown as Record<string, object>)[m]))
        .filter(Boolean)
        .map((p) => `/${Reflect.getMetadata(PATH_METADATA, HealthController)}/${p}`);
      expect(healthRoutes).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });

      const env = containerEnv(objs, c);
      for (const key of env.keys()) expect({ key, known: known.has(key) }).toEqual({ key, known: true });
      expect(env.get('PORT')).toEqual({ value: String(port) });
      expect(env.get('NATS_USER')).toEqual({ value: name });
      expect(env.get('NATS_PROVISION')).toEqual({ value: 'false' });
      for (const key of SECRET_VARIABLES) if (env.has(key)) expect({ key, ...env.get(key) }).toEqual({ key, secret: expect.any(String) });
      expect(env.has('DATABASE_URL')).toBe(hasDatabase);
      // the settings pass the app's own boot-time validation (secrets replaced by stand-ins)
      const raw = Object.fromEntries([...env].map(([k, v]) => [k, v.value ?? (k === 'DATABASE_URL' ? `postgres://${name}:x@db:5432/district_x` : 'stand-in-secret-value-of-at-least-32-chars')]));
      const settings = loadEnv(envClass, raw);
      expect(settings.NODE_ENV).toBe('production');

      // drains before it is killed; non-root, read-only root filesystem, bounded resources
      expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(settings.SHUTDOWN_GRACE_MS + 5000);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(c.resources.requests).toBeDefined();
      expect(c.resources.limits).toBeDefined();

      const pdb = find(objs, 'PodDisruptionBudget', name)!;
      expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      const hpa = find(objs, 'HorizontalPodAutoscaler', name)!;
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      if (overlay === 'production') {
        expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
        expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      }

      const job = find(objs, 'Job', `${name}-migrate`);
      expect(!!job).toBe(hasDatabase);
      if (job) {
        const [m] = job.spec.template.spec.containers;
        expect(m.image).toBe(c.image);
        expect(m.command).toEqual(['node', 'dist/main.js', '--migrate']);
        loadEnv(envClass, Object.fromEntries([...containerEnv(objs, m)].map(([k, v]) => [k, v.value ?? raw[k]])));
      }
    });

    it('its NATS user, consumers and request subjects cover what its code subscribes to', () => {
      const svc = NATS_SERVICES.find((s) => s.name === name)!;
      expect(svc).toBeDefined();
      expect(renderAuthConf()).toContain(`user: "${name}"`);
      const modulePath = path.join(ROOT, appRoot(name), 'src/app.module.ts');
      if (!existsSync(modulePath) || name === 'gateway') return; // department not on this branch yet
      const { AppModule } = require(modulePath);
      const classes: Function[] = [...(Reflect.getMetadata('controllers', AppModule) ?? []), ...(Reflect.getMetadata('providers', AppModule) ?? [])].filter((p) => typeof p === 'function'); // eslint-disable-line @typescript-eslint/no-unsafe-function-type
      const consumed = new Set<Department>();
      const patterns: string[] = [];
      for (const cls of classes) {
        for (const m of Object.getOwnPropertyNames(cls.prototype)) {
          // a getter's value is not a handler (and reading it on the prototype would run it)
          const fn = Object.getOwnPropertyDescriptor(cls.prototype, m)?.value;
          if (typeof fn !== 'function') continue;
          const def = Reflect.getMetadata(ON_EVENT, fn);
          if (def) consumed.add(departmentOfSubject(def.subject)!);
          for (const p of Reflect.getMetadata(PATTERN_METADATA, fn) ?? []) patterns.push(String(p));
        }
      }
      const declared = Object.values(renderDeclarations()) as { stream_name?: string; config?: { durable_name: string; max_deliver: number } }[];
      for (const dept of consumed) {
        const consumer = declared.find((d) => d.stream_name === streamFor(dept).name && d.config?.durable_name === name);
        expect({ dept, declared: !!consumer }).toEqual({ dept, declared: true });
        // the service dead-letters an event itself before the server stops delivering it
        expect(consumer!.config!.max_deliver).toBeGreaterThan(new (envClass as new () => BaseEnv)().CONSUMER_MAX_DELIVER);
      }
      for (const p of patterns) expect(p.startsWith(`${subjectPrefix(svc.department!)}.`)).toBe(true);
    });
  });

  it('production runs a three-node NATS cluster and provisions every stream with three replicas', () => {
    const prod = overlays.production;
    expect(find(prod, 'StatefulSet', 'nats')!.spec.replicas).toBe(3);
    expect(find(prod, 'StatefulSet', 'nats')!.spec.template.spec.containers[0].args).toEqual(['-c', '/etc/nats/nats-cluster.conf']);
    const provision = find(prod, 'Job', 'nats-provision')!.spec.template.spec.containers[0];
    expect(provision.env).toContainEqual({ name: 'STREAM_REPLICAS', value: '3' });
    for (const [file, body] of Object.entries(renderDeclarations())) {
      if (!file.startsWith('streams/')) continue;
      expect(body).toMatchObject({ storage: 'file', num_replicas: 3 });
      if ((body as { name: string }).name.startsWith('EVT_')) expect((body as { duplicate_window: number }).duplicate_window).toBeGreaterThanOrEqual(120e9);
    }
    expect(JETSTREAM_SETTINGS.maxDeliver).toBeGreaterThan(0);
    for (const conf of ['nats.conf', 'nats-cluster.conf']) expect(readFileSync(path.join(DEPLOY, 'nats', conf), 'utf8')).toMatch(/^\s*sync_interval: always$/m);
    // the NATS server and the Postgres init Job run the files in this repository
    expect(Object.keys(find(prod, 'ConfigMap', 'nats-config')!.data).sort()).toEqual(['auth.conf', 'nats-cluster.conf', 'nats.conf']);
    expect(find(prod, 'ConfigMap', 'postgres-init')!.data['init.sh']).toBe(readFileSync(path.join(DEPLOY, 'postgres/init.sh'), 'utf8'));
  });

  it('every app image is built the same way and docker compose runs the same images and configuration', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/nx run .*:build/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const compose = resolveMerges(load(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'))) as { services: Record<string, any> };
    for (const app of APPS) {
      const svc = compose.services[app.name];
      expect({ app: app.name, present: !!svc }).toEqual({ app: app.name, present: true });
      expect(svc.build.args.APP).toBe(appRoot(app.name));
      expect(svc.environment.PORT).toBe(String(app.port));
      expect(svc.environment.NATS_USER).toBe(app.name);
      expect(svc.environment.NATS_PROVISION).toBe('false');
      for (const key of Object.keys(svc.environment)) expect({ key, known: envVariablesOf(envClassOf(app.name)).has(key) }).toEqual({ key, known: true });
    }
    const natsVolumes: string[] = compose.services.nats.volumes;
    expect(natsVolumes).toEqual(expect.arrayContaining(['./deploy/nats/nats.conf:/etc/nats/nats.conf:ro', './deploy/nats/auth.conf:/etc/nats/auth.conf:ro']));
    expect(compose.services.postgres.volumes).toContain('./deploy/postgres/init.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro');
    expect(compose.services.provision.build.args.APP).toBe('tools/provision');
  });
});
