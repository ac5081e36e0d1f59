import { field, h, filteredTable, when, show } from '../ui.js';

// Every read of a person's case: who read what, when. Auditors only.
export async function accessRecord({ main }) {
  const form = h('form', { class: 'filters', id: 'access-filters' },
    field('Taxpayer', h('input', { name: 'subject', size: 14 })),
    field('Reader', h('input', { name: 'reader', placeholder: 'kim', size: 14 })),
    h('button', { type: 'submit' }, 'Show'));
  const columns = [
    { title: 'When', value: r => when(r.at) },
    { title: 'Reader', value: r => r.reader },
    { title: 'Role', value: r => r.role },
    { title: 'Taxpayer', value: r => r.subject },
    { title: 'What', value: r => r.what },
  ];
  const list = h('div', { id: 'access-list' });
  show(main, h('h1', {}, 'Access record'), form, list);
  await filteredTable(form, list, '/api/access-log', columns);
}
