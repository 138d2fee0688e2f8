import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../tests/support/databases.js';
import { enrol, makeLearner, makeOperator, makeServicePoint, makeTraining } from '../../../tests/support/factories.js';
import { signedIn } from '../../../tests/fuzz/clients.js';
import { Client, createTestApp, type TestApp } from '../../../tests/support/test-app.js';

/**
 * A body the parser cannot read is bad input, never a server error (issue 14): malformed JSON, multipart
 * without a boundary or cut short, and keys that poison prototypes (`__proto__`, `constructor`,
 * `prototype`) are each a 400 `validation` naming the field.
 */
describe.each(dbKinds())('parser errors on %s', (kind) => {
  let t: TestApp;
  let learner: Client;
  let desk: Client;
  let learnerId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const l = await makeLearner(t.ctx);
    learnerId = l.id;
    learner = await signedIn(t.app, l.username);
    const sp = await makeServicePoint(t.ctx);
    const training = await makeTraining(t.ctx);
    await enrol(t.ctx, l.id, training.trainingId, sp.id);
    const op = await makeOperator(t.ctx, sp.id);
    desk = await signedIn(t.app, op.username);
  });
  afterAll(async () => t.close());

  function expectRefused(res: { statusCode: number; body: string }, field: string) {
    expect(res.statusCode, res.body).toBe(400);
    const body = JSON.parse(res.body) as { error: { code: string; field?: string; message: string } };
    expect(body.error.code).toBe('validation');
    expect(body.error.field).toBe(field);
    expect(body.error.message).toContain(field);
  }

  const json = (c: Client, method: 'PUT' | 'POST', url: string, payload: string) =>
    c.request({ method, url, payload, headers: { 'content-type': 'application/json' } });

  it('answers malformed JSON with a 400 naming the body', async () => {
    expectRefused(await json(learner, 'PUT', '/api/account/profile', '{"firstName": "Marie",'), 'body');
    expectRefused(await json(learner, 'PUT', '/api/account/profile', '\u0000'), 'body');
    expectRefused(await json(learner, 'PUT', '/api/account/profile', ''), 'body');
  });

  it('answers a body of the wrong shape with a 400 naming the body', async () => {
    expectRefused(await json(learner, 'PUT', '/api/account/profile', '[1, 2]'), 'body');
    expectRefused(await json(learner, 'PUT', '/api/account/profile', 'null'), 'body');
  });

  it('refuses a __proto__, constructor or prototype key, naming it', async () => {
    expectRefused(
      await json(
        learner,
        'PUT',
        '/api/account/profile',
        '{"firstName":"A","lastName":"B","__proto__":{"isAdmin":true}}',
      ),
      '__proto__',
    );
    expectRefused(
      await json(
        learner,
        'PUT',
        '/api/account/profile',
        '{"firstName":"A","lastName":"B","constructor":{"prototype":{}}}',
      ),
      'constructor',
    );
    expectRefused(
      await json(
        desk,
        'POST',
        `/api/desk/learners/${learnerId}/photo/save`,
        '{"checklist":{"eyesOpen":true,"__proto__":{"x":1}}}',
      ),
      'checklist.__proto__',
    );
    expectRefused(
      await json(desk, 'POST', `/api/desk/learners/${learnerId}/photo/save`, '{"checklist":{"prototype":1}}'),
      'checklist.prototype',
    );
  });

  it('refuses a __proto__ or constructor key in a querystring, naming it', async () => {
    expectRefused(await desk.get('/api/desk/learners?__proto__=1'), '__proto__');
    expectRefused(await desk.get('/api/desk/learners?q=a&constructor=x'), 'constructor');
    expect((await desk.get('/api/desk/learners?q=a')).statusCode).toBe(200);
  });

  const cutShort = [
    '--XyZ',
    'Content-Disposition: form-data; name="image"; filename="a.jpg"',
    'Content-Type: image/jpeg',
    '',
    '\u00ff\u00d8\u00ff\u00e0 cut here',
  ].join('\r\n');

  for (const [what, url, who] of [
    ['the photo check', '/api/desk/photo-checks', 'desk'],
    ['the ID photo upload', '/api/desk/learners/:learnerId/photo', 'desk'],
    ['the profile picture', '/api/account/profile/picture', 'learner'],
  ] as const) {
    it(`answers malformed multipart to ${what} with a 400, never a 500`, async () => {
      const c = who === 'desk' ? desk : learner;
      const u = url.replace(':learnerId', learnerId);
      const noBoundary = await c.request({
        method: 'POST',
        url: u,
        payload: 'anything',
        headers: { 'content-type': 'multipart/form-data' },
      });
      expect(noBoundary.statusCode, noBoundary.body).toBe(400);
      expect((JSON.parse(noBoundary.body) as { error: { field?: string } }).error.field).toBeTruthy();
      const truncated = await c.request({
        method: 'POST',
        url: u,
        payload: cutShort,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      });
      expect(truncated.statusCode, truncated.body).toBe(400);
      expect((JSON.parse(truncated.body) as { error: { field?: string } }).error.field).toBeTruthy();
      expect((await c.get('/healthz')).statusCode).toBe(200);
    });
  }
});
