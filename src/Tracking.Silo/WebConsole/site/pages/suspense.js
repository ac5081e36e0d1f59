import { api, segment } from '../api.js';
import { act, field, h, filteredTable, select, show, when, won, words } from '../ui.js';

// Payments that named a taxpayer not on the roll: held apart until an officer books each to the
// right taxpayer or returns it to the payer. Readers see the list; officers and supervisors resolve.
export async function suspense({ main, session }) {
  const worker = session.role === 'officer' || session.role === 'supervisor';
  const form = h('form', { class: 'filters', id: 'suspense-filters' },
    field('Status', select('status', [['Open', 'Open'], ['', 'All'], ['Booked', 'Booked'], ['Returned', 'Returned'], ['Assigned', 'Assigned']], 'Open')),
    h('button', { type: 'submit' }, 'Show'));
  const list = h('div', { id: 'suspense-list' });
  const reload = () => form.requestSubmit();
  const columns = [
    { title: 'Reference', value: p => p.id },
    { title: 'Received', value: p => when(p.held) },
    { title: 'Amount', value: p => won(p.amount), numeric: true },
    { title: 'Named taxpayer', value: p => p.namedTaxpayerId },
    { title: 'From', value: p => p.origin },
    { title: 'Status', value: p => words(p.status) },
    { title: 'Resolution', value: p => resolutionCell(p, worker, reload) },
  ];
  show(main, h('h1', {}, 'Suspense'),
    h('p', { class: 'muted' }, 'Payments for taxpayers not on the roll. None is booked until an officer finds whose it is.'),
    form, list);
  await filteredTable(form, list, '/api/suspense', columns);
}

function resolutionCell(payment, worker, done) {
  if (payment.status === 'Open') {
    return worker ? resolveForm(payment, done) : '—';
  }
  const to = payment.assignedTo ? ` to ${payment.assignedTo}` : '';
  const text = `${words(payment.status)}${to} by ${payment.resolvedBy} ${when(payment.resolved)}: ${payment.reason}`;
  // Assigned but not yet booked (a booking cut short): asking again finishes it, for the same taxpayer only.
  if (payment.status !== 'Assigned' || !worker) {
    return text;
  }
  const finish = h('button', { type: 'button', class: 'finish' }, 'Finish booking');
  const output = h('span');
  finish.addEventListener('click', () => act(finish, output, async () => {
    await api(`/api/suspense/${segment(payment.id)}/assignment`, { method: 'POST', json: { taxpayerId: payment.assignedTo, reason: payment.reason } });
    done();
  }));
  return h('span', {}, text, ' ', finish, output);
}

function resolveForm(payment, done) {
  const taxpayer = h('input', { name: 'taxpayerId', placeholder: 'T07-0000000', size: 12, maxlength: 40 });
  const reason = h('input', { name: 'reason', placeholder: 'why', size: 18, maxlength: 2000, required: true });
  const assign = h('button', { type: 'submit', class: 'assign' }, 'Book to taxpayer');
  const giveBack = h('button', { type: 'button', class: 'return' }, 'Return to payer');
  const output = h('span');
  const form = h('form', { class: 'resolve' }, taxpayer, reason, assign, giveBack, output);
  const path = step => `/api/suspense/${segment(payment.id)}/${step}`;
  form.addEventListener('submit', event => {
    event.preventDefault();
    act(assign, output, async () => {
      await api(path('assignment'), { method: 'POST', json: { taxpayerId: taxpayer.value.trim(), reason: reason.value } });
      done();
    });
  });
  giveBack.addEventListener('click', () => {
    if (form.reportValidity()) {
      act(giveBack, output, async () => {
        await api(path('return'), { method: 'POST', json: { reason: reason.value } });
        done();
      });
    }
  });
  return form;
}
