import { api } from '../api.js';
import { act, field, h } from '../ui.js';
import { t } from '../i18n.js';

export function signIn(main, signedIn) {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit' }, t('Sign in'));
  const output = h('div');
  const form = h('form', { class: 'card narrow', id: 'sign-in' },
    h('h1', {}, t('Sign in')),
    field(t('Name'), name),
    field(t('Password'), password),
    button,
    output);
  form.addEventListener('submit', event => {
    event.preventDefault();
    act(button, output, async () => signedIn(await api('/api/session', { method: 'POST', json: { name: name.value, password: password.value } })));
  });
  main.append(form);
}
