import { api, segment } from '../api.js';
import { act, facts, field, h, filteredTable, pagedTable, select, table, when, won, show } from '../ui.js';
import { language, t, term } from '../i18n.js';

const statuses = ['NoticeSent', 'Seized', 'CollectionRequested', 'SaleWarned', 'AwaitingSaleApproval', 'SaleApproved', 'SaleRequested', 'Sold',
  'ProceedsReceived', 'Distributed', 'ReleaseRequested', 'Released', 'Cancelled', 'Rejected', 'Closed'];

export const caseLink = id => `#/cases/${segment(id)}`;

export const caseColumns = [
  { title: t('Case'), value: c => h('a', { href: caseLink(c.id) }, c.id) },
  { title: t('State'), value: c => term(c.status) + (c.outcome ? ` (${term(c.outcome)})` : '') },
  { title: t('Officer'), value: c => c.officer },
  { title: t('Opened'), value: c => when(c.opened) },
  { title: t('Step due'), value: (c, page) => (page && c.deadline && c.deadline < page.now ? h('span', { class: 'overdue' }, t('{0}, overdue', when(c.deadline))) : when(c.deadline)) },
  { title: t('Debt'), value: c => won(c.debt), numeric: true },
  { title: t('Collected'), value: c => won(c.collected), numeric: true },
  { title: t('Awaiting'), value: c => (c.approval === 'None' ? '' : t('{0} approval', term(c.approval))) },
];

