import { api } from '../api.js';
import { h, won, show } from '../ui.js';
import { t, term } from '../i18n.js';

const palette = ['#2f6db5', '#e0883a', '#3a9d5d', '#c64545', '#8a5cc2', '#8c6d46', '#d46fb0', '#7f7f7f', '#b5b83a', '#3ab5c4', '#1f3f6b', '#6b1f1f'];

export async function dashboard({ main }) {
  const figures = await api('/api/dashboard');
  const mark = figures.leadTimeMarkDays;
  const closed = figures.leadTimes.reduce((sum, b) => sum + b.count, 0);
  const withinMark = figures.leadTimes.filter(b => b.withinMark).reduce((sum, b) => sum + b.count, 0);
  const leadLabel = b => (b.hours ? t('within {0} h', b.hours) : t('{0} days', b.days));
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
      chart('lead-days', t('Lead time of closed cases (mark: {0} days)', mark), {
        type: 'bar',
        data: {
          labels: figures.leadTimes.map(leadLabel),
          datasets: [{
            label: t('Closed cases'),
            data: figures.leadTimes.map(b => b.count),
            backgroundColor: figures.leadTimes.map(b => (b.withinMark ? palette[2] : palette[3])),
          }],
        },
        options: { plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: t('from seizure to close: hours below a day, then days (green: within {0} days)', mark) } } } },
      }),
      markChart('mark-by-exchange', t('Closed within {0} days, by exchange (%)', mark), figures.markByExchange),
      markChart('mark-by-officer', t('Closed within {0} days, by officer (%)', mark), figures.markByOfficer)));

  /** The share of each group's closed cases that closed within the mark, with the counts in the tooltip. */
  function markChart(id, title, shares) {
    return chart(id, title, {
      type: 'bar',
      data: {
        labels: shares.map(s => s.key),
        datasets: [{ label: t('Within the mark (%)'), data: shares.map(s => Math.round((100 * s.withinMark) / s.closed)), backgroundColor: palette[2] }],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { min: 0, max: 100 } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: item => t('{0} of {1}', shares[item.dataIndex].withinMark, shares[item.dataIndex].closed) } } },
      },
    });
  }

  return () => charts.forEach(c => c.destroy());
}

function tile(id, label, value) {
  return h('div', { class: 'tile', id: `tile-${id}` }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}
