import { api, query } from './api.js';
import { t } from './i18n.js';

// Building pages from data. Every value is inserted as text, never as markup, so nothing read
// from a file or an exchange can run in an officer's browser.

export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

// Swedish writes dates as ISO does (2026-11-22 18:33:03); the time is Korea's.
const kst = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A time as officers read it (Korea time, KST): from Unix seconds or an ISO string; '—' for none. */
export function when(time) {
  if (time === null || time === undefined || time === 0 || time === '') {
    return '—';
  }
  return kst.format(typeof time === 'number' ? new Date(time * 1000) : new Date(time)) + ' KST';
}

/** How long since `since` by the system's clock `now` (both Unix seconds): hours below a day, days above; '—' when unknown. */
export function age(since, now) {
  if (!since || !now) {
    return '—';
  }
  const hours = Math.max(0, Math.floor((now - since) / 3600));
  return hours < 1 ? t('under an hour') : hours < 24 ? t('{0} h', hours) : t('{0} d', Math.floor(hours / 24));
}

/** An amount as the reader writes it: 1,234,000원 in Korean, ₩1,234,000 in English. */
export const won = amount => t('₩{0}', Number(amount || 0).toLocaleString('ko-KR'));

export function problem(error) {
  const details = error.problem && error.problem.errors
    ? Object.entries(error.problem.errors).map(([field, messages]) => h('li', {}, `${field}: ${messages.join(' ')}`))
    : [];
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, error.problem ? t(error.problem.title || 'Refused') : t('Error')), ' ', error.message, details.length ? h('ul', {}, details) : null);
}

/**
 * The pace of work seen since it was first seen running, as (running, done, total) come: the rate
 * per second and the seconds left at it, or null until some work was seen done. Work finishes
 * unevenly, so it is a guess.
 */
export function pace() {
  let seen = null;
  return (running, done, total) => {
    seen = running ? seen || { at: Date.now(), done } : null;
    const msEach = seen && done > seen.done ? (Date.now() - seen.at) / (done - seen.done) : null;
    return msEach ? { perSecond: 1000 / msEach, secondsLeft: Math.ceil((msEach * (total - done)) / 1000) } : null;
  };
}

/** Runs an action from a button: the button waits, a refusal is shown in place of the last one. */
export async function act(button, output, action) {
  button.disabled = true;
  output.replaceChildren();
  try {
    await action();
  } catch (error) {
    output.replaceChildren(problem(error));
  } finally {
    button.disabled = false;
  }
}

export function table(columns, rows, onRow) {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c.title)))),
    h('tbody', {}, rows.map(row => tableRow(columns, row, onRow))));
}

/** A row of a table; a column's value(row, page) also sees the API page it came in, e.g. its `now`. */
function tableRow(columns, row, onRow, page) {
  return h('tr', onRow ? { class: 'link', onclick: () => onRow(row) } : {}, columns.map(c => h('td', c.numeric ? { class: 'num' } : {}, c.value(row, page))));
}

/**
 * A list read page by page from the API (keyset cursor): the first page now, the next on "More".
 * fetchPage(after) answers { items, next, total }.
 */
export async function pagedTable(container, columns, fetchPage, onRow) {
  const body = h('tbody');
  const count = h('p', { class: 'muted count' });
  const more = h('button', { type: 'button', class: 'more' }, t('More'));
  const output = h('div');
  let next = null;
  let shown = 0;
  async function load() {
    const page = await fetchPage(next);
    page.items.forEach(row => body.append(tableRow(columns, row, onRow, page)));
    shown += page.items.length;
    next = page.next;
    count.textContent = t('{0} of {1}', shown, page.total);
    more.hidden = !next;
  }
  more.addEventListener('click', () => act(more, output, load));
  container.replaceChildren(
    h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c.title)))), body),
    count, more, output);
  await load();
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(p => p).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]));
}

export function field(label, input) {
  return h('label', {}, h('span', {}, label), input);
}

export function select(name, options, value) {
  return h('select', { name }, options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text)));
}

/** Puts a page's parts in place of what was there; parts left out (null, false) are skipped. */
export function show(container, ...parts) {
  container.replaceChildren(...parts.flat().filter(p => p !== undefined && p !== null && p !== false));
}

/**
 * A list whose filters are a form: the first page with the form as it is, and again from the
 * first page each time the form is sent. The form's fields are the API's query parameters.
 */
export function filteredTable(form, container, path, columns, onRow) {
  const load = () => pagedTable(container, columns, after => api(`${path}${query({ ...Object.fromEntries(new FormData(form)), after })}`), onRow);
  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  return load();
}
