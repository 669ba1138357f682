import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';

export interface TabsProps<T extends string> {
  /** Prefix of the element ids that tie each tab to the panel. */
  id: string;
  label: string;
  tabs: { id: T; label: string }[];
  selected: T;
  onSelect: (tab: T) => void;
  /** The selected tab's content. */
  children: ComponentChildren;
}

/**
 * A tab list and its one panel, as the ARIA tabs pattern describes: only the selected tab is in the
 * Tab order, the arrow keys (and Home / End) move to and select the neighbouring tab.
 */
export function Tabs<T extends string>(props: TabsProps<T>) {
  const tabId = (tab: T) => `${props.id}-tab-${tab}`;
  const panelId = `${props.id}-panel`;

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLButtonElement>) => {
    const index = props.tabs.findIndex((tab) => tab.id === props.selected);
    const last = props.tabs.length - 1;
    const next = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    props.onSelect(props.tabs[next]!.id);
    // The buttons stay the same elements; only their state changes.
    const buttons = event.currentTarget.parentElement?.querySelectorAll<HTMLElement>('[role=tab]');
    buttons?.[next]?.focus();
  };

  return (
    <>
      <div class="tabs" role="tablist" aria-label={props.label}>
        {props.tabs.map((tab) => {
          const selected = tab.id === props.selected;
          return (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={panelId}
              tabIndex={selected ? 0 : -1}
              class={selected ? 'active' : ''}
              onClick={() => props.onSelect(tab.id)}
              onKeyDown={onKeyDown}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(props.selected)}>
        {props.children}
      </div>
    </>
  );
}
