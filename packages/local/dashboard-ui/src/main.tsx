import { render } from 'preact';
import type { ClockView } from '../../src/dashboard/types.js';
import { getJson } from './api.js';
import { ClockControls } from './components/clock-controls.js';
import { POLL_MS, useApi } from './hooks.js';
import { FunnelPage } from './pages/funnel.js';
import { MessagePage, NO_SUCH_MESSAGE } from './pages/message.js';
import { NotFoundPage } from './pages/not-found.js';
import { OutboxPage } from './pages/outbox.js';
import { TasksPage } from './pages/tasks.js';
import { WarmupPage } from './pages/warmup.js';
import { Link, useLocation } from './router.js';

const SECTIONS = [
  {
    href: '/ui',
    label: 'Outbox',
    match: (path: string) => path === '/ui' || path.startsWith('/ui/messages/'),
  },
  { href: '/ui/tasks', label: 'Tasks', match: (path: string) => path === '/ui/tasks' },
  { href: '/ui/warmup', label: 'Warm-up', match: (path: string) => path === '/ui/warmup' },
  { href: '/ui/funnel', label: 'Funnel', match: (path: string) => path === '/ui/funnel' },
];

/** A path segment decoded, or undefined when its percent-encoding is malformed (`%E0%A4%A`). */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function App() {
  const location = useLocation();
  const path = location.path.replace(/\/+$/, '') || '/ui';
  const clock = useApi(() => getJson<ClockView>('clock'), 'clock', POLL_MS).data;
  const message = /^\/ui\/messages\/([^/]+)$/.exec(path);

  let page = <NotFoundPage title="Page not found" detail={`The dashboard has no page at ${path}.`} />;
  if (path === '/ui') page = <OutboxPage />;
  else if (message) {
    const id = decodeSegment(message[1] ?? '');
    page = id === undefined ? NO_SUCH_MESSAGE : <MessagePage key={id} id={id} clock={clock} />;
  } else if (path === '/ui/tasks') {
    const focus = Number(location.search.get('id'));
    page = <TasksPage focus={Number.isSafeInteger(focus) && focus > 0 ? focus : undefined} />;
  } else if (path === '/ui/warmup') page = <WarmupPage />;
  else if (path === '/ui/funnel') page = <FunnelPage clock={clock} />;

  return (
    <div class="layout">
      <nav class="sidebar" aria-label="Sections">
        <div class="brand">
          ses-cli
          <small>local SES emulator</small>
        </div>
        <div class="nav">
          {SECTIONS.map((section) => {
            const active = section.match(path);
            return (
              <Link
                key={section.href}
                href={section.href}
                class={active ? 'active' : ''}
                aria-current={active ? 'page' : undefined}
              >
                {section.label}
              </Link>
            );
          })}
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
