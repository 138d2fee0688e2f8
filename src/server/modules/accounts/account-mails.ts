import type { Mail } from '../../mailer.js';

/** The mails of the accounts module, in the user's language. They never hold a password. */
type To = { email: string; language: 'fr' | 'en' };

export function resetLinkMail(to: To, link: string, minutes: number): Mail {
  const fr = to.language !== 'en';
  return {
    to: to.email,
    subject: fr ? 'Vigie — réinitialisation du mot de passe' : 'Vigie — password reset',
    text: fr
      ? `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valide ${minutes} minutes, une seule fois) :\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message.`
      : `Hello,\n\nTo choose a new password, open this link (valid ${minutes} minutes, once):\n${link}\n\nIf you did not ask for this, ignore this message.`,
  };
}

const notYou = {
  fr: 'Si ce n’est pas vous, demandez un nouveau mot de passe (« Mot de passe oublié ? ») et prévenez l’administrateur de Vigie.',
  en: 'If this was not you, ask for a new password (“Forgot your password?”) and tell Vigie’s administrator.',
};

/** To the account's address: its password was changed (from « Mon compte » or with a reset link). */
export function passwordChangedMail(to: To): Mail {
  const fr = to.language !== 'en';
  return {
    to: to.email,
    subject: fr ? 'Vigie — votre mot de passe a été changé' : 'Vigie — your password was changed',
    text: fr
      ? `Bonjour,\n\nLe mot de passe de votre compte Vigie vient d’être changé. Les autres sessions ouvertes ont été fermées.\n\n${notYou.fr}`
      : `Hello,\n\nThe password of your Vigie account has just been changed. Your other open sessions were closed.\n\n${notYou.en}`,
  };
}

/** To the OLD address: the account's e-mail now is `newEmail` (and the password changed too, when it did). */
export function emailChangedMail(to: To, newEmail: string, passwordToo: boolean): Mail {
  const fr = to.language !== 'en';
  const alsoFr = passwordToo ? ' Le mot de passe a aussi été changé.' : '';
  const alsoEn = passwordToo ? ' The password was changed too.' : '';
  return {
    to: to.email,
    subject: fr ? 'Vigie — le courriel de votre compte a été changé' : 'Vigie — your account’s e-mail was changed',
    text: fr
      ? `Bonjour,\n\nLe courriel de votre compte Vigie est maintenant ${newEmail} ; les messages n’arriveront plus à cette adresse.${alsoFr} Les autres sessions ouvertes ont été fermées.\n\nSi ce n’est pas vous, prévenez sans tarder l’administrateur de Vigie.`
      : `Hello,\n\nThe e-mail of your Vigie account is now ${newEmail}; messages will no longer come to this address.${alsoEn} Your other open sessions were closed.\n\nIf this was not you, tell Vigie’s administrator at once.`,
  };
}
