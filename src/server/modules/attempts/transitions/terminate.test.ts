import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../../../tests/support/test-app.js';
import type { AppContext } from '../../../context.js';
import { terminateAttempt } from '../ending.service.js';

/** The tables a statement reads from (`from` and joins), by name. */
function tablesRead(node: OperationNode): string[] {
  const names: string[] = [];
  const nameOf = (n: OperationNode | undefined): string | undefined => {
    if (!n) return undefined;
    if (n.kind === 'AliasNode') return nameOf((n as unknown as { node: OperationNode }).node);
    if (n.kind === 'TableNode')
      return (n as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
    return undefined;
  };
  const q = node as unknown as {
    from?: { froms: OperationNode[] };
    joins?: { table: OperationNode }[];
  };
  for (const f of q.from?.froms ?? []) names.push(nameOf(f) ?? '?');
  for (const j of q.joins ?? []) names.push(nameOf(j.table) ?? '?');
  return names;
}

/** A copy of the app's context whose database handle records every SELECT that reads the attempts table. */
function countingAttemptReads(ctx: AppContext) {
  const reads: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node }: PluginTransformQueryArgs) {
      if (node.kind === 'SelectQueryNode' && tablesRead(node).includes('attempts'))
        reads.push(tablesRead(node).join('+'));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { ctx: { ...ctx, db: ctx.db.withPlugin(plugin) } as AppContext, reads };
}

describe.each(dbKinds())('« Terminer l’examen » on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads the attempt once: the access check’s read serves the state check, the scoring and the result', async () => {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    expect((await s.browser.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 })).statusCode).toBe(
      200,
    );
    const { ctx, reads } = countingAttemptReads(t.ctx);
    const ended = await terminateAttempt(ctx, s.attemptId, s.operator.id, s.sp.id);
    expect(ended).toMatchObject({ won: true, result: { state: 'terminated', scorePoints: 1 } });
    expect(reads).toEqual([
      // access.mayReachAttempt: the one read of the attempts module.
      'attempts+exam_versions+workstations+service_points+users',
      // The cards module's own, in its attemptEnded hook (wiring.ts).
      'attempts+enrolments+trainings+users+service_points',
    ]);
  });
});
