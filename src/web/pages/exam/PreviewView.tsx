import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PreviewItem } from '../../../shared/api/exams-admin';
import { ItemKey } from './ItemKey';
import { QuestionCard } from './QuestionCard';
import { QuestionPanel } from './QuestionPanel';

const ignore = () => undefined;

/**
 * A version's items as the learner sees them — the exam page's own question and panel — read-only, each with its
 * correct choices ticked and said under it (ItemKey), for an administrator before « Publier ».
 */
export function PreviewView({ items }: { items: PreviewItem[] }) {
  const [index, setIndex] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const go = useCallback((i: number) => {
    moved.current = true;
    setIndex(i);
  }, []);
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [index]);
  const keys = useMemo(
    () => Object.fromEntries(items.map((i) => [i.id, { choiceIds: i.correct, flagged: false }])),
    [items],
  );
  const item = items[Math.min(index, items.length - 1)];
  if (!item) return null;
  return (
    <div className="exam-body">
      <div>
        <QuestionCard
          ref={heading}
          item={item}
          index={index}
          total={items.length}
          answer={keys[item.id]!}
          disabled
          onChange={ignore}
          go={go}
        />
        <ItemKey item={item} />
      </div>
      {/* The panel as the learner first sees it: nothing answered yet. */}
      <QuestionPanel items={items} answers={{}} index={index} go={go} />
    </div>
  );
}
