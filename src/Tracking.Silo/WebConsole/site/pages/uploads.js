import { api, segment } from '../api.js';
import { act, facts, field, h, pace, pagedTable, select, table, when, show } from '../ui.js';
import { t } from '../i18n.js';

export async function uploads({ main, session }) {
  const worker = session.role === 'officer' || session.role === 'supervisor';
  const result = h('div', { id: 'upload-result' });
  const history = h('div', { id: 'upload-history' });
  const showHistory = () => pagedTable(history, historyColumns, after => api(`/api/imports${after ? `?after=${segment(after)}` : ''}`), showRecord(result));
  const forms = worker ? await uploadForms(result, showHistory) : [];
  show(main, h('h1', {}, t('Uploads')), ...forms, result, h('h2', {}, t('Uploads so far')), history);
  await showHistory();
}

async function uploadForms(result, uploaded) {
  const [exchanges, limits] = await Promise.all([api('/api/imports/exchanges'), api('/api/imports/limits')]);
  const roll = uploadForm('upload-roll', t('The roll'), [['taxpayers', t('Taxpayers (CSV)')], ['items', t('Tax items (CSV)')]], () => '/api/imports/roll', result, uploaded);
  const exchange = select('exchange', exchanges.map(e => [e, e]), exchanges[0]);
  const accounts = uploadForm('upload-accounts', t('An exchange\'s account list'), [['file', t('Account list (as the exchange sent it)')]], () => `/api/imports/accounts/${segment(exchange.value)}`, result, uploaded, field(t('Exchange'), exchange));
  for (const form of [roll, accounts]) {
    form.dataset.maxBytes = limits.maxUploadBytes;
  }
  return [h('div', { class: 'columns' }, roll, accounts)];
}

const megabytes = bytes => `${(bytes / 1048576).toLocaleString('en', { maximumFractionDigits: 1 })} MiB`;

function uploadForm(id, title, files, path, result, uploaded, ...extra) {
  const button = h('button', { type: 'submit' }, t('Upload'));
  const bar = h('progress', { class: 'upload-progress', hidden: true });
  const said = h('p', { class: 'upload-progress-text muted' });
  const form = h('form', { class: 'card', id },
    h('h2', {}, title),
    extra,
    files.map(([name, label]) => field(label, h('input', { type: 'file', name, required: true }))),
    button, bar, said);
  form.addEventListener('submit', event => {
    event.preventDefault();
    act(button, result, async () => {
      // Said here rather than after sending it: the server refuses a larger upload only once it has arrived.
      const size = [...form.querySelectorAll('input[type=file]')].flatMap(input => [...input.files]).reduce((sum, file) => sum + file.size, 0);
      if (size > Number(form.dataset.maxBytes)) {
        throw new Error(t('These files are {0}; an upload may be at most {1}. Split the file or ask the operator to raise the limit.', megabytes(size), megabytes(Number(form.dataset.maxBytes))));
      }
      const id = uploadId();
      const stop = watch(bar, said, id);
      try {
        showRecord(result)(await api(path(), { method: 'POST', form: new FormData(form), headers: { 'X-Upload-Id': id } }));
      } finally {
        stop();
      }
      await uploaded();
    });
  });
  return form;
}

const uploadId = () => (crypto.randomUUID ? crypto.randomUUID() : [...crypto.getRandomValues(new Uint8Array(16))].map(b => b.toString(16).padStart(2, '0')).join(''));

/** Shows an upload's progress twice a second, as the server tells it, until the returned stop is called. */
function watch(bar, said, id) {
  const paceOf = pace();
  let stopped = false;
  let asking = false;
  bar.hidden = false;
  bar.removeAttribute('value');
  said.textContent = t('Sending the files…');
  const timer = setInterval(async () => {
    if (asking) {
      return;
    }
    asking = true;
    try {
      const status = await api(`/api/imports/progress/${segment(id)}`);
      if (stopped) {
        return;
      }
      if (status.phase === 'reading') {
        said.textContent = t('Reading the files…');
      } else if (status.phase === 'storing') {
        bar.max = Math.max(status.total, 1);
        bar.value = status.done;
        const seen = paceOf(true, status.done, status.total);
        said.textContent = seen
          ? t('{0} of {1} records stored, {2} a second, about {3} s left', status.done, status.total, Math.round(seen.perSecond), seen.secondsLeft)
          : t('{0} of {1} records stored', status.done, status.total);
      }
    } catch {
      // Not known until the files have arrived.
    } finally {
      asking = false;
    }
  }, 500);
  return () => {
    stopped = true;
    clearInterval(timer);
    bar.hidden = true;
    said.textContent = '';
  };
}

const historyColumns = [
  { title: t('When'), value: r => when(r.at) },
  { title: t('By'), value: r => r.by },
  { title: t('Files'), value: r => r.files.join(', ') },
  { title: t('New'), value: r => r.summary.new, numeric: true },
  { title: t('Changed'), value: r => r.summary.changed, numeric: true },
  { title: t('Unchanged'), value: r => r.summary.unchanged, numeric: true },
  { title: t('Row problems'), value: r => r.summary.problems.length, numeric: true },
];

/** One upload: what it did and every row problem, by file and line. */
const showRecord = container => record => {
  const summary = record.summary;
  container.replaceChildren(h('section', { class: 'card', id: 'upload-record' },
    h('h2', {}, `${summary.what}: ${record.files.join(', ')}`),
    facts([
      [t('Rows read'), summary.rows],
      [t('Records'), summary.records],
      [t('New'), summary.new],
      [t('Changed'), summary.changed],
      [t('Unchanged'), summary.unchanged],
      [t('Rows left out'), summary.rejected],
    ]),
    summary.problems.length
      ? h('div', { id: 'row-problems' }, h('h3', {}, t('Row problems ({0})', summary.problems.length)), table([
        { title: t('File'), value: p => p.file },
        { title: t('Line'), value: p => p.line, numeric: true },
        { title: '', value: p => (p.rejected ? t('left out') : t('kept, field dropped')) },
        { title: t('Reason'), value: p => p.reason },
      ], summary.problems))
      : h('p', { class: 'muted' }, t('No row problems.'))));
};
