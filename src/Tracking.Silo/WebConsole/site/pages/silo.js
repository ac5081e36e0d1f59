import { facts, h, show } from '../ui.js';

// Operators see the silo, never personal data.
export async function silo({ main }) {
  const check = async path => {
    const response = await fetch(path);
    return `${response.ok ? 'yes' : 'no'} (${await response.text()})`;
  };
  show(main, h('h1', {}, 'Silo'), h('section', { class: 'card', id: 'silo-health' }, facts([
    ['Live', await check('/health/live')],
    ['Ready for grain calls', await check('/health/ready')],
  ])));
}
