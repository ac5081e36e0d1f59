// The console's shell: who is signed in, the pages their role may open, and the page in the address.
import { api, ApiError } from './api.js';
import { h, problem } from './ui.js';
import { language, switchLanguage, t, term } from './i18n.js';
import { signIn } from './pages/signin.js';
import { dashboard } from './pages/dashboard.js';
import { cases, caseFile } from './pages/cases.js';
import { approvals } from './pages/approvals.js';
import { reviews, evidence } from './pages/reviews.js';
import { uploads } from './pages/uploads.js';
import { sweep } from './pages/sweep.js';
import { accessRecord } from './pages/access.js';
import { suspense } from './pages/suspense.js';
import { silo } from './pages/silo.js';

const readers = ['officer', 'supervisor', 'auditor'];

// The pages in menu order; "detail" opens one item of the page's list (#/page/item).
const pages = [
  { path: 'dashboard', title: t('Dashboard'), roles: readers, render: dashboard },
  { path: 'cases', title: t('Cases'), roles: readers, render: cases, detail: caseFile },
  { path: 'approvals', title: t('Approvals'), roles: ['supervisor'], render: approvals },
  { path: 'reviews', title: t('Review queue'), roles: readers, render: reviews, detail: evidence },
  { path: 'uploads', title: t('Uploads'), roles: readers, render: uploads },
  { path: 'sweep', title: t('Sweep'), roles: readers, render: sweep },
  { path: 'suspense', title: t('Suspense'), roles: readers, render: suspense },
  { path: 'access', title: t('Access record'), roles: ['auditor'], render: accessRecord },
  { path: 'silo', title: t('Silo'), roles: ['operator'], render: silo },
];

// Each page opened is drawn in a <main> of its own, put in place of the last: a page left before
// its data came draws into its own, no longer shown, instead of over the page opened after it.
let main = document.getElementById('page');
let session = null;
let leave = null;

async function currentSession() {
  try {
    return await api('/api/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
}

const switcher = () => h('button', { type: 'button', id: 'language', lang: language === 'ko' ? 'en' : 'ko', onclick: switchLanguage }, language === 'ko' ? 'English' : '한국어');

function showMenu() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!session) {
    nav.replaceChildren();
    who.replaceChildren(switcher());
    return;
  }
  nav.replaceChildren(...pages.filter(p => p.roles.includes(session.role)).map(p => h('a', { href: `#/${p.path}`, 'data-page': p.path }, p.title)));
  who.replaceChildren(
    h('span', { id: 'signed-in' }, `${session.name} (${term(session.role)})`),
    h('button', { type: 'button', id: 'sign-out', onclick: signOut }, t('Sign out')),
    switcher());
}

async function signOut() {
  await api('/api/session', { method: 'DELETE' });
  session = null;
  location.hash = '#/signin';
  await route();
}

async function route() {
  if (leave) {
    leave();
    leave = null;
  }
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const item = rest.map(decodeURIComponent).join('/');
  session = session || await currentSession();
  showMenu();
  if (!session || path === 'signin') {
    signIn(freshMain(), async signedIn => {
      session = signedIn;
      location.hash = `#/${firstPage().path}`;
    });
    return;
  }

  const page = pages.find(p => p.path === path && p.roles.includes(session.role));
  if (!page) {
    location.replace(`#/${firstPage().path}`);
    return;
  }

  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('current', link.dataset.page === page.path);
  }
  const view = freshMain(h('p', { class: 'muted loading' }, t('Loading…')));
  try {
    const context = { session, main: view };
    const ended = (item && page.detail ? await page.detail(context, item) : await page.render(context)) || null;
    if (main === view) {
      leave = ended;
    } else if (ended) {
      ended();
    }
  } catch (error) {
    if (main !== view) {
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      session = null;
      location.hash = '#/signin';
      return;
    }
    main.replaceChildren(problem(error));
  }
}

function freshMain(...children) {
  const view = h('main', { id: 'page' }, ...children);
  main.replaceWith(view);
  main = view;
  return view;
}

const firstPage = () => pages.find(p => p.roles.includes(session.role));

document.title = t('Tracking — collection console');
window.addEventListener('hashchange', route);
route();
