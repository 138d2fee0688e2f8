import { ChoiceInteraction } from './ChoiceInteraction';
import { GapMatchInteraction } from './GapMatchInteraction';
import { HotspotInteraction } from './HotspotInteraction';
import { InlineChoiceInteraction } from './InlineChoiceInteraction';
import type { InteractionProps } from './interaction';
import { MatchInteraction } from './MatchInteraction';
import { OrderInteraction } from './OrderInteraction';
import { TextEntryInteraction } from './TextEntryInteraction';

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
      return <OrderInteraction {...props} />;
    case 'inline_choice':
      return <InlineChoiceInteraction {...props} />;
    case 'text_entry':
      return <TextEntryInteraction {...props} />;
  }
}
