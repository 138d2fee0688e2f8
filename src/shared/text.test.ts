import { describe, expect, it } from 'vitest';
import { compactText, emailSearchKeys, searchWords } from './text.js';

describe('search folding', () => {
  it('folds case, accents, apostrophes (straight and curly), hyphens, spaces and dots away', () => {
    expect(compactText('D’Amour')).toBe('damour');
    expect(compactText("D'Amour")).toBe('damour');
    expect(compactText('d ’ amour')).toBe('damour');
    expect(compactText('Sainte-Marie')).toBe('saintemarie');
    expect(compactText('ST-PIERRE')).toBe('stpierre');
    expect(compactText('Geneviève')).toBe('genevieve');
    expect(compactText('Zoé 2')).toBe('zoe2');
  });

  it('splits a query into compact words on spaces only', () => {
    expect(searchWords("  d'amour  Luc ")).toEqual(['damour', 'luc']);
    expect(searchWords('Sainte Marie')).toEqual(['sainte', 'marie']);
    expect(searchWords('Sainte-Marie')).toEqual(['saintemarie']);
    expect(searchWords('glavigne@vigie.demo')).toEqual(['glavignevigiedemo']);
    expect(searchWords(' - ’ ')).toEqual([]);
  });

  it('keys an e-mail so that any part of the address before « @ », or the domain from a label on, begins a key', () => {
    const keys = emailSearchKeys('G.Lavigne@Vigie.Demo');
    const matches = (typed: string) => searchWords(typed).every((w) => keys.some((k) => k.startsWith(w)));
    for (const part of ['g.lavigne@vigie.demo', 'lavigne', 'avig', 'e@vigie', 'vigie.demo', 'demo', 'LAVIGNE@VIGIE'])
      expect(matches(part), part).toBe(true);
    for (const other of ['lavignes', 'vigiedemox', 'tremblay']) expect(matches(other), other).toBe(false);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
