import { render } from 'preact';
import type { ClockView } from '../../src/dashboard/types.js';
import { getJson } from './api.js';
import { ClockControls } from './components/clock-controls.js';
import { POLL_MS, useApi } from './hooks.js';
import { FunnelPage } from './pages/funnel.js';
import { MessagePage } from './pages/message.js';
import { OutboxPage } from './pages/outbox.js';
import { TasksPage } from './pages/tasks.js';
import { WarmupPage } from './pages/warmup.js';
import { Link, usePath } from './router.js';

const SECTIONS = [
  {
    href: '/ui',
    label: 'Outbox',
    match: (path: string) => path === '/ui' || path.startsWith('/ui/messages'),
  },
  { href: '/ui/tasks', label: 'Tasks', match: (path: string) => path === '/ui/tasks' },
  { href: '/ui/warmup', label: 'Warm-up', match: (path: string) => path === '/ui/warmup' },
  { href: '/ui/funnel', label: 'Funnel', match: (path: string) => path === '/ui/funnel' },
];

function App() {
  const path = usePath().replace(/\/+$/, '') || '/ui';
  const clock = useApi(() => getJson<ClockView>('clock'), 'clock', POLL_MS).data;
  const message = /^\/ui\/messages\/([^/]+)$/.exec(path);

  let page = <OutboxPage />;
  if (message) page = <MessagePage id={decodeURIComponent(message[1] ?? '')} clock={clock} />;
  else if (path === '/ui/tasks') page = <TasksPage />;
  else if (path === '/ui/warmup') page = <WarmupPage />;
  else if (path === '/ui/funnel') page = <FunnelPage clock={clock} />;

  return (
    <div class="layout">
      <nav class="sidebar" aria-label="Sections">
        <div class="brand">
          ses-cli
          <small>local SES emulator</small>
        </div>
        <div class="nav">
          {SECTIONS.map((section) => (
            <Link key={section.href} href={section.href} class={section.match(path) ? 'active' : ''}>
              {section.label}
            </Link>
          ))}
        </div>
      </nav>
      <main class="main">
        <header class="topbar">
          <ClockControls clock={clock} />
        </header>
        {page}
      </main>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
