import { api, segment } from '../api.js';
import { act, h, table, when, won, words, show } from '../ui.js';
import { caseLink } from './cases.js';

// A supervisor's work: sales proposed and cancellations asked for by others, each approved in place.
export async function approvals({ main, session }) {
  const [sales, cancellations] = await Promise.all([
    api('/api/cases?approval=Sale&limit=200'),
    api('/api/cases?approval=Cancellation&limit=200'),
  ]);
  show(main,
    h('h1', {}, 'Approvals'),
    section('Sales proposed', 'sales', sales, 'sale-approval', 'Approve sale', c => c.officer === session.actor),
    section('Cancellations asked for', 'cancellations', cancellations, 'cancellation-approval', 'Approve cancellation', c => c.cancellationRequestedBy === session.actor));
}

// A second person approves: what the supervisor opened or asked for is shown, without the button.
function section(title, id, page, step, label, isOwn) {
  const columns = [
    { title: 'Case', value: c => h('a', { href: caseLink(c.id) }, c.id) },
    { title: 'State', value: c => words(c.status) },
    { title: 'Opened by', value: c => c.officer },
    { title: 'Opened', value: c => when(c.opened) },
    { title: 'Debt', value: c => won(c.debt), numeric: true },
    { title: 'Valuation', value: c => won(c.valuation), numeric: true },
    { title: '', value: c => (isOwn(c) ? h('span', { class: 'muted own' }, 'yours: another supervisor approves') : approveButton(c, step, label)) },
  ];
  return h('section', { class: 'card', id },
    h('h2', {}, `${title} (${page.total})`),
    page.items.length ? table(columns, page.items) : h('p', { class: 'muted' }, 'Nothing waits.'));
}

function approveButton(row, step, label) {
  const output = h('span');
  const button = h('button', { type: 'button', class: 'approve' }, label);
  button.addEventListener('click', () => act(button, output, async () => {
    await api(`/api/cases/${segment(row.id)}/${step}`, { method: 'POST' });
    button.replaceWith(h('span', { class: 'done' }, 'approved'));
  }));
  return h('span', {}, button, output);
}
