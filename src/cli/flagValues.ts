import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';

/** A word that is a flag rather than a value: `--version`, `-h`; not `-100` or `-`. */
export function looksLikeFlag(word: string): boolean {
  return /^--?[A-Za-z]/.test(word);
}

function findOption(chain: Command[], flag: string): Option | undefined {
  for (const command of chain) {
    const option = command.options.find((o) => o.long === flag || o.short === flag);
    if (option) return option;
  }
  return undefined;
}

/**
 * Refuses a flag whose value is missing and the next word is another flag: commander would take
 * `course add --title --version` as the program's --version (printing it and exiting 0), or
 * `--title --description x` as a title "--description". Walks the words the way commander will,
 * along the command tree, so every command (including ones added later) is covered. A value
 * that really starts with a dash is written `--title=--odd`.
 */
export function checkFlagValues(program: Command, words: string[]): void {
  const chain: Command[] = [program];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') return;
    if (word.startsWith('-') && word.length > 1) {
      if (word.includes('=')) continue;
      const option = findOption(chain, word);
      if (!option?.required) continue;
      const value = words[i + 1];
      if (value !== undefined && looksLikeFlag(value)) {
        const name = option.long ?? option.short ?? word;
        throw new UsageError(
          `${name} needs a value, but the next word is the flag ${value}`,
          `give ${name} its value (e.g. ${option.flags.replace(/^.*?(--[\w-]+)/, '$1')}); a value that starts with a dash is written ${name}=${value}`,
        );
      }
      i++;
      continue;
    }
    const command = chain[0]!.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (command) chain.unshift(command);
  }
}
