// The console speaks Korean first, English at the officer's choice (kept in this browser).
// The English text is a message's key (as gettext does); messages/ko.json gives its Korean, and the
// Korean words for the names the API uses (states, steps, documents, roles). Placeholders {0}, {1}, …
// are filled in order. A test checks that every message and every name has its Korean.
const choice = 'tracking.language';

export const language = localStorage.getItem(choice) === 'en' ? 'en' : 'ko';

const english = { messages: {}, terms: {} };
// Without its catalogue (a failed request) the console still works, in English.
const catalogue = language === 'ko' ? await fetch('messages/ko.json').then(r => (r.ok ? r.json() : english), () => english) : english;
document.documentElement.lang = language;

/** A message in the officer's language. */
export function t(text, ...values) {
  const message = Object.hasOwn(catalogue.messages, text) ? catalogue.messages[text] : text;
  return message.replace(/\{(\d+)\}/g, (_, index) => String(values[Number(index)] ?? ''));
}

/** 'SaleAwaitingApproval' → 'Sale awaiting approval'. */
const words = name => String(name || '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ ([A-Z])(?=[a-z])/g, (_, c) => ` ${c.toLowerCase()}`);

/** A name from the API ('SaleAwaitingApproval', 'seizureRecord', 'officer') as words in the officer's language. */
export function term(name) {
  const known = [String(name), String(name).charAt(0).toUpperCase() + String(name).slice(1)].find(n => Object.hasOwn(catalogue.terms, n));
  return known ? catalogue.terms[known] : words(name);
}

/** Switches language: the page is drawn again in the other. */
export function switchLanguage() {
  localStorage.setItem(choice, language === 'ko' ? 'en' : 'ko');
  location.reload();
}
