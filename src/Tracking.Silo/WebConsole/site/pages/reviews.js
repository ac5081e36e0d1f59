import { api, segment } from '../api.js';
import { act, age, facts, field, h, filteredTable, select, table, when, won, show } from '../ui.js';
import { t, term } from '../i18n.js';
import { caseLink } from './cases.js';
import { comparison, percent } from '../comparison.js';

const reviewLink = r => `#/reviews/${segment(r.taxpayerId)}/${segment(r.exchange)}/${segment(r.accountId)}`;

export async function reviews({ main, session }) {
  const form = h('form', { class: 'filters', id: 'review-filters' },
    field(t('State'), select('state', [['Open', term('Open')], ['Approved', term('Approved')], ['Rejected', term('Rejected')], ['', t('any')]], 'Open')),
    field(t('Exchange'), h('input', { name: 'exchange', placeholder: t('e.g. upbit'), size: 10 })),
    h('button', { type: 'submit' }, t('Show')));
  const bulk = session.role === 'supervisor' ? bulkApproval(form) : null;
  const columns = [
    ...(bulk ? [{ title: '', value: r => (r.state === 'Open' ? bulk.checkbox(r) : '') }] : []),
    { title: t('Taxpayer'), value: r => h('a', { href: reviewLink(r) }, r.taxpayerId) },
    { title: t('Debt at stake'), value: r => won(r.debt), numeric: true },
    { title: t('Waiting'), value: (r, page) => (r.state === 'Open' ? h('span', { class: 'age', title: when(r.found) }, age(r.found, page.now)) : ''), numeric: true },
    { title: t('Account'), value: r => `${r.exchange} / ${r.accountId}` },
    { title: t('Score'), value: r => r.score, numeric: true },
    { title: t('Chance'), value: r => (r.probability == null ? '—' : `${percent(r.probability)}%`), numeric: true },
    { title: t('Why'), value: r => r.reasons.join('; ') },
    { title: t('State'), value: r => term(r.state) },
    { title: t('Decided by'), value: r => r.decidedBy || '' },
  ];
  const list = h('div', { id: 'review-list' });
  show(main, h('h1', {}, t('Review queue')), h('p', { class: 'muted' }, t('Candidates the sweep was not sure of: the debt at stake weighed by the chance that it is the taxpayer, largest first, then the highest score. Nothing is seized until a person approves.')), form, bulk && bulk.bar, list);
  await filteredTable(form, list, '/api/reviews', columns, r => (location.hash = reviewLink(r)));
}

/**
 * A supervisor approves the candidates ticked on the page at once, with one reason; the answer says
 * how many cases were opened and lists any refused. The list is shown again afterwards.
 */
function bulkApproval(form) {
  const picked = new Map();
  const count = h('span', { id: 'bulk-count' }, t('{0} selected', 0));
  const reason = h('input', { name: 'reason', id: 'bulk-reason', placeholder: t('why these are the taxpayers\' accounts'), size: 40, maxlength: 2000 });
  const approve = h('button', { type: 'button', id: 'bulk-approve', disabled: true }, t('Approve the selected'));
  const output = h('div', { id: 'bulk-result' });
  const update = () => {
    count.textContent = t('{0} selected', picked.size);
    approve.disabled = picked.size === 0;
  };
  // Shown again from the first page, the list is ticked afresh: nothing out of sight is approved.
  form.addEventListener('submit', () => {
    picked.clear();
    update();
  });
  approve.addEventListener('click', () => act(approve, output, async () => {
    const summary = await api('/api/reviews/approvals', { method: 'POST', json: { reason: reason.value, candidates: [...picked.values()] } });
    form.requestSubmit();
    show(output, h('p', { class: 'status' }, t('{0} cases opened, {1} already open, of {2} candidates approved.', summary.opened, summary.alreadyOpen, summary.candidates)),
      summary.refused.length ? h('ul', {}, summary.refused.map(r => h('li', {}, r))) : null);
  }).then(update));
  const checkbox = row => {
    const key = `${row.taxpayerId}|${row.exchange}|${row.accountId}`;
    const box = h('input', { type: 'checkbox', class: 'pick', 'aria-label': row.taxpayerId, checked: picked.has(key) });
    // Ticking selects the row; it does not open the candidate as a click elsewhere on the row does.
    box.addEventListener('click', event => event.stopPropagation());
    box.addEventListener('change', () => {
      if (box.checked) {
        picked.set(key, { taxpayerId: row.taxpayerId, exchange: row.exchange, accountId: row.accountId });
      } else {
        picked.delete(key);
      }
      update();
    });
    return box;
  };
  return { checkbox, bar: h('section', { class: 'card actions', id: 'bulk' }, h('h2', {}, t('Approve several')), count, ' ', reason, approve, output) };
}

