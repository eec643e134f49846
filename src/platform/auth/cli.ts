// (bootstrap) Replaced by the accounts implementation.
import type { Command } from 'commander';

export function registerUserCommands(_program: Command) {}
