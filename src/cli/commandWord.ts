/** Global options that take a value, so that value is not mistaken for a command. */
const OPTIONS_WITH_VALUES = new Set(['--db', '--config']);
const COMMAND_NAME = /^[a-z][a-z-]{0,23}$/;

/**
 * The words that may name the command a run asks for (`access`, `show` in
 * `catalog --db x.db access show acc_…`): the first two words that are neither options nor a
 * global option's value, as far as they look like commands' names. The second may be an
 * argument instead (`search baking`); only commander knows.
 */
export function commandWords(args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length && words.length < 2; i++) {
    const arg = args[i]!;
    if (OPTIONS_WITH_VALUES.has(arg)) i++;
    else if (arg.startsWith('-')) continue;
    else if (COMMAND_NAME.test(arg)) words.push(arg);
    else break;
  }
  return words;
}
