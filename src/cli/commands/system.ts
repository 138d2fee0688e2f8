import { verifyChain } from '../../server/modules/audit/audit.service.js';
import { loadDemo, loadDemoIfEmpty } from '../../server/modules/demo/demo.service.js';
import { UsageError, type Command } from '../command.js';

export const systemCommands: Command[] = [
  {
    name: ['demo', 'load'],
    summary: 'Load the demo data (service point, operator, learners, trainings)',
    usage: 'demo load [--force]   (without --force, only on an empty database)',
    options: { force: { type: 'boolean', description: 'load even if accounts exist (fails on duplicates)' } },
    async run(ctx, { values }) {
      if (values.force) await loadDemo(ctx);
      else if (!(await loadDemoIfEmpty(ctx)))
        throw new UsageError('the database is not empty; use --force to load anyway');
      console.log('Demo data loaded');
    },
  },
  {
    name: ['audit', 'verify'],
    summary: 'Verify the audit log hash chain',
    usage: 'audit verify',
    async run(ctx) {
      const v = await verifyChain(ctx);
      if (v.ok) {
        console.log(`Audit chain intact: ${v.rows} rows`);
      } else {
        console.error(`Audit chain BROKEN at row ${v.brokenAt}: ${v.reason}`);
        process.exitCode = 2;
      }
    },
  },
];
