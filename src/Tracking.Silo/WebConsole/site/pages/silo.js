import { api } from '../api.js';
import { facts, h, problem, show, table } from '../ui.js';
import { t } from '../i18n.js';

const count = value => (value === null || value === undefined ? '—' : Number(value).toLocaleString('en'));
const rate = value => (value === null || value === undefined ? '—' : value.toFixed(value < 10 ? 1 : 0));
const tags = point => Object.entries(point.tags).map(([key, value]) => `${key.replace(/^tracking\./, '')}=${value}`).join(', ') || '—';

// Operators see the cluster and what each silo does, never personal data: counts and rates only.
// Rates are per second since the previous look; the page looks every two seconds.
export async function silo({ main }) {
  const health = h('section', { class: 'card', id: 'silo-health' });
  const cluster = h('section', { class: 'card', id: 'cluster' });
  const metrics = h('section', { class: 'card', id: 'silo-metrics' });
  show(main, h('h1', {}, t('Silo')), health, cluster, metrics);

  const check = async path => {
    const response = await fetch(path);
    return `${response.ok ? t('yes') : t('no')} (${await response.text()})`;
  };

  async function look() {
    show(health, h('h2', {}, t('This silo')), facts([
      [t('Live'), await check('/health/live')],
      [t('Ready for grain calls'), await check('/health/ready')],
    ]));

    const view = await api('/api/cluster');
    show(cluster,
      h('h2', {}, t('Cluster')),
      h('p', { class: 'muted', id: 'cluster-summary' }, t('{0} of {1} silos active. ', view.silos.filter(s => s.alive).length, view.silos.length),
        h('a', { href: '/dashboard/', target: '_blank', rel: 'noopener' }, 'Orleans Dashboard')),
      table([
        { title: t('Silo'), value: s => s.address },
        { title: t('State'), value: s => (s.alive ? s.status : t('{0}, not alive', s.status)) + (s.unreachable ? ` (${s.unreachable})` : '') },
        { title: t('Activations'), numeric: true, value: s => count(s.activations) },
        { title: t('Running'), numeric: true, value: s => count(s.figures && s.figures.running) },
        { title: t('Calls/s'), numeric: true, value: s => rate(s.rates && s.rates.callsPerSecond) },
        { title: 'ms/call', numeric: true, value: s => rate(s.rates && s.rates.meanCallMilliseconds) },
        { title: t('Writes/s'), numeric: true, value: s => rate(s.rates && s.rates.writesPerSecond) },
        { title: t('Conflicts/s'), numeric: true, value: s => rate(s.rates && s.rates.conflictsPerSecond) },
        { title: t('Exchange/s'), numeric: true, value: s => rate(s.rates && s.rates.exchangeRequestsPerSecond) },
        { title: t('Retries/s'), numeric: true, value: s => rate(s.rates && s.rates.exchangeFailuresPerSecond) },
        { title: t('Rows/s'), numeric: true, value: s => rate(s.rates && s.rates.rowsPerSecond) },
        { title: t('Seizure steps/s'), numeric: true, value: s => rate(s.rates && s.rates.transitionsPerSecond) },
      ], view.silos));

    // Everything this silo's process measures, as the metrics endpoint gives it to scrapers.
    const snapshot = await api('/metrics.json');
    const rows = snapshot.metrics.flatMap(m => m.points.map(p => ({ metric: m, point: p })));
    show(metrics,
      h('h2', {}, t('Metrics of this silo')),
      h('p', { class: 'muted' }, t('Since the process started. Also at /metrics for Prometheus.')),
      table([
        { title: t('Metric'), value: r => r.metric.name },
        { title: t('Tags'), value: r => tags(r.point) },
        { title: t('Value'), numeric: true, value: r => (r.metric.kind === 'Histogram'
          ? t('{0} × mean {1} {2}', count(r.point.count), rate(r.point.count ? r.point.sum / r.point.count : null), r.metric.unit)
          : count(r.point.value)) },
      ], rows));
  }

  await look();
  const timer = setInterval(() => look().catch(error => cluster.replaceChildren(problem(error))), 2000);
  return () => clearInterval(timer);
}
