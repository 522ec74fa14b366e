import { createEnvelope, defineEvent, InvalidEnvelopeError, parseEnvelope } from './envelope';
import { departmentOfSubject, streamFor } from './streams';

const Enrolled = defineEvent<{ studentId: string }>('enrollment', 'student', 'enrolled', 1);

describe('event envelope', () => {
  it('names subjects evt.<department>.<entity>.<past-tense>.v<N>', () => {
    expect(Enrolled).toEqual({ type: 'enrollment.student.enrolled', version: 1, subject: 'evt.enrollment.student.enrolled.v1' });
    expect(departmentOfSubject(Enrolled.subject)).toBe('enrollment');
    expect(departmentOfSubject('evt.labor.contract.ratified.v1')).toBe('labor-relations');
    expect(streamFor('labor-relations')).toEqual({ department: 'labor-relations', name: 'EVT_LABOR_RELATIONS', subjects: ['evt.labor.>'] });
  });

  it('carries id, type, version, time, source, correlation and cause', () => {
    const e = createEnvelope(Enrolled, { studentId: 's1' }, { source: 'enrollment', correlationId: 'req-1', causationId: 'cmd-1', occurredAt: new Date('2026-09-03T12:00:00Z') });
    expect(e).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'enrollment.student.enrolled',
      version: 1,
      occurredAt: '2026-09-03T12:00:00.000Z',
      source: 'enrollment',
      correlationId: 'req-1',
      causationId: 'cmd-1',
      data: { studentId: 's1' },
    });
  });

  it('starts a new correlation with its own id when there is none', () => {
    const e = createEnvelope(Enrolled, { studentId: 's1' }, { source: 'enrollment' });
    expect(e.correlationId).toBe(e.id);
    expect(e.causationId).toBeNull();
  });

  it('parses what it creates, from text or bytes', () => {
    const e = createEnvelope(Enrolled, { studentId: 's1' }, { source: 'enrollment' });
    expect(parseEnvelope(JSON.stringify(e))).toEqual(e);
    expect(parseEnvelope(Buffer.from(JSON.stringify(e)))).toEqual(e);
  });

  it('rejects what is not an envelope, naming each problem', () => {
    expect(() => parseEnvelope('not json')).toThrow(InvalidEnvelopeError);
    expect(() => parseEnvelope('[1]')).toThrow(/not an object/);
    try {
      parseEnvelope(JSON.stringify({ id: 'x', type: 'Bad Type', version: 0, occurredAt: 'yesterday', source: '', data: null }));
      throw new Error('expected a failure');
    } catch (err) {
      const msg = (err as Error).message;
      for (const part of ['id must be a UUID', 'type must look like', 'version must be', 'occurredAt must be', 'source is required', 'correlationId is required', 'data must be an object']) {
        expect(msg).toContain(part);
      }
    }
  });
});
