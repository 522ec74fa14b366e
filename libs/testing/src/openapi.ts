import Ajv, { ValidateFunction } from 'ajv';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OpenApiDoc = any;

/**
 * Checks responses against an app's own OpenAPI document (its /docs-json): "responses match their schemas".
 * OpenAPI 3.0 schemas are JSON Schema plus `nullable`, which Ajv understands; `example(s)` are annotations.
 */
export class OpenApiResponses {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDoc) {
    this.ajv.addKeyword('example');
    this.ajv.addSchema({ $id: 'doc', components: rewriteRefs(doc.components) }, 'doc');
  }

  /** The documented path template a request URL falls under, e.g. `/api/schools/{id}/overview`. */
  pathOf(url: string): string | undefined {
    const path = url.split('?')[0];
    const candidates = Object.keys(this.doc.paths ?? {}).filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
    // a literal segment wins over a parameter (`/api/kpis/targets` over `/api/kpis/{id}`)
    return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
  }

  /** `check` for a request URL: finds its documented path first. */
  checkUrl(method: string, url: string, status: number, body: unknown): string[] {
    const path = this.pathOf(url);
    return path ? this.check(method, path, status, body) : [`${method} ${url} matches no documented path`];
  }

  /** The errors of `body` against the documented response of `method path` with this status ([] when it matches). */
  check(method: string, path: string, status: number, body: unknown): string[] {
    const operation = this.doc.paths?.[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not documented`];
    const response = operation.responses?.[String(status)] ?? operation.responses?.default;
    if (!response) return [`${method} ${path} does not document status ${status}`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return [`${method} ${path} ${status} has no response schema`];
    const key = `${method} ${path} ${status}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema) as object);
      this.cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
}

// `#/components/schemas/X` means the document's components; OpenAPI 3.0's `nullable` applies to the whole
// schema (also to an `allOf: [$ref]` beside it), which JSON Schema says as "null, or the schema"
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (schema && typeof schema === 'object') {
    const { nullable, ...rest } = schema as Record<string, unknown>;
    const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `doc${v}` : rewriteRefs(v)]));
    return nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
  }
  return schema;
}
