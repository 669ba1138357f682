import {
  type CommandSpec,
  defineCommand as cmd,
  type GroupSpec,
  defineGroup as group,
} from '../define-command.js';

// The whole command table: names, flags and help text only. Implementations are imported inside
// `load`, so `ses-cli --help` never loads the SDK, the local backend or any renderer.

const page = [
  { flags: '--limit <n>', description: 'page size (≤ 100)', default: '20' },
  { flags: '--offset <n>', description: 'items to skip', default: '0' },
  { flags: '--all', description: 'fetch every page' },
];

const templates = group('templates', 'email templates, and templates as code (push/pull a folder)', [
  cmd({ name: 'list', description: 'list templates', options: page, load: () => import('./templates.js') }),
  cmd({
    name: 'get',
    description: 'show one template with its content',
    args: ['<template>'],
    load: () => import('./templates.js'),
  }),
  cmd({
    name: 'create',
    description: 'create a template from HTML and/or text files',
    options: [
      { flags: '--name <name>', description: 'template name' },
      { flags: '--html <file>', description: 'HTML body file' },
      { flags: '--text <file>', description: 'plain-text body file' },
    ],
    write: true,
    load: () => import('./templates.js'),
  }),
  cmd({
    name: 'update',
    description:
      'change a template’s name, HTML or text (at least one; a part not given is kept); sends it back to review',
    args: ['<template>'],
    options: [
      { flags: '--name <name>', description: 'new name' },
      { flags: '--html <file>', description: 'HTML body file' },
      { flags: '--text <file>', description: 'plain-text body file' },
    ],
    write: true,
    load: () => import('./templates.js'),
  }),
  cmd({
    name: 'delete',
    description: 'delete a template',
    args: ['<template>'],
    write: true,
    destructive: true,
    load: () => import('./templates.js'),
  }),
  cmd({
    name: 'render',
    description: 'preview a template (id, name or folder) with data; reports missing and unused variables',
    args: ['<template>'],
    options: [
      { flags: '--data <key=value>', description: 'a variable value (repeatable)', repeatable: true },
      { flags: '--data-file <file>', description: 'JSON object of variable values' },
      {
        flags: '--part <part>',
        description: 'what to print',
        choices: ['text', 'html', 'all'],
        default: 'all',
      },
    ],
    load: () => import('./templates-render.js'),
  }),
  cmd({
    name: 'push',
    description:
      'create or update templates from a folder per template (template.json, index.html, index.txt); the folder is the whole template: a part without its file is removed (shown in the diff as "index.txt (removed)"); names must pick one folder and one template',
    args: ['<dir>'],
    write: true,
    load: () => import('./templates-sync.js'),
  }),
  cmd({
    name: 'pull',
    description:
      'write every template to a folder per template; a folder that is, or holds, a symbolic link is skipped (a row says why) and the others are pulled',
    args: ['<dir>'],
    options: [
      {
        flags: '--force',
        description:
          'overwrite existing folders, removing index.html/index.txt when the template has no such part',
      },
    ],
    load: () => import('./templates-sync.js'),
  }),
]);

