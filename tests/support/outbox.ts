import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The mails sent to `to`, oldest first, as the test app's mailer wrote them into DATA_DIR/outbox. */
export function mailsTo(dataDir: string, to: string): string[] {
  const outbox = path.join(dataDir, 'outbox');
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox)
    .sort()
    .map((f) => readFileSync(path.join(outbox, f), 'utf8'))
    .filter((m) => m.startsWith(`To: ${to}\n`));
}
