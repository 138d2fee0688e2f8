import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../tests/support/databases.js';
import { makeLearner } from '../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../tests/support/test-app.js';
import { INTERFACE_LANGUAGE_HEADER } from '../../shared/errors.js';

/**
 * The language of the server's sentences: the one the web app's interface shows (its header), else the account's,
 * else the browser's. A learner whose account says French who switched the interface to English reads English.
 */
describe.each(dbKinds())('the server’s sentences follow the interface’s language (%s)', (kind) => {
  let t: TestApp;
  let learner: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const l = await makeLearner(t.ctx);
    learner = await Client.start(t.app);
    await learner.signIn(l.username);
  });
  afterAll(() => t.close());

  const refusal = (lang?: string) =>
    learner.request({
      method: 'GET',
      url: '/api/attempts/nope',
      headers: lang ? { [INTERFACE_LANGUAGE_HEADER]: lang } : {},
    });

  it('answers in English when the interface is in English, though the account says French', async () => {
    const fr = (await refusal()).json().error;
    const en = (await refusal('en')).json().error;
    expect(fr.code).toBe('not_found');
    expect(en.code).toBe('not_found');
    expect([fr.message, en.message]).toEqual(['Introuvable.', 'Not found.']);
    expect((await refusal('fr')).json().error.message).toBe(fr.message);
    // Anything else is not a language: the account's stands.
    expect((await refusal('de')).json().error.message).toBe(fr.message);
  });
});
