import { api, segment } from '../api.js';
import { act, facts, field, h, filteredTable, select, table, when, won, words, show } from '../ui.js';

const statuses = ['NoticeSent', 'Seized', 'CollectionRequested', 'SaleWarned', 'AwaitingSaleApproval', 'SaleApproved', 'SaleRequested', 'Sold',
  'ProceedsReceived', 'Distributed', 'ReleaseRequested', 'Released', 'Cancelled', 'Rejected', 'Closed'];

export const caseLink = id => `#/cases/${segment(id)}`;

export const caseColumns = [
  { title: 'Case', value: c => h('a', { href: caseLink(c.id) }, c.id) },
  { title: 'State', value: c => words(c.status) + (c.outcome ? ` (${words(c.outcome)})` : '') },
  { title: 'Officer', value: c => c.officer },
  { title: 'Opened', value: c => when(c.opened) },
  { title: 'Next deadline', value: c => when(c.deadline) },
  { title: 'Debt', value: c => won(c.debt), numeric: true },
  { title: 'Collected', value: c => won(c.collected), numeric: true },
  { title: 'Awaiting', value: c => (c.approval === 'None' ? '' : `${words(c.approval)} approval`) },
];

export async function cases({ main }) {
  const form = h('form', { class: 'filters', id: 'case-filters' },
    field('State', select('status', [['', 'any'], ...statuses.map(s => [s, words(s)])], '')),
    field('Exchange', h('input', { name: 'exchange', placeholder: 'e.g. upbit', size: 10 })),
    field('Officer', h('input', { name: 'officer', placeholder: 'officer:kim', size: 12 })),
    field('Awaiting', select('approval', [['', 'anything'], ['Sale', 'sale approval'], ['Cancellation', 'cancellation approval']], '')),
    field('Debt from (₩)', h('input', { name: 'minDebt', type: 'number', min: 0, size: 10 })),
    field('Deadline passed', h('input', { name: 'overdue', type: 'checkbox', value: 'true' })),
    h('button', { type: 'submit' }, 'Show'));
  const list = h('div', { id: 'case-list' });
  show(main, h('h1', {}, 'Cases'), form, list);
  await filteredTable(form, list, '/api/cases', caseColumns, c => (location.hash = caseLink(c.id)));
}

export async function caseFile({ main, session }, id) {
  const detail = await api(`/api/cases/${segment(id)}`);
  const seizure = detail.seizure;
  const output = h('div');
  const reload = () => caseFile({ main, session }, id);
  const cancellationPending = isCancellationPending(detail.history);
  const actions = [];
  const worker = session.role === 'officer' || session.role === 'supervisor';

  if (session.role === 'supervisor' && seizure.status === 'AwaitingSaleApproval') {
    actions.push(stepButton('approve-sale', 'Approve sale', `/api/cases/${segment(id)}/sale-approval`, null, output, reload));
  }
  if (session.role === 'supervisor' && cancellationPending) {
    actions.push(stepButton('approve-cancellation', 'Approve cancellation', `/api/cases/${segment(id)}/cancellation-approval`, null, output, reload));
  }
  if (worker && !cancellationPending && seizure.status !== 'Closed') {
    const reason = h('input', { name: 'reason', id: 'cancellation-reason', placeholder: 'why the seizure should be withdrawn', size: 40, maxlength: 2000 });
    actions.push(h('span', { class: 'inline' }, reason,
      stepButton('ask-cancellation', 'Ask for cancellation', `/api/cases/${segment(id)}/cancellation`, () => ({ reason: reason.value }), output, reload)));
  }

  show(main,
    h('p', {}, h('a', { href: '#/cases' }, '← Cases')),
    h('h1', {}, `Case ${seizure.seizureId}`),
    h('p', { class: 'status', id: 'case-status' }, words(seizure.status), seizure.outcome ? ` — ${words(seizure.outcome)}` : '', cancellationPending ? ' — cancellation awaits approval' : ''),
    h('div', { class: 'columns' },
      h('section', { class: 'card' },
        h('h2', {}, 'Case'),
        facts([
          ['Taxpayer', seizure.taxpayerId],
          ['Account', `${seizure.exchange} / ${seizure.accountId}`],
          ['Basis', seizure.basis],
          ['Opened', when(seizure.openedAt)],
          ['Closed', when(seizure.closedAt)],
          ['Next deadline', when(seizure.nextDeadline)],
        ])),
      h('section', { class: 'card' },
        h('h2', {}, 'Money'),
        facts([
          ['Collected', won(seizure.collected)],
          ['Applied to the debt', won(seizure.applied)],
          ['Refunded', won(seizure.refunded)],
          ['Held for distribution', won(seizure.held)],
        ]),
        seizure.holdings.length
          ? table([{ title: 'Asset', value: x => x.asset }, { title: 'Held', value: x => x.total, numeric: true }, { title: 'Locked', value: x => x.locked, numeric: true }], seizure.holdings)
          : h('p', { class: 'muted' }, 'No holdings reported yet.')),
      h('section', { class: 'card' },
        h('h2', {}, 'Documents'),
        detail.documents.length
          ? h('ul', { id: 'documents' }, detail.documents.map(d => h('li', {}, documentLink(id, d), ' ', pdfLink(id, d))))
          : h('p', { class: 'muted' }, 'None issued yet.'))),
    actions.length ? h('section', { class: 'card actions' }, h('h2', {}, 'Steps'), actions, output) : null,
    h('section', { class: 'card' },
      h('h2', {}, 'Timeline'),
      h('ol', { class: 'timeline', id: 'timeline' }, detail.history.map(entry => timelineEntry(id, entry)))));
}

