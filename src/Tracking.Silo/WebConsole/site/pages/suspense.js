import { api, segment } from '../api.js';
import { act, field, h, filteredTable, select, show, when, won } from '../ui.js';
import { t, term } from '../i18n.js';

// Payments that named a taxpayer not on the roll: held apart until an officer books each to the
// right taxpayer or returns it to the payer. Readers see the list; officers and supervisors resolve.
export async function suspense({ main, session }) {
  const worker = session.role === 'officer' || session.role === 'supervisor';
  const form = h('form', { class: 'filters', id: 'suspense-filters' },
    field(t('Status'), select('status', [['Open', term('Open')], ['', t('All')], ['Booked', term('Booked')], ['Returned', term('Returned')], ['Assigned', term('Assigned')]], 'Open')),
    h('button', { type: 'submit' }, t('Show')));
  const list = h('div', { id: 'suspense-list' });
  const reload = () => form.requestSubmit();
  const columns = [
    { title: t('Reference'), value: p => p.id },
    { title: t('Received'), value: p => when(p.held) },
    { title: t('Amount'), value: p => won(p.amount), numeric: true },
    { title: t('Named taxpayer'), value: p => p.namedTaxpayerId },
    { title: t('From'), value: p => p.origin },
    { title: t('Status'), value: p => term(p.status) },
    { title: t('Resolution'), value: p => resolutionCell(p, worker, reload) },
  ];
  show(main, h('h1', {}, t('Suspense')),
    h('p', { class: 'muted' }, t('Payments for taxpayers not on the roll. None is booked until an officer finds whose it is.')),
    form, list);
  await filteredTable(form, list, '/api/suspense', columns);
}

function resolutionCell(payment, worker, done) {
  if (payment.status === 'Open') {
    return worker ? resolveForm(payment, done) : '—';
  }
  const text = payment.assignedTo
    ? t('{0} to {1} by {2} {3}: {4}', term(payment.status), payment.assignedTo, payment.resolvedBy, when(payment.resolved), payment.reason)
    : t('{0} by {1} {2}: {3}', term(payment.status), payment.resolvedBy, when(payment.resolved), payment.reason);
  // Assigned but not yet booked (a booking cut short): asking again finishes it, for the same taxpayer only.
  if (payment.status !== 'Assigned' || !worker) {
    return text;
  }
  const finish = h('button', { type: 'button', class: 'finish' }, t('Finish booking'));
  const output = h('span');
  finish.addEventListener('click', () => act(finish, output, async () => {
    await api(`/api/suspense/${segment(payment.id)}/assignment`, { method: 'POST', json: { taxpayerId: payment.assignedTo, reason: payment.reason } });
    done();
  }));
  return h('span', {}, text, ' ', finish, output);
}

function resolveForm(payment, done) {
  const taxpayer = h('input', { name: 'taxpayerId', placeholder: 'T07-0000000', size: 12, maxlength: 40 });
  const reason = h('input', { name: 'reason', placeholder: t('why'), size: 18, maxlength: 2000, required: true });
  const assign = h('button', { type: 'submit', class: 'assign' }, t('Book to taxpayer'));
  const giveBack = h('button', { type: 'button', class: 'return' }, t('Return to payer'));
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
