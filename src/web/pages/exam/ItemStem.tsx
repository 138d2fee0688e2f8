import type { ReactNode } from 'react';
import type { DeliveredItem, RichBlock, RichInline } from '../../../shared/exam';
import { localized } from '../../i18n/localized';

/**
 * The question's stem: its structured content (paragraphs, lists, tables, emphasis) when the item has one,
 * else its paragraphs. Built as React elements from the server's sanitised model: no HTML string is ever
 * inserted, so nothing in an item can run in the page.
 */
function Inline({ parts }: { parts: RichInline[] }) {
  return (
    <>
      {parts.map((x, i): ReactNode => {
        if (typeof x === 'string') return x;
        if ('br' in x) return <br key={i} />;
        if ('em' in x)
          return (
            <em key={i}>
              <Inline parts={x.em} />
            </em>
          );
        return (
          <strong key={i}>
            <Inline parts={x.strong} />
          </strong>
        );
      })}
    </>
  );
}

function Block({ block }: { block: RichBlock }) {
  if ('p' in block)
    return (
      <p>
        <Inline parts={block.p} />
      </p>
    );
  if ('ul' in block || 'ol' in block) {
    const items = 'ul' in block ? block.ul : block.ol;
    const list = items.map((li, i) => (
      <li key={i}>
        <Inline parts={li} />
      </li>
    ));
    return 'ul' in block ? <ul>{list}</ul> : <ol>{list}</ol>;
  }
  const { head, rows } = block.table;
  return (
    <div className="stem-table-wrap">
      <table className="stem-table">
        {head && (
          <thead>
            <tr>
              {head.map((c, i) => (
                <th key={i} scope="col">
                  <Inline parts={c} />
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>
                  <Inline parts={c} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ItemStem({ item, lang, id }: { item: DeliveredItem; lang: string; id: string }) {
  const blocks = item.body ? (lang.startsWith('en') && item.body.en ? item.body.en : item.body.fr) : null;
  return (
    <div className="stem" id={id}>
      {blocks
        ? blocks.map((b, i) => <Block key={i} block={b} />)
        : localized(item.stem, lang)
            .split('\n\n')
            .map((p, i) => <p key={i}>{p}</p>)}
    </div>
  );
}
