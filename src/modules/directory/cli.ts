// (bootstrap) Replaced by the directory implementation.
import type { Command } from 'commander';

export function registerDirectoryCommands(_program: Command) {}
