import { useTranslation } from 'react-i18next';
import { localized } from '../../../i18n/localized';
import { imageSrc, pairsOf, usedUp, type InteractionProps } from './interaction';

/**
 * `match` (a sign ↔ its meaning): for each source, its picture and text, and a labelled list of the targets.
 * A target used as many times as its `matchMax` allows is offered no more (« déjà choisie »). The response holds
 * one pair `"<source> <target>"` per source answered, in the sources' order.
 */
export function MatchInteraction({ item, response, disabled, lang, labelledBy, onChange }: InteractionProps) {
  const { t } = useTranslation('exam');
  const targets = item.targets ?? [];
  const chosen = new Map(pairsOf(response));
  const uses = new Map<string, number>();
  for (const target of chosen.values()) uses.set(target, (uses.get(target) ?? 0) + 1);

  const choose = (sourceId: string, targetId: string) => {
    const next = new Map(chosen);
    if (targetId) next.set(sourceId, targetId);
    else next.delete(sourceId);
    onChange(item.choices.filter((c) => next.has(c.id)).map((c) => `${c.id} ${next.get(c.id)}`));
  };
  const hintId = `hint-${item.id}`;

  return (
    <fieldset className="match" disabled={disabled} aria-labelledby={labelledBy} aria-describedby={hintId}>
      <p className="hint" id={hintId}>
        {t('question.matchHint')}
      </p>
      <ul className="match-list">
        {item.choices.map((source) => {
          const selectId = `match-${item.id}-${source.id}`;
          const current = chosen.get(source.id) ?? '';
          return (
            <li className={`match-row ${current ? 'match-row-done' : ''}`} key={source.id}>
              <label className="match-source" htmlFor={selectId}>
                {source.image && <img className="match-picture" src={imageSrc(source.image)} alt="" />}
                <span>{localized(source.text, lang)}</span>
              </label>
              <select id={selectId} value={current} onChange={(e) => choose(source.id, e.target.value)}>
                <option value="">{t('question.pick')}</option>
                {targets.map((target) => {
                  const taken = target.id !== current && usedUp(target.matchMax, uses.get(target.id) ?? 0);
                  return (
                    <option key={target.id} value={target.id} disabled={taken}>
                      {localized(target.text, lang)}
                      {taken ? ` ${t('question.taken')}` : ''}
                    </option>
                  );
                })}
              </select>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
