import { Command, CommanderError } from 'commander';
import { offerWallClockReader } from '../domain/calendar.js';
import { ExitCode, UsageError } from '../errors.js';
import { startUpWallClocks } from './processZoneCalendar.js';
import { registerAssessment } from './commands/assessment/index.js';
import { registerCompletion } from './commands/completion.js';
import { registerCourse } from './commands/course/index.js';
import { registerExport } from './commands/export.js';
import { registerGrades } from './commands/grades.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerRegister } from './commands/register.js';
import { registerEnrol } from './commands/enrol.js';
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
import { checkFlagValues } from './flagValues.js';
import { commandWords } from './commandWord.js';
import { reportError } from './run.js';
import { detectTerminal, isClosedOutput } from './terminal.js';

export const VERSION = '0.1.0';

/**
 * Every top-level command, by name, in the order --help lists them. A run names its command, so
 * only that one is declared (commander spends milliseconds per flag declared); help, completion
 * and anything unknown get the whole tree.
 */
const COMMANDS: Record<string, (program: Command) => void> = {
  init: registerInit,
  course: registerCourse,
  search: registerSearch,
  seed: registerSeed,
  export: registerExport,
  import: registerImport,
  register: registerRegister,
  enrol: registerEnrol,
  registrations: registerRegistrations,
  assessment: registerAssessment,
  grades: registerGrades,
  module: registerModule,
  material: registerMaterial,
  access: registerAccess,
  sync: registerSync,
  reindex: registerReindex,
  doctor: registerDoctor,
  serve: registerServe,
  completion: registerCompletion,
};

/** Every command below `command`, at any depth. */
export function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}

/**
 * The command tree. Registration only declares flags; each action imports its service on use,
 * so `catalog search` never loads faker, prompts or the Elasticsearch client. With `command`
 * (the first word of the run), only that command is declared when it is one.
 */
export function buildProgram(options: { json?: boolean; command?: string } = {}): Command {
  const program = new Command('catalog')
    .description('Run an online course catalogue: courses in SQLite, search on the embedded index or Elasticsearch.')
    .version(VERSION, '-v, --version')
    .option('--db <file>', 'the SQLite database (default: catalog.db beside your .catalogrc, or here)')
    .option('--config <file>', 'configuration file (default: .catalogrc and friends, searched from here)')
    .option('--no-input', 'never prompt; fail naming what is missing')
    .option('-q, --quiet', 'no progress or success messages (data, warnings and errors still print)')
    .showSuggestionAfterError(true)
    .enablePositionalOptions(false);
  const asked = options.command;
  const wanted = asked && asked !== 'completion' && Object.hasOwn(COMMANDS, asked) ? COMMANDS[asked] : undefined;
  for (const register of wanted ? [wanted] : Object.values(COMMANDS)) register(program);
  for (const command of [program, ...allCommands(program)]) {
    // Usage mistakes exit 2 (the contract); commander's own default would be 1.
    command.exitOverride();
    // With --json a usage error is printed once, as JSON, by main(); commander stays silent.
    if (options.json) command.configureOutput({ outputError: () => {} });
  }
  return program;
}

/**
 * A reader that goes away (`catalog export | head -1`) ends the command quietly: the write that
 * finds the pipe closed would otherwise throw EPIPE out of whatever was printing.
 */
function endQuietlyWhenOutputCloses(): void {
  const endQuietly = (error: Error) => {
    if (isClosedOutput(error)) process.exit(ExitCode.ok);
    throw error;
  };
  // When each stream is first asked for, not now: a `--json` search writes its data without
  // ever making process.stdout (terminal.ts), and making it costs start-up time.
  for (const name of ['stdout', 'stderr'] as const) {
    const made = Object.getOwnPropertyDescriptor(process, name);
    if (!made?.get || !made.configurable) {
      process[name].on('error', endQuietly);
      continue;
    }
    let stream: NodeJS.WriteStream | undefined;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: made.enumerable,
      get() {
        if (!stream) {
          stream = made.get!.call(process) as NodeJS.WriteStream;
          stream.on('error', endQuietly);
        }
        return stream;
      },
    });
  }
}

/**
 * Runs the command `argv` asks for, setting the exit code. Returns the path of the command
 * that ran (`['access', 'show']`), for the launcher's code cache.
 */
export async function main(argv: string[] = process.argv): Promise<string[] | undefined> {
  const words = argv.slice(2);
  const json = words.includes('--json');
  endQuietlyWhenOutputCloses();
  offerWallClockReader(startUpWallClocks);
  const program = buildProgram({ json, command: commandWords(words)[0] });
  if (words.length === 0) {
    // Like gh and git: the commands, on stderr, and a usage exit since nothing was asked.
    program.outputHelp({ error: true });
    process.exitCode = ExitCode.usage;
    return;
  }
  let ran: string[] | undefined;
  program.hook('preAction', (_, command) => {
    ran = [];
    for (let at: Command | null = command; at && at !== program; at = at.parent) ran.unshift(at.name());
  });
  try {
    checkFlagValues(program, words);
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = commanderExit(error, json);
      return ran;
    }
    process.exitCode = reportError(detectTerminal(), error, { json });
  }
  return ran;
}

function commanderExit(error: CommanderError, json: boolean): number {
  // --help and --version asked for; `catalog help`.
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
  // A command group on its own (`catalog course`): commander showed its commands on stderr.
  if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') return ExitCode.usage;
  const usage = new UsageError(error.message.replace(/^error: /, ''), 'run with --help to see the commands and flags');
  if (json) return reportError(detectTerminal(), usage, { json });
  process.stderr.write(`  hint: ${usage.hint}\n`);
  return ExitCode.usage;
}
