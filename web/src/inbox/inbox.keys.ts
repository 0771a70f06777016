// Keyboard shortcuts of the inbox (Gmail-like single keys). They never fire while someone types in
// a field or while a dialog is open, and leave modified keys (Ctrl, Alt, Meta) to the browser.
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/i18n.messages.ts';

export type ShortcutCommand =
  | 'next'
  | 'previous'
  | 'open'
  | 'hide'
  | 'restore'
  | 'reply'
  | 'note'
  | 'done'
  | 'assign'
  | 'case'
  | 'search'
  | 'help';

export interface Shortcut {
  readonly keys: readonly string[];
  readonly command: ShortcutCommand;
  readonly label: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j'], command: 'next', label: 'inbox.keys.next' },
  { keys: ['k'], command: 'previous', label: 'inbox.keys.previous' },
  { keys: ['Enter', 'o'], command: 'open', label: 'inbox.keys.open' },
  { keys: ['h'], command: 'hide', label: 'inbox.keys.hide' },
  { keys: ['u'], command: 'restore', label: 'inbox.keys.restore' },
  { keys: ['r'], command: 'reply', label: 'inbox.keys.reply' },
  { keys: ['n'], command: 'note', label: 'inbox.keys.note' },
  { keys: ['e'], command: 'done', label: 'inbox.keys.done' },
  { keys: ['a'], command: 'assign', label: 'inbox.keys.assign' },
  { keys: ['c'], command: 'case', label: 'inbox.keys.case' },
  { keys: ['/'], command: 'search', label: 'inbox.keys.search' },
  { keys: ['?'], command: 'help', label: 'inbox.keys.help' },
];

const BY_KEY: ReadonlyMap<string, ShortcutCommand> = new Map(
  SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => [key, shortcut.command] as const)),
);

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range']);

/** Whether keys typed here are text: inputs, text areas, selects, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) {
    return true;
  }
  if (target instanceof HTMLSelectElement) {
    return true;
  }
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

/** Enter opens only from the list itself; elsewhere it keeps activating buttons and links. */
function isListTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[role="listbox"]') !== null;
}

function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

export function commandFor(event: KeyboardEvent): ShortcutCommand | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
    return null;
  }
  if (event.isComposing || isTypingTarget(event.target) || dialogOpen()) {
    return null;
  }
  const command = BY_KEY.get(event.key) ?? null;
  if (event.key === 'Enter' && !isListTarget(event.target)) {
    return null;
  }
  return command;
}

/** Listens on the document while mounted; `run` may change between renders. */
export function useInboxKeys(run: (command: ShortcutCommand) => void): void {
  const current = useRef(run);
  useEffect(() => {
    current.current = run;
  }, [run]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (command !== null) {
        event.preventDefault();
        current.current(command);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
