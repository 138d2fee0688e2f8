import { ChoiceInteraction } from './ChoiceInteraction';
import { GapMatchInteraction } from './GapMatchInteraction';
import { HotspotInteraction } from './HotspotInteraction';
import type { InteractionProps } from './interaction';
import { MatchInteraction } from './MatchInteraction';

/** What the learner does with an item, by its type (src/shared/exam.ts says how each writes its response). */
export function ItemInteraction(props: InteractionProps) {
  switch (props.item.type) {
    case 'single':
    case 'multiple':
    case 'true_false':
      return <ChoiceInteraction {...props} />;
    case 'hotspot':
      return <HotspotInteraction {...props} />;
    case 'match':
      return <MatchInteraction {...props} />;
    case 'gap_match':
      return <GapMatchInteraction {...props} />;
    case 'order':
    case 'inline_choice':
    case 'text_entry':
      // Built on the server side's branch (h/qti-server); merged here.
      return null;
  }
}
