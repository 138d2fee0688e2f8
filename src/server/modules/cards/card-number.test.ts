import { describe, expect, it } from 'vitest';
import { checkCharacter, generateCardNumber, parseCardNumber } from './card-number.js';

describe('card numbers', () => {
  it('are readable, in the look-alike-free alphabet, and carry their check character', () => {
    for (let i = 0; i < 200; i++) {
      const n = generateCardNumber(2026);
      expect(n).toMatch(/^VG-2026-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(parseCardNumber(n)).toBe(n);
    }
  });

  it('accept the number typed loosely', () => {
    const n = generateCardNumber(2026);
    const loose = n.toLowerCase().replace(/-/g, ' ');
    expect(parseCardNumber(loose)).toBe(n);
    expect(parseCardNumber(n.replace(/-/g, ''))).toBe(n);
  });

  it('catch every single wrong character and every swap of two different characters', () => {
    const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
    for (let k = 0; k < 30; k++) {
      const n = generateCardNumber(2026);
      const chars = n.slice(8).replace('-', '');
      for (let i = 0; i < chars.length; i++) {
        for (const other of alphabet) {
          if (other === chars[i]) continue;
          const typo = chars.slice(0, i) + other + chars.slice(i + 1);
          expect(parseCardNumber(`VG2026${typo}`), `${chars} → ${typo}`).toBeNull();
        }
      }
      for (let i = 0; i < chars.length; i++) {
        for (let j = i + 1; j < chars.length; j++) {
          if (chars[i] === chars[j]) continue;
          const swapped = [...chars];
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          expect(parseCardNumber(`VG2026${swapped.join('')}`), `${chars} → ${swapped.join('')}`).toBeNull();
        }
      }
    }
  });

  it('refuse what cannot be a card number', () => {
    expect(parseCardNumber('')).toBeNull();
    expect(parseCardNumber('VG-2026-ABCD')).toBeNull();
    expect(parseCardNumber('VG-2026-ABC0-EFGH')).toBeNull(); // 0 is not in the alphabet
    expect(parseCardNumber('XX-2026-ABCD-EFGH')).toBeNull();
    expect(checkCharacter('ABCDEFG')).toHaveLength(1);
  });
});