const groups = group('groups', 'recipient groups (receiver lists) and CSV/JSONL import', [
  cmd({
    name: 'list',
    description: 'list recipient groups',
    options: [
      { flags: '--keyword <text>', description: 'name contains' },
      {
        flags: '--status <status>',
        description: 'upload status',
        choices: ['pending', 'uploading', 'complete'],
      },
      ...page,
    ],
    load: () => import('./groups.js'),
  }),
  cmd({
    name: 'create',
    description: 'create an empty recipient group',
    args: ['<name>'],
    options: [{ flags: '--description <text>', description: 'description (1–300 characters)' }],
    write: true,
    load: () => import('./groups.js'),
  }),
  cmd({
    name: 'show',
    description: 'show a group and its recipients',
    args: ['<group>'],
    options: page,
    load: () => import('./groups.js'),
  }),
  cmd({
    name: 'delete',
    description: 'delete a group and all its recipients',
    args: ['<group>'],
    write: true,
    destructive: true,
    load: () => import('./groups.js'),
  }),
  cmd({
    name: 'import',
    description:
      'stream a CSV file (an email column, found in any case) or a JSONL file (an email field, lower case), plus template variables (each named once; names are case-sensitive, so name and Name are two) into a group; refused when the group would pass 50,000 recipients; a stop after some chunks exits 4 with the counts and the line to resume from',
    args: ['<group>', '<file>'],
    options: [
      {
        flags: '--format <format>',
        description: 'file format (default: from the extension)',
        choices: ['csv', 'jsonl'],
      },
      { flags: '--create', description: 'create the group when no group has that name' },
      { flags: '--wait', description: 'wait until the upload is complete' },
    ],
    write: true,
    load: () => import('./groups-import.js'),
  }),
]);

const sendOptions = [
  { flags: '--from <address>', description: 'sender: "addr" or "Alias <addr>"' },
  { flags: '--subject <text>', description: 'subject (template variables allowed)' },
  { flags: '--template <template>', description: 'template id or name' },
  { flags: '--data <key=value>', description: 'template variable (repeatable)', repeatable: true },
  { flags: '--data-file <file>', description: 'JSON object of template variables' },
  { flags: '--reply-to <address>', description: 'Reply-To address' },
  {
    flags: '--unsubscribe <language>',
    description:
      "add an unsubscribe link, a code in the site's numbering: China 0–12 (1 zh-CN, 2 en, …); international (ap-singapore) 0–11 (1 en, 2 zh-CN, …)",
  },
];

const send = cmd({
  name: 'send',
  description: 'send one email (up to 50 To recipients) with a template',
  options: [
    ...sendOptions,
    { flags: '--to <address>', description: 'recipient (repeatable, ≤ 50)', repeatable: true },
    { flags: '--cc <address>', description: 'Cc recipient (repeatable, ≤ 20)', repeatable: true },
    { flags: '--bcc <address>', description: 'Bcc recipient (repeatable, ≤ 20)', repeatable: true },
    { flags: '--attach <file>', description: 'attachment (repeatable, ≤ 10)', repeatable: true },
    { flags: '--trigger', description: 'transactional (trigger) email, e.g. verification codes' },
  ],
  write: true,
  load: () => import('./send.js'),
});

const batch = cmd({
  name: 'batch',
  description: 'send to a recipient group: now, at a time (--at), or every N hours (--every)',
  options: [
    ...sendOptions.filter((o) => !o.flags.startsWith('--data')),
    { flags: '--group <group>', description: 'recipient group id or name' },
    { flags: '--data-file <file>', description: 'JSON object of template variables for every recipient' },
    {
      flags: '--at <time>',
      description: 'start time: "YYYY-MM-DD HH:mm[:ss]", ISO 8601, or +duration (e.g. +2h)',
    },
    { flags: '--every <hours>', description: 'recurring: interval in hours' },
    {
      flags: '--ad <position>',
      description: 'ad label in the subject',
      choices: ['none', 'before', 'after'],
    },
    { flags: '--watch', description: 'follow the task until it finishes' },
  ],
  write: true,
  load: () => import('./batch.js'),
});

const tasks = group('tasks', 'batch send tasks', [
  cmd({
    name: 'list',
    description: 'list send tasks',
    options: [
      {
        flags: '--status <status>',
        description: 'task status',
        choices: ['waiting', 'sending', 'paused-today', 'error', 'finished'],
      },
      { flags: '--type <type>', description: 'task type', choices: ['immediate', 'scheduled', 'recurring'] },
      { flags: '--group <group>', description: 'recipient group id or name' },
      ...page,
    ],
    load: () => import('./tasks.js'),
  }),
  cmd({ name: 'show', description: 'show one task', args: ['<id>'], load: () => import('./tasks.js') }),
  cmd({
    name: 'watch',
    description: 'follow a task: sent / requested, cached, status',
    args: ['<id>'],
    options: [{ flags: '--interval <seconds>', description: 'poll interval, at least 1', default: '2' }],
    load: () => import('./tasks.js'),
  }),
]);

