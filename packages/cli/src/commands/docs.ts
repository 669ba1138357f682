import type { Command, Option } from 'commander';
import type { CommandInput, CommandResult } from '../define-command.js';
import { createProgram } from '../program.js';
import type { Session } from '../session.js';
import { DOCS_INTRO } from './docs-intro.js';

/** `docs` (hidden): docs/cli.md — the hand-written intro plus a reference walked from the program. */
export async function run(_input: CommandInput, session: Session): Promise<CommandResult> {
  const program = createProgram(session.cli, {});
  const text = `${DOCS_INTRO}\n## Global options\n\n${optionTable(program.options)}\n## Commands\n\n${program.commands
    .filter((c) => !isHidden(c))
    .map((c) => commandDoc(c, ['ses-cli']))
    .join('\n')}`;
  return { kind: 'text', text: `${text.trimEnd()}\n`, json: { markdown: text } };
}

function isHidden(command: Command): boolean {
  return (command as unknown as { _hidden?: boolean })._hidden === true;
}

function optionTable(options: readonly Option[]): string {
  const visible = options.filter((o) => !o.hidden && o.long !== '--version');
  if (visible.length === 0) return '';
  const rows = visible.map((o) => {
    const extra = [
      o.argChoices ? `one of: ${o.argChoices.map((c) => `\`${c}\``).join(', ')}` : '',
      o.defaultValue !== undefined && o.defaultValue !== false && o.long !== '--no-color'
        ? `default \`${String(o.defaultValue)}\``
        : '',
    ].filter(Boolean);
    return `| \`${o.flags}\` | ${o.description}${extra.length ? ` (${extra.join('; ')})` : ''} |`;
  });
  return `| Option | Description |\n| --- | --- |\n${rows.join('\n')}\n`;
}

function commandDoc(command: Command, parents: string[]): string {
  const path = [...parents, command.name()];
  const subs = command.commands.filter((c) => !isHidden(c));
  if (subs.length > 0) {
    const heading = `${'#'.repeat(Math.min(path.length + 1, 4))} \`${path.join(' ')}\`\n\n${command.description()}\n`;
    return `${heading}\n${subs.map((c) => commandDoc(c, path)).join('\n')}`;
  }
  const args = command.registeredArguments.map((a) =>
    a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}]`,
  );
  const usage = [...path, ...args, command.options.length > 0 ? '[options]' : ''].filter(Boolean).join(' ');
  return `${'#'.repeat(Math.min(path.length + 1, 4))} \`${path.join(' ')}\`\n\n${command.description()}\n\n\`\`\`\n${usage}\n\`\`\`\n\n${optionTable(command.options)}`;
}
