import { api } from '../api.js';
import { act, facts, h, problem, show, when } from '../ui.js';

// The sweep runs in its grain; this page starts it and shows its progress twice a second.
export async function sweep({ main, session }) {
  const progress = h('progress', { id: 'sweep-progress', max: 1, value: 0 });
  const state = h('p', { id: 'sweep-state' });
  const last = h('div', { id: 'sweep-last' });
  const output = h('div');
  const start = h('button', { type: 'button', id: 'start-sweep' }, 'Start a sweep');
  start.addEventListener('click', () => act(start, output, async () => display(await api('/api/sweeps', { method: 'POST' }))));

  function display(status) {
    progress.max = Math.max(status.shardsTotal, 1);
    progress.value = status.running ? status.shardsDone : status.lastRun ? progress.max : 0;
    state.textContent = status.running
      ? `Running: ${status.shardsDone} of ${status.shardsTotal} shards compared, ${status.candidatesSoFar} candidates so far`
      : 'Not running.';
    start.disabled = status.running;
    last.replaceChildren(status.lastRun
      ? h('section', { class: 'card' }, h('h2', {}, `Last sweep (run ${status.lastRun.run})`), facts([
        ['Started by', status.lastRun.requestedBy],
        ['Started', when(status.lastRun.startedAt)],
        ['Finished', when(status.lastRun.finishedAt)],
        ['Candidates', status.lastRun.candidatesFound],
        ['New, seized on approval of the match', status.lastRun.newAuto],
        ['New, for review', status.lastRun.newReview],
        ['Known before', status.lastRun.unchanged],
      ]))
      : h('p', { class: 'muted' }, 'No sweep has run yet.'));
  }

  // Automatic matches are seized at an officer's word; review candidates wait in the review queue.
  const seized = h('div', { id: 'seize-result' });
  const seize = h('button', { type: 'button', id: 'seize-matches' }, 'Seize the automatic matches');
  seize.addEventListener('click', () => act(seize, seized, async () => {
    const summary = await api('/api/cases', { method: 'POST' });
    show(seized, h('p', { class: 'status' }, `${summary.opened} cases opened, ${summary.alreadyOpen} already open, of ${summary.candidates} automatic matches.`),
      summary.refused.length ? h('ul', {}, summary.refused.map(r => h('li', {}, r))) : null);
  }));

  const worker = session.role === 'officer' || session.role === 'supervisor';
  show(main,
    h('h1', {}, 'Sweep'),
    h('p', { class: 'muted' }, 'Compares every account imported with the roll.'),
    worker ? start : null, progress, state, output, last,
    worker ? h('section', { class: 'card actions' }, h('h2', {}, 'Seize'), seize, seized) : null);
  display(await api('/api/sweeps/current'));
  const timer = setInterval(() => api('/api/sweeps/current').then(display, error => state.replaceChildren(problem(error))), 500);
  return () => clearInterval(timer);
}
