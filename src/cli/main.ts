import { parseArgs } from 'node:util';
import { DomainError } from '../server/errors.js';
import { messageFor } from '../server/http/messages.js';
import { UsageError, type Command, type OfflineCommand } from './command.js';
import { commands } from './commands/index.js';
import { openCliContext } from './context.js';

function helpAll() {
  console.log('Usage: npm run vigie -- <command> [options]\n\nCommands:');
  for (const c of commands) console.log(`  ${c.name.join(' ').padEnd(24)} ${c.summary}`);
  console.log('\nEach command takes --help.');
}

function helpOne(c: Command | OfflineCommand) {
  console.log(`${c.summary}\n\nUsage: npm run vigie -- ${c.usage}`);
  for (const [k, o] of Object.entries(c.options ?? {})) console.log(`  --${k.padEnd(18)} ${o.description}`);
}

async function main(argv: string[]) {
  const words = argv.filter((a) => !a.startsWith('-'));
  const command = commands
    .filter((c) => c.name.every((w, i) => words[i] === w))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!command) {
    helpAll();
    process.exitCode = argv.length === 0 || argv.includes('--help') ? 0 : 1;
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) return helpOne(command);
  const rest = argv.slice(argv.indexOf(command.name[command.name.length - 1]!) + 1);
  const { values, positionals } = parseArgs({
    args: rest,
    options: command.options ?? {},
    allowPositionals: true,
    strict: true,
  });
  const args = { values: values as Record<string, string | boolean | undefined>, positionals };
  if ('offline' in command) return command.run(args);
  const { ctx, close } = await openCliContext();
  try {
    await command.run(ctx, args);
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`Error: ${err.message}`);
  else if (err instanceof DomainError)
    console.error(
      `Error: ${messageFor(err.code, 'en', err.opts.params)}${err.opts.field ? ` (${err.opts.field})` : ''}`,
    );
  else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    console.error(`Error: ${err.message}`);
  else console.error(err);
  process.exitCode = 1;
});
