import type { Command, Option } from 'commander';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** One command of the tree as completion sees it: its words, its subcommands, its flags. */
interface CompletionNode {
  path: string[];
  description: string;
  commands: string[];
  options: { flags: string[]; takesValue: boolean; choices: string[]; description: string }[];
}

/**
 * The visible commands and flags, read from commander's tree (as --help shows them), so a new
 * command or flag completes without anyone touching this file. Global flags (the program's)
 * are offered everywhere.
 */
function completionNodes(program: Command): CompletionNode[] {
  const help = program.createHelp();
  const globals = help.visibleOptions(program);
  const nodes: CompletionNode[] = [];
  const visit = (command: Command, path: string[]) => {
    const children = help.visibleCommands(command).filter((c) => c.name() !== 'help');
    const own = path.length ? help.visibleOptions(command) : [];
    nodes.push({
      path,
      description: command.description(),
      commands: children.map((c) => c.name()),
      options: [...own, ...globals].map((o: Option) => ({
        flags: [o.long, o.short].filter((f): f is string => Boolean(f)),
        takesValue: o.required || o.optional,
        choices: o.argChoices ?? [],
        description: o.description,
      })),
    });
    for (const child of children) visit(child, [...path, child.name()]);
  };
  visit(program, []);
  return nodes;
}

const words = (list: string[]) => list.join(' ');
const singleQuoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

function bashScript(program: Command): string {
  const name = program.name();
  const fn = `_${name.replace(/\W/g, '_')}`;
  const nodes = completionNodes(program);
  const cases = (pick: (node: CompletionNode) => string) =>
    nodes.map((node) => `    ${singleQuoted(node.path.join(' '))}) echo ${singleQuoted(pick(node))} ;;`).join('\n');
  const choiceCases = nodes
    .flatMap((node) =>
      node.options
        .filter((o) => o.choices.length)
        .flatMap((o) =>
          o.flags.map((flag) => `    ${singleQuoted(`${node.path.join(' ')}|${flag}`)}) echo ${singleQuoted(words(o.choices))} ;;`),
        ),
    )
    .join('\n');
  return `# ${name} completion for bash. Load it with:  source <(${name} completion bash)
${fn}_commands() {
  case "$1" in
${cases((n) => words(n.commands))}
  esac
}
${fn}_flags() {
  case "$1" in
${cases((n) => words(n.options.flatMap((o) => o.flags)))}
  esac
}
${fn}_value_flags() {
  case "$1" in
${cases((n) => words(n.options.filter((o) => o.takesValue).flatMap((o) => o.flags)))}
  esac
}
${fn}_choices() {
  case "$1|$2" in
${choiceCases}
  esac
}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="" word i skip=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      -*=*) ;;
      -*) case " $(${fn}_value_flags "$path") " in *" $word "*) skip=1 ;; esac ;;
      *) case " $(${fn}_commands "$path") " in *" $word "*) path="\${path:+$path }$word" ;; esac ;;
    esac
  done
  case " $(${fn}_value_flags "$path") " in
    *" $prev "*)
      local choices
      choices="$(${fn}_choices "$path" "$prev")"
      if [[ -n $choices ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
      else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi
      return 0
      ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(${fn}_flags "$path")" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "$(${fn}_commands "$path")" -- "$cur")
  fi
}
complete -o default -F ${fn} ${name}
`;
}

function zshScript(program: Command): string {
  const name = program.name();
  // zsh runs bash completion functions through bashcompinit: one generator, two shells.
  return `#compdef ${name}
# ${name} completion for zsh. Load it with:  source <(${name} completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashScript(program).split('\n').slice(1).join('\n')}`;
}

function fishScript(program: Command): string {
  const name = program.name();
  const nodes = completionNodes(program);
  const lines = [`# ${name} completion for fish. Load it with:  ${name} completion fish | source`, `complete -c ${name} -f`];
  const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  for (const node of nodes) {
    const children = new Set(node.commands);
    // In this command when its words were typed and none of its subcommands yet.
    const here = node.path.length ? node.path.map((word) => `__fish_seen_subcommand_from ${word}`).join('; and ') : '__fish_use_subcommand';
    const notDeeper = children.size && node.path.length ? `; and not __fish_seen_subcommand_from ${words([...children])}` : '';
    for (const child of nodes.filter(
      (n) => n.path.length === node.path.length + 1 && n.path.slice(0, -1).join(' ') === node.path.join(' '),
    )) {
      lines.push(`complete -c ${name} -n ${quote(here + notDeeper)} -a ${child.path.at(-1)} -d ${quote(child.description)}`);
    }
    for (const option of node.options) {
      const long = option.flags.find((f) => f.startsWith('--'))?.slice(2);
      const short = option.flags.find((f) => /^-[^-]/.test(f))?.slice(1);
      const spec = [long && `-l ${long}`, short && `-s ${short}`].filter(Boolean).join(' ');
      const value = option.takesValue ? (option.choices.length ? ` -x -a ${quote(words(option.choices))}` : ' -r -F') : '';
      lines.push(`complete -c ${name} -n ${quote(here + notDeeper)} ${spec}${value} -d ${quote(option.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script for `shell`, generated from the command tree. */
export function completionScript(program: Command, shell: CompletionShell): string {
  if (shell === 'bash') return bashScript(program);
  if (shell === 'zsh') return zshScript(program);
  return fishScript(program);
}
