import { OpenApiResponses } from './openapi';

const doc = {
  paths: {
    '/api/things/{id}': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } } },
    '/api/things/special': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } } } },
  },
  components: {
    schemas: {
      Owner: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      Thing: {
        type: 'object',
        properties: { count: { type: 'integer', example: 3 }, ratio: { type: 'number', nullable: true }, owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] } },
        required: ['count', 'ratio', 'owner'],
      },
    },
  },
};

describe('OpenApiResponses', () => {
  const schemas = new OpenApiResponses(doc);

  it('accepts a body that matches, nulls included where the document allows them', () => {
    expect(schemas.checkUrl('GET', '/api/things/7?x=1', 200, { count: 3, ratio: null, owner: null })).toEqual([]);
    expect(schemas.checkUrl('GET', '/api/things/7', 200, { count: 3, ratio: 0.5, owner: { name: 'Ana' } })).toEqual([]);
  });

  it('names what does not match', () => {
    expect(schemas.checkUrl('GET', '/api/things/7', 200, { count: 'three', ratio: null, owner: {} })).toEqual(
      expect.arrayContaining(['/count must be integer', "/owner must have required property 'name'"]),
    );
    expect(schemas.checkUrl('GET', '/api/things/7', 404, {})).toEqual(['GET /api/things/{id} does not document status 404']);
    expect(schemas.checkUrl('GET', '/api/nothing', 200, {})).toEqual(['GET /api/nothing matches no documented path']);
  });

  it('prefers a literal path to a template', () => {
    expect(schemas.pathOf('/api/things/special')).toBe('/api/things/special');
  });
});