const status = cmd({
  name: 'status',
  description: 'delivery status of sent emails for one day',
  options: [
    { flags: '--date <date>', description: 'YYYY-MM-DD (default: today)' },
    { flags: '--message-id <id>', description: 'one message' },
    { flags: '--to <address>', description: 'one recipient' },
    ...page,
  ],
  load: () => import('./status.js'),
});

const stats = cmd({
  name: 'stats',
  description: 'funnel: requested → accepted → delivered → opened → clicked, bounces, unsubscribes',
  options: [
    { flags: '--from <date>', description: 'first day YYYY-MM-DD (default: 7 days ago)' },
    { flags: '--to <date>', description: 'last day YYYY-MM-DD (default: today)' },
    { flags: '--domain <domain>', description: 'sender domain' },
    { flags: '--mailbox-type <domain>', description: 'recipient mailbox domain, e.g. gmail.com' },
    { flags: '--csv', description: 'per-day CSV on stdout' },
  ],
  load: () => import('./stats.js'),
});

const warmup = cmd({
  name: 'warmup',
  description: 'warm-up progress of a sender domain: plan day, quota, sent, cached, remaining',
  options: [
    { flags: '--domain <domain>', description: 'sender domain (default: the only or first verified one)' },
    { flags: '--volume <n>', description: 'project when N emails will have gone out' },
    { flags: '--plan <file>', description: 'custom plan JSON: { "days": [{ "day": 1, "limit": 500 }, …] }' },
  ],
  load: () => import('./warmup.js'),
});

const identities = group('identities', 'sender domains: create, verify, DNS checks', [
  cmd({ name: 'list', description: 'list sender domains', load: () => import('./identities.js') }),
  cmd({
    name: 'create',
    description: 'add a sender domain and print the DNS records to publish',
    args: ['<domain>'],
    options: [
      { flags: '--dkim <bits>', description: 'DKIM key size', choices: ['1024', '2048'], default: '1024' },
    ],
    write: true,
    load: () => import('./identities.js'),
  }),
  cmd({
    name: 'show',
    description: 'show a domain and its DNS records',
    args: ['<domain>'],
    load: () => import('./identities.js'),
  }),
  cmd({
    name: 'verify',
    description: 'ask the service to re-check the DNS records now',
    args: ['<domain>'],
    write: true,
    load: () => import('./identities.js'),
  }),
  cmd({
    name: 'delete',
    description: 'delete a sender domain',
    args: ['<domain>'],
    write: true,
    destructive: true,
    load: () => import('./identities.js'),
  }),
  cmd({
    name: 'check',
    description: 'look up SPF, DKIM, DMARC and MX in DNS: found / missing / different',
    args: ['<domain>'],
    load: () => import('./identities-check.js'),
  }),
]);

const senders = group('senders', 'sender addresses', [
  cmd({ name: 'list', description: 'list sender addresses', load: () => import('./senders.js') }),
  cmd({
    name: 'create',
    description: 'add a sender address on a verified domain',
    args: ['<address>'],
    options: [{ flags: '--name <alias>', description: 'display name' }],
    write: true,
    load: () => import('./senders.js'),
  }),
  cmd({
    name: 'delete',
    description: 'delete a sender address',
    args: ['<address>'],
    write: true,
    destructive: true,
    load: () => import('./senders.js'),
  }),
  cmd({
    name: 'smtp-password',
    description: 'set the SMTP password (read from SES_SMTP_PASSWORD, stdin, or a hidden prompt)',
    args: ['<address>'],
    options: [
      {
        flags: '--password <password>',
        description: 'the password (discouraged: visible in shell history and the process list)',
        secret: { instead: 'SES_SMTP_PASSWORD, stdin or the prompt' },
      },
    ],
    write: true,
    load: () => import('./senders.js'),
  }),
]);

