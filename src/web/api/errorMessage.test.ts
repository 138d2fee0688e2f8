import { describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { ApiError } from './client';
import { errorMessage } from './errorMessage';

describe('errorMessage', () => {
  it("shows the server's sentence for a refusal", () => {
    expect(errorMessage(new ApiError(409, 'conflict', 'Déjà autorisé.'))).toBe('Déjà autorisé.');
  });

  it("words a network failure and a page's own error in the interface's language", async () => {
    vi.stubGlobal('document', { documentElement: {} }); // i18n sets <html lang> when the language changes
    await i18n.changeLanguage('en');
    expect(errorMessage(new ApiError(0, 'network', 'Réseau indisponible.'))).toBe('Network unavailable.');
    expect(errorMessage(new TypeError('x is undefined'))).toBe('Something unexpected went wrong. Try again.');
    await i18n.changeLanguage('fr');
    expect(errorMessage(new ApiError(0, 'network', 'Network unavailable.'))).toBe('Réseau indisponible.');
    vi.unstubAllGlobals();
  });
});