function isCancellationPending(history) {
  const kinds = history.map(e => e.event.$type);
  return kinds.lastIndexOf('CancellationRequested') > Math.max(kinds.lastIndexOf('SeizureCancelled'), kinds.lastIndexOf('SeizureClosed'));
}

function stepButton(id, text, path, body, output, done) {
  const button = h('button', { type: 'button', id });
  button.textContent = text;
  button.addEventListener('click', () => act(button, output, async () => {
    await api(path, { method: 'POST', json: body ? body() : undefined });
    await done();
  }));
  return button;
}

function documentLink(caseId, document) {
  return h('a', { href: `/api/cases/${segment(caseId)}/documents/${segment(document.documentId)}`, target: '_blank', rel: 'noopener' }, words(document.kind));
}

function pdfLink(caseId, document) {
  return h('a', { href: `/api/cases/${segment(caseId)}/documents/${segment(document.documentId)}?format=pdf`, class: 'pdf', download: '' }, 'PDF');
}

function timelineEntry(caseId, { recordedAt, event }) {
  return h('li', {},
    h('time', {}, when(event.at || recordedAt)),
    h('strong', {}, words(event.$type)),
    h('span', { class: 'detail' }, describe(event)),
    event.actor ? h('span', { class: 'actor' }, event.actor) : null,
    event.reason ? h('span', { class: 'reason' }, event.reason) : null,
    event.document ? documentLink(caseId, event.document) : null);
}

/** What each kind of step carries that an officer wants to see at a glance. */
function describe(event) {
  switch (event.$type) {
    case 'SeizureOpened': return `debt to cover ${won(event.debtToCover)}`;
    case 'ExchangeRequestIssued': return `${words(event.request.kind)} ${event.request.amount ? won(event.request.amount) : ''}`;
    case 'SeizureTookEffect': return `valued at ${won(event.valuation)}`;
    case 'SaleWarned': return `sale not before ${when(event.waitUntil)}`;
    case 'SaleFilled': return event.fills.map(f => `${f.quantity} ${f.asset} for ${won(f.gross)} (fee ${won(f.fee)})`).join(', ');
    case 'ProceedsReceived': return `${won(event.amount)}, to distribute by ${when(event.distributionDue)}`;
    case 'ProceedsDistributed': return `${won(event.applied)} applied, ${won(event.refunded)} refunded`;
    case 'SeizureClosed': return words(event.outcome);
    default: return '';
  }
}