const blacklist = group('blacklist', 'the bounce blacklist kept by the service', [
  cmd({
    name: 'list',
    description: 'addresses blocked after hard bounces',
    options: [
      { flags: '--from <date>', description: 'first day (default: 30 days ago)' },
      { flags: '--to <date>', description: 'last day (default: today)' },
      { flags: '--email <address>', description: 'one address' },
      ...page,
    ],
    load: () => import('./blacklist.js'),
  }),
  cmd({
    name: 'delete',
    description: 'unblock addresses',
    args: ['<emails...>'],
    write: true,
    destructive: true,
    load: () => import('./blacklist.js'),
  }),
]);

const suppress = group('suppress', 'your custom blacklist (suppression list)', [
  cmd({
    name: 'list',
    description: 'list suppressed addresses',
    options: [
      {
        flags: '--status <status>',
        description: 'entry status',
        choices: ['active', 'expired', 'all'],
        default: 'all',
      },
      { flags: '--email <address>', description: 'one address' },
      ...page,
    ],
    load: () => import('./suppress.js'),
  }),
  cmd({
    name: 'add',
    description: 'suppress addresses',
    args: ['<emails...>'],
    options: [{ flags: '--expires <date>', description: 'YYYY-MM-DD (default: never)' }],
    write: true,
    load: () => import('./suppress.js'),
  }),
  cmd({
    name: 'update',
    description: 'change an entry’s address or expiry',
    args: ['<id>'],
    options: [
      { flags: '--email <address>', description: 'new address (default: keep the current one)' },
      { flags: '--expires <date>', description: 'YYYY-MM-DD, or "never"' },
    ],
    write: true,
    load: () => import('./suppress.js'),
  }),
  cmd({
    name: 'remove',
    description: 'stop suppressing addresses',
    args: ['<emails...>'],
    write: true,
    destructive: true,
    load: () => import('./suppress.js'),
  }),
]);

const unsubscribeConfig = group('unsubscribe-config', 'per-sender-address unsubscribe link settings', [
  cmd({
    name: 'list',
    description: 'list settings',
    options: page,
    load: () => import('./unsubscribe-config.js'),
  }),
  cmd({
    name: 'set',
    description: 'create or update the setting of a sender address',
    args: ['<address>'],
    options: [
      {
        flags: '--language <code>',
        description:
          "link language 0–10 in the site's numbering (China: 1 zh-CN, 2 en; international, ap-singapore: 1 en, 2 zh-CN)",
        default: '2',
      },
      { flags: '--off', description: 'turn the link off' },
    ],
    write: true,
    load: () => import('./unsubscribe-config.js'),
  }),
  cmd({
    name: 'delete',
    description: 'delete the setting of a sender address',
    args: ['<address>'],
    write: true,
    destructive: true,
    load: () => import('./unsubscribe-config.js'),
  }),
]);

const abuse = cmd({
  name: 'abuse',
  description: 'spam-complaint (abuse) reports',
  options: [
    { flags: '--from <date>', description: 'first day (default: 30 days ago)' },
    { flags: '--to <date>', description: 'last day (default: today)' },
    { flags: '--domain <domain>', description: 'sender domain' },
    { flags: '--address <address>', description: 'sender address' },
    { flags: '--recipient <address>', description: 'recipient address' },
    { flags: '--limit <n>', description: 'page size', default: '100' },
    { flags: '--offset <n>', description: 'items to skip', default: '0' },
  ],
  load: () => import('./abuse.js'),
});

