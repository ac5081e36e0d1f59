// The review evidence compared field by field: where two names differ (letter by letter, and for
// Hangul jamo by jamo), birth dates part by part, phones digit by digit, beside the matcher's own
// verdict on each field (the marks show where, the matcher says what it concluded).
import { h } from './ui.js';
import { t } from './i18n.js';

const hangulBase = 0xac00;
const initials = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const medials = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const finals = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];

/** What separates the parts of a name or number and is not compared. */
const separator = /[\s\-.,]/;

/** A character's comparable parts: a Hangul syllable's jamo, else the letter itself (case and spacing aside). */
function parts(character) {
  const code = character.charCodeAt(0) - hangulBase;
  if (code < 0 || code > 11171) {
    return [character.toUpperCase()];
  }
  return [initials[Math.floor(code / 588)], medials[Math.floor((code % 588) / 28)], finals[code % 28]].filter(j => j);
}

/** For each unit of a and of b, whether it has a counterpart in a longest common subsequence. */
function common(a, b) {
  const lengths = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const inA = new Array(a.length).fill(false);
  const inB = new Array(b.length).fill(false);
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      inA[i++] = inB[j++] = true;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return [inA, inB];
}

/** The text with each character whose parts (letters, jamo) the other side lacks marked; the jamo it lacks in the mark's title. */
function marked(text, kept) {
  let unit = 0;
  return [...text].map(character => {
    if (separator.test(character)) {
      return character;
    }
    const own = parts(character);
    const lacking = own.filter((_, k) => !kept[unit + k]);
    unit += own.length;
    return lacking.length ? h('mark', { title: own.length > 1 ? lacking.join(' ') : null }, character) : character;
  });
}

/** Two texts side by side, what differs marked on each. */
function differences(left, right) {
  if (!left || !right) {
    return [left || '—', right || '—'];
  }
  const units = text => [...text].filter(c => !separator.test(c)).flatMap(parts);
  const [a, b] = [units(left), units(right)];
  const [inA, inB] = common(a, b);
  return [h('span', {}, marked(left, inA)), h('span', {}, marked(right, inB))];
}

/** Birth dates part by part; an exchange's may lack its century, and day and month may be swapped. */
function birthParts(roll, exchange) {
  if (!roll || !exchange) {
    return null;
  }
  const [year, month, day] = roll.split('-').map(Number);
  const verdicts = [
    [t('year'), year % 100 === exchange.yearOfCentury && (exchange.century === null || exchange.century === undefined || Math.floor(year / 100) === exchange.century)],
    [t('month'), month === exchange.month],
    [t('day'), day === exchange.day],
  ];
  const swapped = month !== day && month === exchange.day && day === exchange.month;
  return [verdicts.map(([part, agrees]) => h('span', { class: agrees ? 'agrees' : 'differs' }, `${part} ${agrees ? '✓' : '✗'}`)).reduce((all, v) => [...all, ' ', v], []),
    swapped ? ` (${t('month and day swapped')})` : ''];
}

/** The matcher's verdict on a field, from the candidate's reasons ('name:near'): shown as found, never judged again here. */
function verdict(reasons, field) {
  const level = (reasons.find(r => r.startsWith(`${field}:`)) || `${field}:missing`).slice(field.length + 1);
  const said = { exact: t('the same'), romanized: t('the same, romanized'), agrees: t('agree'), near: t('near'), partial: t('one part the same'), differs: t('differ'), missing: t('missing on one side') };
  return h('span', { class: ['exact', 'romanized', 'agrees'].includes(level) ? 'agrees' : 'differs' }, said[level] ?? level);
}

const masked = value => String(value || '').includes('*');

/** A probability as a percentage that never claims certainty: 99.97% reads "> 99.9". */
export const percent = p => (p >= 0.999 ? '> 99.9' : p < 0.001 ? '< 0.1' : (p * 100).toFixed(1));

/** Bits of weight, signed: + for the same person, − against. */
const bits = value => h('span', { class: value >= 0 ? 'agrees' : 'differs' }, `${value >= 0 ? '+' : ''}${value.toFixed(1)}`);

/** A field's part of the match weight, as the sweep learnt it. */
function fieldWeight(weight, field) {
  const part = weight && weight.fields.find(f => f.field.toLowerCase() === field);
  return part ? bits(part.weight) : '—';
}

/** How common the agreeing name is, which the name's weight includes: a common name says less than a rare one. */
function nameFrequency(weight) {
  const frequency = weight && (weight.fields.find(f => f.field.toLowerCase() === 'name') || {}).frequency;
  if (!frequency) return null;
  const perTenThousand = frequency.share * 10000;
  const shown = perTenThousand.toFixed(perTenThousand >= 10 ? 0 : perTenThousand >= 0.1 ? 1 : 3);
  return h('span', { class: 'name-frequency' }, frequency.rare
    ? t('a rare name: fewer than {0} in 10,000 taxpayers bear it', shown)
    : t('{0} in 10,000 taxpayers bear this name', shown));
}

/** The weight before any field is compared (how rare a true pair is among all pairs): with the fields' parts it makes the total. */
function prior(weight) {
  return h('tr', { class: 'prior' }, h('th', {}, t('Before comparing')), h('td', { colspan: 3 }, t('how rare it is that a taxpayer and an account are the same person')),
    h('td', { class: 'weight' }, bits(weight.fields.reduce((rest, f) => rest - f.weight, weight.total))));
}

/**
 * The comparison table: name, birth date and phone of the roll beside the exchange's holder, with
 * the matcher's verdict on each and its weight. What differs is marked unless a side is masked for the reader's role.
 */
export function comparison(taxpayer, holder, birth, reasons, weight) {
  const sides = (left, right) => (masked(left) || masked(right) ? [left || '—', right || '—'] : differences(left, right));
  const row = (id, label, [left, right], extra) =>
    h('tr', { class: id }, h('th', {}, label), h('td', {}, left), h('td', {}, right), h('td', {}, verdict(reasons, id), extra ? [' — ', extra] : null), h('td', { class: 'weight' }, fieldWeight(weight, id)));
  const digits = phone => (phone || '').replace(/[^\d*]/g, '');
  const holderBirth = birth(holder.birth);
  return h('section', { class: 'card', id: 'comparison' },
    h('h2', {}, t('Compared field by field')),
    weight ? h('p', { id: 'match-weight' }, t('Match weight {0} bits: a {1}% chance this is the taxpayer', `${weight.total >= 0 ? '+' : ''}${weight.total.toFixed(1)}`, percent(weight.probability))) : null,
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, t('Roll')), h('th', {}, t('Exchange')), h('th', {}, t('Matcher')), h('th', {}, t('Weight')))),
      h('tbody', {},
        row('name', t('Name'), sides(taxpayer.name, holder.name), nameFrequency(weight)),
        row('birth', t('Birth date'), [taxpayer.birthDate || '—', holderBirth || '—'], masked(taxpayer.birthDate) || masked(holderBirth) ? null : birthParts(taxpayer.birthDate, holder.birth)),
        row('phone', t('Phone'), sides(digits(taxpayer.phone), digits(holder.phone))),
        row('rrn', t('RRN'), [taxpayer.rrnMasked || '—', holder.rrnMasked || '—']),
        weight ? prior(weight) : null)));
}
