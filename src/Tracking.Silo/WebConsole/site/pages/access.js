import { field, h, filteredTable, when, show } from '../ui.js';
import { t, term } from '../i18n.js';

// Every read of a person's case: who read what, when. Auditors only.
export async function accessRecord({ main }) {
  const form = h('form', { class: 'filters', id: 'access-filters' },
    field(t('Taxpayer'), h('input', { name: 'subject', size: 14 })),
    field(t('Reader'), h('input', { name: 'reader', placeholder: 'kim', size: 14 })),
    h('button', { type: 'submit' }, t('Show')));
  const columns = [
    { title: t('When'), value: r => when(r.at) },
    { title: t('Reader'), value: r => r.reader },
    { title: t('Role'), value: r => term(r.role) },
    { title: t('Taxpayer'), value: r => r.subject },
    { title: t('What'), value: r => r.what },
  ];
  const list = h('div', { id: 'access-list' });
  show(main, h('h1', {}, t('Access record')), form, list);
  await filteredTable(form, list, '/api/access-log', columns);
}
