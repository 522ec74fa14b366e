import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';

/**
 * Renders a Kustomize overlay into its objects, for the deploy tests (no kustomize binary here). It covers
 * exactly the features deploy/ uses: resources (files and directories), namespace, images, replicas,
 * configMapGenerator (files), and strategic-merge patches (by the patch's kind/name, or a target of kind,
 * name and labelSelector). Anything else in a kustomization.yaml fails loudly, so the subset cannot drift
 * silently from what the manifests use. (kustomize also suffixes generated ConfigMap names with a hash.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: any };

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'replicas', 'configMapGenerator', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass']);

export function readYaml(file: string): K8sObject[] {
  return (loadAll(readFileSync(file, 'utf8')) as K8sObject[]).filter(Boolean);
}

export function render(dir: string): K8sObject[] {
  const k = readYaml(path.join(dir, 'kustomization.yaml'))[0];
  const unknown = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unknown.length) throw new Error(`${dir}/kustomization.yaml: ${unknown.join(', ')} not supported by tools/deploy/kustomize.ts`);
  let objects: K8sObject[] = [];
  for (const res of k.resources ?? []) {
    const p = path.join(dir, res);
    objects.push(...(statSync(p).isDirectory() ? render(p) : readYaml(p)));
  }
  for (const gen of k.configMapGenerator ?? []) {
    const data = Object.fromEntries((gen.files as string[]).map((f) => [path.basename(f), readFileSync(path.join(dir, f), 'utf8')]));
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: gen.name }, data });
  }
  for (const patch of k.patches ?? []) {
    const body = readYaml(path.join(dir, patch.path))[0];
    const t = patch.target ?? { kind: body.kind, name: body.metadata.name };
    const matches = objects.filter((o) => (!t.kind || o.kind === t.kind) && (!t.name || o.metadata.name === t.name) && labelsMatch(o, t.labelSelector));
    if (!matches.length) throw new Error(`${dir}: patch ${patch.path} matches nothing`);
    objects = objects.map((o) => (matches.includes(o) ? (merge(o, { ...body, metadata: { ...body.metadata, name: o.metadata.name } }) as K8sObject) : o));
  }
  for (const r of k.replicas ?? []) {
    const target = objects.find((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name === r.name);
    if (!target) throw new Error(`${dir}: replicas for unknown ${r.name}`);
    target.spec.replicas = r.count;
  }
  for (const img of k.images ?? []) {
    let used = false;
    for (const c of containersOf(objects)) {
      if (c.image.replace(/[:@].*$/, '') !== img.name) continue;
      c.image = `${img.newName ?? img.name}${img.newTag ? `:${img.newTag}` : ''}`;
      used = true;
    }
    if (!used) throw new Error(`${dir}: image ${img.name} is used by no container`);
  }
  if (k.namespace) for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  return objects;
}

function labelsMatch(o: K8sObject, selector?: string): boolean {
  if (!selector) return true;
  return selector.split(',').every((pair) => {
    const [key, value] = pair.split('=');
    return o.metadata.labels?.[key] === value;
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function containersOf(objects: K8sObject[]): any[] {
  return objects.flatMap((o) => {
    const pod = o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
    return pod ? [...(pod.initContainers ?? []), ...(pod.containers ?? [])] : [];
  });
}

/** Strategic merge, as Kubernetes does for these fields: maps merge, lists of named items merge by name, other lists are replaced. */
export function merge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch) && patch.every((p) => p && typeof p === 'object' && 'name' in p)) {
    const out = base.map((b) => {
      const p = patch.find((x) => x.name === (b as { name?: string }).name);
      return p ? merge(b, p) : b;
    });
    for (const p of patch) if (!base.some((b) => (b as { name?: string }).name === p.name)) out.push(p);
    return out;
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(patch)) out[key] = key in out ? merge(out[key], value) : value;
    return out;
  }
  return patch;
}
