import { api, segment } from '../api.js';
import { act, h, table, when, won, show } from '../ui.js';
import { t, term } from '../i18n.js';
import { caseLink } from './cases.js';

// A supervisor's work: sales proposed and cancellations asked for by others, each approved in
// place, or every sale shown at once; after approving them all the page is shown again with the outcome.
export function approvals({ main, session }) {
  const render = async outcome => {
    const [sales, cancellations] = await Promise.all([
      api('/api/cases?approval=Sale&limit=200'),
      api('/api/cases?approval=Cancellation&limit=200'),
    ]);
    const isOwnSale = c => c.officer === session.actor;
    show(main,
      h('h1', {}, t('Approvals')),
      outcome,
      section(t('Sales proposed'), 'sales', sales, 'sale-approval', t('Approve sale'), isOwnSale,
        approveAll(sales.items.filter(c => !isOwnSale(c)).map(c => c.id), render)),
      section(t('Cancellations asked for'), 'cancellations', cancellations, 'cancellation-approval', t('Approve cancellation'), c => c.cancellationRequestedBy === session.actor));
  };
  return render(null);
}

// Every sale shown that someone else opened, approved 100 to a request (the API's bulk limit); any refused are listed with why.
function approveAll(ids, done) {
  if (!ids.length) {
    return null;
  }

  const output = h('span');
  const button = h('button', { type: 'button', id: 'approve-all-sales' }, t('Approve all {0} sales shown', ids.length));
  button.addEventListener('click', () => act(button, output, async () => {
    let approved = 0;
    const refused = [];
    for (let i = 0; i < ids.length; i += 100) {
      const summary = await api('/api/cases/sale-approvals', { method: 'POST', json: { cases: ids.slice(i, i + 100) } });
      approved += summary.approved;
      refused.push(...summary.refused);
    }

    await done(h('section', { class: 'card', id: 'sales-approved' },
      h('p', { class: 'status' }, t('{0} sales approved, {1} refused.', approved, refused.length)),
      refused.length ? h('ul', {}, refused.map(r => h('li', {}, r))) : null));
  }));
  return h('p', { class: 'actions' }, button, output);
}

// A second person approves: what the supervisor opened or asked for is shown, without the button.
function section(title, id, page, step, label, isOwn, all = null) {
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
    all,
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
