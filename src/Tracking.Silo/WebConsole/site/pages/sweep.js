import { api } from '../api.js';
import { act, facts, h, pace, problem, show, when } from '../ui.js';
import { t } from '../i18n.js';

// The sweep runs in its grain; this page starts it and shows its progress twice a second.
export async function sweep({ main, session }) {
  const progress = h('progress', { id: 'sweep-progress', max: 1, value: 0 });
  const state = h('p', { id: 'sweep-state' });
  const left = h('p', { id: 'sweep-left', class: 'muted' });
  // The pace since this page first saw the sweep running: shards finish in any order, so it is a guess.
  const paceOf = pace();
  const last = h('div', { id: 'sweep-last' });
  const output = h('div');
  // While the silos keep the last sweep's index, a sweep files again only what changed since; a full one files everything and learns its weights afresh.
  const start = h('button', { type: 'button', id: 'start-sweep' }, t('Start a sweep'));
  start.addEventListener('click', () => act(start, output, async () => display(await api('/api/sweeps', { method: 'POST' }))));
  const startFull = h('button', { type: 'button', id: 'start-full-sweep', class: 'secondary' }, t('Sweep everything afresh'));
  startFull.addEventListener('click', () => act(startFull, output, async () => display(await api('/api/sweeps?full=true', { method: 'POST' }))));

  function display(status) {
    progress.max = Math.max(status.shardsTotal, 1);
    progress.value = status.running ? status.shardsDone : status.lastRun ? progress.max : 0;
    state.textContent = !status.running ? t('Not running.')
      : status.shardsDone === 0 ? t('Running: {0} taxpayers and accounts read into the match index', status.recordsIndexed)
      : t('Running: {0} of {1} shards compared, {2} candidates so far', status.shardsDone, status.shardsTotal, status.candidatesSoFar);
    start.disabled = startFull.disabled = status.running;
    const seen = paceOf(status.running, status.shardsDone, status.shardsTotal);
    left.textContent = seen ? t('About {0} s left at this pace', seen.secondsLeft) : '';
    last.replaceChildren(status.lastRun
      ? h('section', { class: 'card' }, h('h2', {}, t('Last sweep (run {0})', status.lastRun.run)), facts([
        [t('Started by'), status.lastRun.requestedBy],
        [t('Started'), when(status.lastRun.startedAt)],
        [t('Finished'), when(status.lastRun.finishedAt)],
        [t('Records filed again'), status.lastRun.recordsRevised ?? t('all, afresh')],
        [status.lastRun.recordsRevised == null ? t('Candidates') : t('Candidates among the records filed again'), status.lastRun.candidatesFound],
        [t('New, seized on approval of the match'), status.lastRun.newAuto],
        [t('New, for review'), status.lastRun.newReview],
        [t('Known before'), status.lastRun.unchanged],
        [t('Review items no longer found (taken out unless decided on)'), status.lastRun.noLongerFound ?? 0],
      ]))
      : h('p', { class: 'muted' }, t('No sweep has run yet.')));
  }

  // Automatic matches are seized at an officer's word; review candidates wait in the review queue.
  // Opening tens of thousands runs as a job in the silo: this page watches it with the sweep.
  const seized = h('div', { id: 'seize-result' });
  const seize = h('button', { type: 'button', id: 'seize-matches' }, t('Seize the automatic matches'));
  let watching = false;
  function showOpening(opening) {
    if (watching && !opening.startedAt) {
      // The job's silo went away with it: what was opened stays open, and starting again carries on.
      watching = false;
      seize.disabled = false;
      show(seized, h('p', { class: 'problem', role: 'alert' }, t('The opening stopped with its silo; start it again to open the rest.')));
      return;
    }

    const handled = opening.opened + opening.alreadyOpen + opening.refused.length;
    watching = opening.running;
    seize.disabled = opening.running;
    show(seized,
      h('p', { class: 'status' }, opening.running
        ? t('Opening cases: {0} of {1} automatic matches handled', handled, opening.candidates)
        : t('{0} cases opened, {1} already open, of {2} automatic matches.', opening.opened, opening.alreadyOpen, opening.candidates)),
      opening.failure ? h('p', { class: 'problem', role: 'alert' }, t('Stopped: {0}', opening.failure)) : null,
      !opening.running && opening.refused.length ? h('ul', {}, opening.refused.map(r => h('li', {}, r))) : null);
  }
  seize.addEventListener('click', () => act(seize, seized, async () => showOpening(await api('/api/cases', { method: 'POST' }))));

  const worker = session.role === 'officer' || session.role === 'supervisor';
  show(main,
    h('h1', {}, t('Sweep')),
    h('p', { class: 'muted' }, t('Compares every account imported with the roll.')),
    worker ? start : null, worker ? startFull : null, progress, state, left, output, last,
    worker ? h('section', { class: 'card actions' }, h('h2', {}, t('Seize')), seize, seized) : null);
  display(await api('/api/sweeps/current'));
  if (worker) {
    const opening = await api('/api/cases/opening');
    if (opening.startedAt) {
      showOpening(opening);
    }
  }

  const timer = setInterval(() => {
    api('/api/sweeps/current').then(display, error => state.replaceChildren(problem(error)));
    if (watching) {
      api('/api/cases/opening').then(showOpening, error => seized.replaceChildren(problem(error)));
    }
  }, 500);
  return () => clearInterval(timer);
}
