import type { AppContext } from '../server/context.js';

export interface Command {
  /** Words that select the command, e.g. ['operator', 'grant']. */
  name: string[];
  summary: string;
  usage: string;
  /** Option names that take a value (others are flags). */
  options?: Record<string, { type: 'string' | 'boolean'; description: string }>;
  run(
    ctx: AppContext,
    args: { positionals: string[]; values: Record<string, string | boolean | undefined> },
  ): Promise<void>;
}

/**
 * A command that needs neither the database nor the server's configuration, e.g. an inspector checking a
 * card's QR code offline on a laptop.
 */
export interface OfflineCommand extends Omit<Command, 'run'> {
  offline: true;
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }): Promise<void>;
}

export class UsageError extends Error {}

export function need(values: Record<string, string | boolean | undefined>, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || !v) throw new UsageError(`--${key} is required`);
  return v;
}
