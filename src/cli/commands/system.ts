import { verifyChain } from '../../server/modules/audit/audit.service.js';
import { setDowntimeCredit } from '../../server/modules/catalog/exams.service.js';
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
  {
    name: ['exam', 'downtime-credit'],
    summary: 'Whether an exam gives learners back the time the whole service was down (audited)',
    usage: 'exam downtime-credit CODE on|off',
    async run(ctx, { positionals }) {
      const [code, value] = positionals;
      if (!code || (value !== 'on' && value !== 'off')) throw new UsageError('usage: exam downtime-credit CODE on|off');
      await setDowntimeCredit(ctx, code, value === 'on', null);
      console.log(
        value === 'on'
          ? `${code}: the time the service is down is given back to the learners in progress`
          : `${code}: the time the service is down counts against the learners (the deadline is the deadline)`,
      );
    },
  },
];
