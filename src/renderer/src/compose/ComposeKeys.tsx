import { useEffect, type RefObject } from 'react';
import type { ShortcutAction } from '../keyboard/hotkeys';
import { useCompose } from './compose-context';

/** Hands the app's key router the composer shortcuts: c new, r reply, a reply all, f forward. */
export function ComposeKeys({ handlerRef }: { handlerRef: RefObject<((action: ShortcutAction) => boolean) | null> }) {
  const compose = useCompose();
  useEffect(() => {
    handlerRef.current = (action) => {
      switch (action) {
        case 'compose':
          compose.compose();
          return true;
        case 'reply':
        case 'reply-all':
        case 'forward':
          return compose.reply(action);
        default:
          return false;
      }
    };
    return () => {
      handlerRef.current = null;
    };
  }, [handlerRef, compose]);
  return null;
}