/** One candidate: the taxpayer as the roll has them beside the holder as the exchange reports them. */
export async function evidence({ main, session }, item) {
  const [taxpayerId, exchange, accountId] = item.split('/');
  const path = `/api/reviews/${segment(taxpayerId)}/${segment(exchange)}/${segment(accountId)}`;
  const found = await api(path);
  const taxpayer = found.taxpayer || {};
  const holder = found.holder || {};
  const output = h('div');
  const decision = found.decision
    ? h('p', { class: 'status', id: 'decision' }, (found.decision.approved ? t('Approved by {0} on {1}', found.decision.by, when(found.decision.at)) : t('Rejected by {0} on {1}', found.decision.by, when(found.decision.at))), found.decision.reason ? ` — ${found.decision.reason}` : '')
    : null;

  let steps = null;
  if (!found.decision && (session.role === 'officer' || session.role === 'supervisor')) {
    const reason = h('input', { name: 'reason', id: 'rejection-reason', placeholder: t('why this is not the taxpayer'), size: 40, maxlength: 2000 });
    const approve = h('button', { type: 'button', id: 'approve-candidate' }, t('Approve: seize this account'));
    const reject = h('button', { type: 'button', id: 'reject-candidate' }, t('Reject'));
    approve.addEventListener('click', () => act(approve, output, async () => {
      const opening = await api(`${path}/approval`, { method: 'POST' });
      location.hash = caseLink(opening.seizure.seizureId);
    }));
    reject.addEventListener('click', () => act(reject, output, async () => {
      await api(`${path}/rejection`, { method: 'POST', json: { reason: reason.value } });
      await evidence({ main, session }, item);
    }));
    steps = h('section', { class: 'card actions' }, h('h2', {}, t('Decision')), approve, h('span', { class: 'inline' }, reason, reject), output);
  }

  show(main,
    h('p', {}, h('a', { href: '#/reviews' }, t('← Review queue'))),
    h('h1', {}, t('Candidate {0} / {1}', exchange, accountId)),
    h('p', {}, t('Score {0}: ', found.candidate.score), found.candidate.reasons.join('; ')),
    decision,
    comparison(taxpayer, holder, birth, found.candidate.reasons, found.candidate.weight),
    h('div', { class: 'columns side-by-side', id: 'evidence' },
      h('section', { class: 'card' },
        h('h2', {}, t('Taxpayer (roll)')),
        facts([
          [t('Taxpayer'), taxpayer.taxpayerId],
          [t('Name'), taxpayer.name],
          [t('Birth date'), taxpayer.birthDate],
          [t('RRN'), taxpayer.rrnMasked],
          [t('Phone'), taxpayer.phone],
          [t('Address'), taxpayer.address],
        ])),
      h('section', { class: 'card' },
        h('h2', {}, t('Holder ({0})', exchange)),
        facts([
          [t('Account'), holder.accountId],
          [t('Name'), holder.name],
          [t('Birth date'), birth(holder.birth)],
          [t('RRN'), holder.rrnMasked],
          [t('Phone'), holder.phone],
        ]),
        holder.holdings && holder.holdings.length
          ? table([{ title: t('Asset'), value: x => x.asset }, { title: t('Held'), value: x => x.total, numeric: true }], holder.holdings)
          : null)),
    steps);
}

/** An exchange's birth date may lack its century (yyMMdd): shown as ??yy-MM-dd then. */
function birth(date) {
  if (!date) {
    return null;
  }
  const two = n => String(n).padStart(2, '0');
  return `${date.century === null || date.century === undefined ? '??' : two(date.century)}${two(date.yearOfCentury)}-${two(date.month)}-${two(date.day)}`;
}
