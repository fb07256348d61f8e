import { Composer } from './Composer';
import { useOptionalCompose } from './compose-context';

/** Where a reply sits in the reading pane: under the conversation it answers. */
export function InlineComposeSlot({ threadId }: { threadId: number }) {
  const compose = useOptionalCompose();
  const open = compose?.current;
  if (!open || open.placement !== 'inline' || open.threadId !== threadId) return null;
  return (
    <div className="inline-composer" data-testid="inline-composer">
      <Composer key={`${open.session.draftId}-inline`} open={open} />
    </div>
  );
}
