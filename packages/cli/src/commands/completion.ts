import type { CommandInput, CommandResult, CommandSpec, GroupSpec } from '../define-command.js';
import { UsageError } from '../errors.js';
import { commandTree } from './index.js';

const GLOBAL_FLAGS = [
  '--backend',
  '--region',
  '--profile',
  '--endpoint',
  '--data-dir',
  '--json',
  '--no-color',
  '--debug',
  '--yes',
  '--help',
];

/** Every command path with its flags, from the command table. */
function paths(
  nodes: readonly (CommandSpec | GroupSpec)[],
  prefix: string[] = [],
): { path: string[]; flags: string[] }[] {
  return nodes.flatMap((node) => {
    if (node.kind !== 'group' && node.hidden) return [];
    const path = [...prefix, node.name];
    if (node.kind === 'group') return [{ path, flags: [] }, ...paths(node.commands, path)];
    const flags = (node.options ?? []).map(
      (o) => o.flags.split(/[ ,]+/).find((f) => f.startsWith('--')) ?? '',
    );
    return [{ path, flags: node.write ? [...flags, '--dry-run'] : flags }];
  });
}

/** `completion bash|zsh|fish`: a script completing nouns, verbs and flags. */
export async function run(input: CommandInput): Promise<CommandResult> {
  const shell = input.args[0] ?? '';
  const all = paths(commandTree);
  // One case per command path: the words that may follow it (sub-commands, then flags).
  const table = all.map(({ path, flags }) => {
    const children = all.filter(
      (p) => p.path.length === path.length + 1 && p.path.slice(0, -1).join(' ') === path.join(' '),
    );
    return {
      key: path.join(' '),
      words: [...children.map((c) => c.path.at(-1)), ...flags, ...GLOBAL_FLAGS].join(' '),
    };
  });
  const top = all.filter((p) => p.path.length === 1).map((p) => p.path[0]);
  const rootWords = [...top, ...GLOBAL_FLAGS].join(' ');
  if (shell === 'bash' || shell === 'zsh') {
    const cases = table.map((t) => `    "${t.key}") words="${t.words}" ;;`).join('\n');
    const script = `# ses-cli ${shell} completion: eval "$(ses-cli completion ${shell})"
${shell === 'zsh' ? 'autoload -U +X bashcompinit && bashcompinit\n' : ''}_ses_cli() {
  local cur path="" w words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in -*) ;; *) if [ -z "$path" ]; then path="$w"; else path="$path $w"; fi ;; esac
  done
  case "$path" in
    "") words="${rootWords}" ;;
${cases}
    *) words="${GLOBAL_FLAGS.join(' ')}" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -F _ses_cli ses-cli
`;
    return { kind: 'text', text: script, json: { shell, script } };
  }
  if (shell === 'fish') {
    const lines = [
      '# ses-cli fish completion: ses-cli completion fish | source',
      ...top.map((name) => `complete -c ses-cli -n '__fish_use_subcommand' -a '${name}'`),
      ...table
        .filter((t) => t.key.includes(' ') || all.some((p) => p.path.length === 2 && p.path[0] === t.key))
        .flatMap((t) => {
          const parts = t.key.split(' ');
          const cond = `__fish_seen_subcommand_from ${parts[parts.length - 1]}`;
          return t.words
            .split(' ')
            .filter((w) => !w.startsWith('-') && w !== '')
            .map((w) => `complete -c ses-cli -n '${cond}' -a '${w}'`);
        }),
      ...GLOBAL_FLAGS.map((f) => `complete -c ses-cli -l '${f.slice(2)}'`),
    ];
    const script = `${[...new Set(lines)].join('\n')}\n`;
    return { kind: 'text', text: script, json: { shell, script } };
  }
  throw new UsageError(`completion: unknown shell "${shell}" (use bash, zsh or fish)`);
}
