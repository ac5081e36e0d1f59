import { api, segment } from '../api.js';
import { act, h, table, when, won, show } from '../ui.js';
import { t, term } from '../i18n.js';
import { caseLink } from './cases.js';

// A supervisor's work: sales proposed and cancellations asked for by others, each approved in place.
export async function approvals({ main, session }) {
  const [sales, cancellations] = await Promise.all([
    api('/api/cases?approval=Sale&limit=200'),
    api('/api/cases?approval=Cancellation&limit=200'),
  ]);
  show(main,
    h('h1', {}, t('Approvals')),
    section(t('Sales proposed'), 'sales', sales, 'sale-approval', t('Approve sale'), c => c.officer === session.actor),
    section(t('Cancellations asked for'), 'cancellations', cancellations, 'cancellation-approval', t('Approve cancellation'), c => c.cancellationRequestedBy === session.actor));
}

// A second person approves: what the supervisor opened or asked for is shown, without the button.
function section(title, id, page, step, label, isOwn) {
  const columns = [
    { title: t('Case'), value: c => h('a', { href: caseLink(c.id) }, c.id) },
    { title: t('State'), value: c => term(c.status) },
    { title: t('Opened by'), value: c => c.officer },
    { title: t('Opened'), value: c => when(c.opened) },
    { title: t('Debt'), value: c => won(c.debt), numeric: true },
    { title: t('Valuation'), value: c => won(c.valuation), numeric: true },
    { title: '', value: c => (isOwn(c) ? h('span', { class: 'muted own' }, t('yours: another supervisor approves')) : approveButton(c, step, label)) },
  ];
  return h('section', { class: 'card', id },
    h('h2', {}, `${title} (${page.total})`),
    page.items.length ? table(columns, page.items) : h('p', { class: 'muted' }, t('Nothing waits.')));
}

function approveButton(row, step, label) {
  const output = h('span');
  const button = h('button', { type: 'button', class: 'approve' }, label);
  button.addEventListener('click', () => act(button, output, async () => {
    await api(`/api/cases/${segment(row.id)}/${step}`, { method: 'POST' });
    button.replaceWith(h('span', { class: 'done' }, t('approved')));
  }));
  return h('span', {}, button, output);
}
