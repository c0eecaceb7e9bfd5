import type { Command } from 'commander';
import { action } from '../run.js';

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .argument('<shell>', 'bash, zsh or fish')
    .description('print a shell completion script for catalog (commands, flags and their values)')
    .addHelpText(
      'after',
      '\nLoad it in your shell:\n  bash:  source <(catalog completion bash)      (or save it in ~/.local/share/bash-completion/completions/catalog)\n  zsh:   source <(catalog completion zsh)       (in ~/.zshrc, after compinit)\n  fish:  catalog completion fish > ~/.config/fish/completions/catalog.fish',
    )
    .action(
      action(async ({ terminal }, shell: string, _flags: unknown, command: Command) => {
        const { COMPLETION_SHELLS, completionScript } = await import('../completion.js');
        const { UsageError } = await import('../../errors.js');
        const wanted = shell.toLowerCase();
        if (!(COMPLETION_SHELLS as readonly string[]).includes(wanted))
          throw new UsageError(`no completion for the shell "${shell}"`, `use one of: ${COMPLETION_SHELLS.join(', ')}`);
        let root = command;
        while (root.parent) root = root.parent;
        terminal.stdout.write(completionScript(root, wanted as (typeof COMPLETION_SHELLS)[number]));
      }),
    );
}