export async function cases({ main }) {
  const form = h('form', { class: 'filters', id: 'case-filters' },
    field(t('State'), select('status', [['', t('any')], ...statuses.map(s => [s, term(s)])], '')),
    field(t('Exchange'), h('input', { name: 'exchange', placeholder: t('e.g. upbit'), size: 10 })),
    field(t('Officer'), h('input', { name: 'officer', placeholder: 'officer:kim', size: 12 })),
    field(t('Awaiting'), select('approval', [['', t('anything')], ['Sale', t('sale approval')], ['Cancellation', t('cancellation approval')]], '')),
    field(t('Debt from (₩)'), h('input', { name: 'minDebt', type: 'number', min: 0, size: 10 })),
    field(t('Overdue'), h('input', { name: 'overdue', type: 'checkbox', value: 'true' })),
    h('button', { type: 'submit' }, t('Show')));
  const list = h('div', { id: 'case-list' });
  const open = c => (location.hash = caseLink(c.id));

  // Cases overdue for a step come first, the most overdue at the top: a reply, an approval or a deadline that passed.
  const overdue = await api('/api/cases?overdue=true&limit=20');
  const first = overdue.total > 0
    ? h('section', { class: 'card', id: 'overdue' }, h('h2', {}, t('Overdue for a step ({0})', overdue.total)), h('div', { id: 'overdue-list' }))
    : null;
  show(main, h('h1', {}, t('Cases')), first, form, list);
  if (first) {
    await pagedTable(first.querySelector('#overdue-list'), caseColumns, after => (after ? api(`/api/cases?overdue=true&limit=20&after=${encodeURIComponent(after)}`) : overdue), open);
  }
  await filteredTable(form, list, '/api/cases', caseColumns, open);
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
    actions.push(stepButton('approve-sale', t('Approve sale'), `/api/cases/${segment(id)}/sale-approval`, null, output, reload));
  }
  if (session.role === 'supervisor' && cancellationPending) {
    actions.push(stepButton('approve-cancellation', t('Approve cancellation'), `/api/cases/${segment(id)}/cancellation-approval`, null, output, reload));
  }
  // A closed case is withdrawn only to correct it: when it kept money it collected.
  if (worker && !cancellationPending && (seizure.status !== 'Closed' || seizure.collected > seizure.returnedToHolder)) {
    const reason = h('input', { name: 'reason', id: 'cancellation-reason', placeholder: t('why the seizure should be withdrawn'), size: 40, maxlength: 2000 });
    actions.push(h('span', { class: 'inline' }, reason,
      stepButton('ask-cancellation', t('Ask for cancellation'), `/api/cases/${segment(id)}/cancellation`, () => ({ reason: reason.value }), output, reload)));
  }

  show(main,
    h('p', {}, h('a', { href: '#/cases' }, t('← Cases'))),
    h('h1', {}, t('Case {0}', seizure.seizureId)),
    h('p', { class: 'status', id: 'case-status' }, term(seizure.status), seizure.outcome ? ` — ${term(seizure.outcome)}` : '', cancellationPending ? ` — ${t('cancellation awaits approval')}` : ''),
    h('div', { class: 'columns' },
      h('section', { class: 'card' },
        h('h2', {}, t('Case')),
        facts([
          [t('Taxpayer'), seizure.taxpayerId],
          [t('Account'), `${seizure.exchange} / ${seizure.accountId}`],
          [t('Basis'), seizure.basis],
          [t('Opened'), when(seizure.openedAt)],
          [t('Closed'), when(seizure.closedAt)],
          [t('Next deadline'), when(seizure.nextDeadline)],
        ])),
      h('section', { class: 'card' },
        h('h2', {}, t('Money')),
        facts([
          [t('Collected'), won(seizure.collected)],
          [t('Applied to the debt'), won(seizure.applied)],
          [t('Refunded'), won(seizure.refunded)],
          [t('Held for distribution'), won(seizure.held)],
          ...(seizure.returnedToHolder > 0 ? [[t('Returned to the account holder'), won(seizure.returnedToHolder)]] : []),
        ]),
        seizure.holdings.length
          ? table([{ title: t('Asset'), value: x => x.asset }, { title: t('Held'), value: x => x.total, numeric: true }, { title: t('Locked'), value: x => x.locked, numeric: true }], seizure.holdings)
          : h('p', { class: 'muted' }, t('No holdings reported yet.'))),
      h('section', { class: 'card' },
        h('h2', {}, t('Documents')),
        detail.documents.length
          ? h('ul', { id: 'documents' }, detail.documents.map(d => h('li', {}, documentLink(id, d), ' ', pdfLink(id, d))))
          : h('p', { class: 'muted' }, t('None issued yet.')))),
    actions.length ? h('section', { class: 'card actions' }, h('h2', {}, t('Steps')), actions, output) : null,
    h('section', { class: 'card' },
      h('h2', {}, t('Timeline')),
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
  return h('a', { href: `/api/cases/${segment(caseId)}/documents/${segment(document.documentId)}`, target: '_blank', rel: 'noopener' }, term(document.kind));
}

function pdfLink(caseId, document) {
  return h('a', { href: `/api/cases/${segment(caseId)}/documents/${segment(document.documentId)}?format=pdf`, class: 'pdf', download: '' }, 'PDF');
}

function timelineEntry(caseId, { recordedAt, event }) {
  return h('li', {},
    h('time', {}, when(event.at || recordedAt)),
    h('strong', {}, term(event.$type)),
    h('span', { class: 'detail' }, describe(event)),
    event.actor ? h('span', { class: 'actor' }, event.actor) : null,
    event.reason ? h('span', { class: 'reason' }, (language === 'ko' && event.koreanReason) || event.reason) : null,
    event.document ? documentLink(caseId, event.document) : null);
}

/** What each kind of step carries that an officer wants to see at a glance. */
function describe(event) {
  switch (event.$type) {
    case 'SeizureOpened': return t('debt to cover {0}', won(event.debtToCover));
    case 'ExchangeRequestIssued': return `${term(event.request.kind)} ${event.request.amount ? won(event.request.amount) : ''}`;
    case 'SeizureTookEffect': return t('valued at {0}', won(event.valuation));
    case 'SaleWarned': return t('sale not before {0}', when(event.waitUntil));
    case 'SaleFilled': return event.fills.map(f => t('{0} {1} for {2} (fee {3})', f.quantity, f.asset, won(f.gross), won(f.fee))).join(', ');
    case 'ProceedsReceived': return t('{0}, to distribute by {1}', won(event.amount), when(event.distributionDue));
    case 'ProceedsDistributed': return t('{0} applied, {1} refunded', won(event.applied), won(event.refunded));
    case 'ProceedsReturned': return t('{0} returned to the account holder, {1} owed again', won(event.toHolder), won(event.takenBack));
    case 'SeizureClosed': return term(event.outcome);
    default: return '';
  }
}
