import { api } from '../api.js';
import { facts, h, problem, show, table } from '../ui.js';

const count = value => (value === null || value === undefined ? '—' : Number(value).toLocaleString('en'));
const rate = value => (value === null || value === undefined ? '—' : value.toFixed(value < 10 ? 1 : 0));
const tags = point => Object.entries(point.tags).map(([key, value]) => `${key.replace(/^tracking\./, '')}=${value}`).join(', ') || '—';

// Operators see the cluster and what each silo does, never personal data: counts and rates only.
// Rates are per second since the previous look; the page looks every two seconds.
export async function silo({ main }) {
  const health = h('section', { class: 'card', id: 'silo-health' });
  const cluster = h('section', { class: 'card', id: 'cluster' });
  const metrics = h('section', { class: 'card', id: 'silo-metrics' });
  show(main, h('h1', {}, 'Silo'), health, cluster, metrics);

  const check = async path => {
    const response = await fetch(path);
    return `${response.ok ? 'yes' : 'no'} (${await response.text()})`;
  };

  async function look() {
    show(health, h('h2', {}, 'This silo'), facts([
      ['Live', await check('/health/live')],
      ['Ready for grain calls', await check('/health/ready')],
    ]));

    const view = await api('/api/cluster');
    show(cluster,
      h('h2', {}, 'Cluster'),
      h('p', { class: 'muted', id: 'cluster-summary' }, `${view.silos.filter(s => s.alive).length} of ${view.silos.length} silos active. `,
        h('a', { href: '/dashboard/', target: '_blank', rel: 'noopener' }, 'Orleans Dashboard')),
      table([
        { title: 'Silo', value: s => s.address },
        { title: 'State', value: s => (s.alive ? s.status : `${s.status}, not alive`) + (s.unreachable ? ` (${s.unreachable})` : '') },
        { title: 'Activations', numeric: true, value: s => count(s.activations) },
        { title: 'Running', numeric: true, value: s => count(s.figures && s.figures.running) },
        { title: 'Calls/s', numeric: true, value: s => rate(s.rates && s.rates.callsPerSecond) },
        { title: 'ms/call', numeric: true, value: s => rate(s.rates && s.rates.meanCallMilliseconds) },
        { title: 'Writes/s', numeric: true, value: s => rate(s.rates && s.rates.writesPerSecond) },
        { title: 'Conflicts/s', numeric: true, value: s => rate(s.rates && s.rates.conflictsPerSecond) },
        { title: 'Exchange/s', numeric: true, value: s => rate(s.rates && s.rates.exchangeRequestsPerSecond) },
        { title: 'Retries/s', numeric: true, value: s => rate(s.rates && s.rates.exchangeFailuresPerSecond) },
        { title: 'Rows/s', numeric: true, value: s => rate(s.rates && s.rates.rowsPerSecond) },
        { title: 'Seizure steps/s', numeric: true, value: s => rate(s.rates && s.rates.transitionsPerSecond) },
      ], view.silos));

    // Everything this silo's process measures, as the metrics endpoint gives it to scrapers.
    const snapshot = await api('/metrics.json');
    const rows = snapshot.metrics.flatMap(m => m.points.map(p => ({ metric: m, point: p })));
    show(metrics,
      h('h2', {}, 'Metrics of this silo'),
      h('p', { class: 'muted' }, 'Since the process started. Also at /metrics for Prometheus.'),
      table([
        { title: 'Metric', value: r => r.metric.name },
        { title: 'Tags', value: r => tags(r.point) },
        { title: 'Value', numeric: true, value: r => (r.metric.kind === 'Histogram'
          ? `${count(r.point.count)} × mean ${rate(r.point.count ? r.point.sum / r.point.count : null)} ${r.metric.unit}`
          : count(r.point.value)) },
      ], rows));
  }

  await look();
  const timer = setInterval(() => look().catch(error => cluster.replaceChildren(problem(error))), 2000);
  return () => clearInterval(timer);
}
