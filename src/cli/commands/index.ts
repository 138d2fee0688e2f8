import type { Command } from '../command.js';
import { accountCommands } from './accounts.js';
import { catalogCommands } from './catalog.js';
import { systemCommands } from './system.js';

/** Every command. A module adds its list here. */
export const commands: Command[] = [...accountCommands, ...catalogCommands, ...systemCommands];
