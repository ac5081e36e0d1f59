import { api } from '../api.js';
import { h, won, show } from '../ui.js';
import { t, term } from '../i18n.js';

const palette = ['#2f6db5', '#e0883a', '#3a9d5d', '#c64545', '#8a5cc2', '#8c6d46', '#d46fb0', '#7f7f7f', '#b5b83a', '#3ab5c4', '#1f3f6b', '#6b1f1f'];

export async function dashboard({ main }) {
  const figures = await api('/api/dashboard');
  const mark = figures.leadTimeMarkDays;
  const closed = figures.leadDays.reduce((sum, g) => sum + g.count, 0);
  const withinMark = figures.leadDays.filter(g => Number(g.key) <= mark).reduce((sum, g) => sum + g.count, 0);
  let total = 0;
  const cumulative = figures.collectedByDay.map(d => (total += d.amount));

  const charts = [];
  function chart(id, title, config) {
    const canvas = h('canvas', { id, 'aria-label': title, role: 'img' });
    const options = config.options || {};
    charts.push(new Chart(canvas, {
      ...config,
      options: { animation: false, maintainAspectRatio: false, ...options, plugins: { ...options.plugins, title: { display: true, text: title } } },
    }));
    return h('div', { class: 'chart' }, canvas);
  }

  show(main,
    h('h1', {}, t('Dashboard')),
    h('div', { class: 'tiles' },
      tile('cases', t('Cases'), figures.cases.toLocaleString('ko-KR')),
      tile('seized', t('Accounts seized'), figures.accountsSeized.toLocaleString('ko-KR')),
      tile('collected', t('Collected'), won(figures.collected)),
      tile('within-mark', t('Closed within {0} days', mark), closed ? t('{0} of {1}', withinMark, closed) : '—')),
    h('div', { class: 'charts' },
      chart('by-status', t('Cases by state'), {
        type: 'bar',
        data: { labels: figures.byStatus.map(g => term(g.key)), datasets: [{ label: t('Cases'), data: figures.byStatus.map(g => g.count), backgroundColor: palette[0] }] },
        options: { plugins: { legend: { display: false } } },
      }),
      chart('by-exchange', t('Cases by exchange'), {
        type: 'doughnut',
        data: { labels: figures.byExchange.map(g => g.key), datasets: [{ data: figures.byExchange.map(g => g.count), backgroundColor: palette }] },
      }),
      chart('collected-by-day', t('Won collected per day (KST)'), {
        type: 'bar',
        data: {
          labels: figures.collectedByDay.map(d => d.day),
          datasets: [
            { type: 'bar', label: t('That day'), data: figures.collectedByDay.map(d => d.amount), backgroundColor: palette[2] },
            { type: 'line', label: t('Running total'), data: cumulative, borderColor: palette[1], backgroundColor: palette[1] },
          ],
        },
      }),
      chart('lead-days', t('Lead time of closed cases (days; mark: {0})', mark), {
        type: 'bar',
        data: {
          labels: figures.leadDays.map(g => g.key),
          datasets: [{
            label: t('Closed cases'),
            data: figures.leadDays.map(g => g.count),
            backgroundColor: figures.leadDays.map(g => (Number(g.key) <= mark ? palette[2] : palette[3])),
          }],
        },
        options: { plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: t('days from seizure to close (green: within {0})', mark) } } } },
      })));

  return () => charts.forEach(c => c.destroy());
}

function tile(id, label, value) {
  return h('div', { class: 'tile', id: `tile-${id}` }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}
