import type { AppContext } from '../../src/server/context.js';
import { WORKSTATION_COOKIE } from '../../src/server/http/workstation.js';
import { makeAuthorizedScene } from './factories.js';
import { Client, type TestApp } from './test-app.js';

/** The value of the signed workstation cookie a registered browser carries. */
export function workstationCookie(ctx: AppContext, workstationId: string): string {
  return `${workstationId}.${ctx.secrets.hmac('workstation', workstationId)}`;
}

/** An authorized exam, and the learner signed in at the assigned workstation's browser. */
export async function learnerAtWorkstation(t: TestApp, opts: Parameters<typeof makeAuthorizedScene>[1] = {}) {
  const scene = await makeAuthorizedScene(t.ctx, opts);
  const browser = await Client.start(t.app);
  browser.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, scene.sp.workstations[0]!.id));
  await browser.signIn(scene.learner.username);
  const url = `/api/attempts/${scene.attemptId}`;
  return { ...scene, browser, url };
}
