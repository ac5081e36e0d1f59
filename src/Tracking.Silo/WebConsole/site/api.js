// The case API as the pages call it: JSON in and out, refusals as ApiError carrying the problem details
// (in the officer's language: the silo words them in Korean where it knows how).
import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', json, form, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', 'Accept-Language': language, ...headers }, credentials: 'same-origin' };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  if (form) {
    init.body = form;
  }

  const response = await fetch(path, init);
  if (response.status === 204) {
    return null;
  }

  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof body === 'object' ? body : { title: response.statusText, detail: body });
  }
  return body;
}

/** A path segment: case and document ids hold '/', '@' and '#'. */
export const segment = encodeURIComponent;

export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
