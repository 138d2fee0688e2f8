import type { Command, OfflineCommand } from '../command.js';
import { accountCommands } from './accounts.js';
import { backupCommands } from './backup.js';
import { cardCommands } from './cards.js';
import { catalogCommands } from './catalog.js';
import { systemCommands } from './system.js';

/** Every command. A module adds its list here. */
export const commands: Array<Command | OfflineCommand> = [
  ...accountCommands,
  ...catalogCommands,
  ...systemCommands,
  ...cardCommands,
  ...backupCommands,
];
