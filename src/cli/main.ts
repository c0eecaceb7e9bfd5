import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import { registerAssessment } from './commands/assessment/index.js';
import { registerCourse } from './commands/course/index.js';
import { registerExport } from './commands/export.js';
import { registerGrades } from './commands/grades.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerRegister } from './commands/register.js';
import { registerRegistrations } from './commands/registrations.js';
import { registerSearch } from './commands/search.js';
import { registerSeed } from './commands/seed.js';
import { registerDoctor } from './commands/doctor.js';
import { registerReindex } from './commands/reindex.js';
import { registerSync } from './commands/sync.js';
import { registerModule } from './commands/module.js';
import { registerMaterial } from './commands/material.js';
import { registerAccess } from './commands/access.js';
import { registerServe } from './commands/serve.js';

export const VERSION = '0.1.0';

/**
 * The command tree. Registration only declares flags; each action imports its service on use,
 * so `catalog search` never loads faker, prompts or the Elasticsearch client.
 */
export function buildProgram(): Command {
  const program = new Command('catalog')
    .description('Run an online course catalogue: courses in SQLite, search on the embedded index or Elasticsearch.')
    .version(VERSION, '-v, --version')
    .option('--db <file>', 'the SQLite database (default: catalog.db beside your .catalogrc, or here)')
    .option('--config <file>', 'configuration file (default: .catalogrc and friends, searched from here)')
    .option('--no-input', 'never prompt; fail naming what is missing')
    .showSuggestionAfterError(true)
    .enablePositionalOptions(false);
  registerInit(program);
  registerCourse(program);
  registerSearch(program);
  registerSeed(program);
  registerExport(program);
  registerImport(program);
  registerRegister(program);
  registerRegistrations(program);
  registerAssessment(program);
  registerGrades(program);
  registerModule(program);
  registerMaterial(program);
  registerAccess(program);
  registerSync(program);
  registerReindex(program);
  registerDoctor(program);
  registerServe(program);
  for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    // Usage mistakes exit 2 (the contract); commander's own default would be 1.
    command.exitOverride();
  }
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      if (!benign && error.code !== 'commander.executeSubCommandAsync')
        process.stderr.write('  hint: run with --help to see the commands and flags\n');
      process.exitCode = benign ? ExitCode.ok : ExitCode.usage;
      return;
    }
    throw error;
  }
}