const local = group('local', 'the local backend: time travel, reset, outbox', [
  group('clock', 'the emulated clock', [
    cmd({ name: 'show', description: 'print the emulated time', load: () => import('./local.js') }),
    cmd({
      name: 'advance',
      description: 'move the clock forward, e.g. 1d, 12h, 90m, 1d12h',
      args: ['<duration>'],
      load: () => import('./local.js'),
    }),
  ]),
  cmd({
    name: 'reset',
    description: 'wipe the local database and outbox',
    destructive: true,
    load: () => import('./local.js'),
  }),
  cmd({
    name: 'messages',
    description: 'list delivered messages (the outbox), or show one',
    args: ['[id]'],
    options: [
      { flags: '--to <address>', description: 'recipient (the exact address, any case)' },
      { flags: '--subject <text>', description: 'subject contains' },
      { flags: '--raw', description: 'with an id: print the .eml source' },
      { flags: '--limit <n>', description: 'page size', default: '20' },
      { flags: '--offset <n>', description: 'items to skip', default: '0' },
    ],
    load: () => import('./local.js'),
  }),
]);

const serve = cmd({
  name: 'serve',
  description: 'run the emulator: the Tencent Cloud API 3.0 protocol on a local port',
  options: [
    { flags: '--port <port>', description: 'port', default: '4599' },
    { flags: '--host <host>', description: 'interface', default: '127.0.0.1' },
    {
      flags: '--allowed-host <name>',
      description:
        "a host name the dashboard and /_emulator answer to besides IPs and localhost, e.g. this machine's name with --host 0.0.0.0 (repeatable)",
      repeatable: true,
    },
    {
      flags: '--webhook <url>',
      description: "POST delivery events to this URL in Tencent's callback shape (repeatable)",
      repeatable: true,
    },
    { flags: '--webhook-custom <value>', description: 'value echoed as X-Tencentcloudses-Cb-Custom' },
    { flags: '--no-rate-limits', description: 'do not enforce the per-action request rates' },
  ],
  load: () => import('./serve.js'),
});

const configure = cmd({
  name: 'configure',
  description:
    'save --backend/--region/--endpoint/--data-dir to a profile (asks interactively on a terminal when no flag is given); credentials via prompt, env or stdin',
  options: [
    { flags: '--secret-id <id>', description: 'Tencent Cloud SecretId' },
    {
      flags: '--secret-key <key>',
      description: 'Tencent Cloud SecretKey (discouraged: visible in shell history and the process list)',
      secret: { instead: 'TENCENTCLOUD_SECRET_KEY, --secret-key-stdin or the prompt' },
    },
    { flags: '--secret-key-stdin', description: 'read the SecretKey from stdin' },
  ],
  load: () => import('./configure.js'),
});

const config = group('config', 'resolved configuration', [
  cmd({
    name: 'list',
    description: 'every setting, its value and where it came from (secrets masked)',
    load: () => import('./configure.js'),
  }),
]);

const completion = cmd({
  name: 'completion',
  description: 'print a shell completion script',
  args: ['<shell>'],
  load: () => import('./completion.js'),
});

const demo = cmd({
  name: 'demo',
  description: 'a guided scenario on the local backend: domain, template, 3,000 recipients, warm-up, funnel',
  options: [
    { flags: '--recipients <n>', description: 'group size', default: '3000' },
    { flags: '--days <n>', description: 'days to travel', default: '4' },
  ],
  load: () => import('./demo.js'),
});

const docs = cmd({
  name: 'docs',
  description: 'print the command reference as Markdown',
  hidden: true,
  load: () => import('./docs.js'),
});

/** Every noun and verb, in help order. */
export const commandTree: readonly (CommandSpec | GroupSpec)[] = [
  send,
  batch,
  tasks,
  templates,
  groups,
  status,
  stats,
  warmup,
  identities,
  senders,
  blacklist,
  suppress,
  unsubscribeConfig,
  abuse,
  local,
  serve,
  configure,
  config,
  completion,
  demo,
  docs,
];
