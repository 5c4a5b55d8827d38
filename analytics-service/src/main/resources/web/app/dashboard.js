// The head of sales' dashboard (docs/dashboard.md): a reference client of analytics-service's REST API. Everything
// it shows comes from GET /api/v1/metrics/…, /api/v1/alerts and /api/v1/settings with the bearer token; the state of
// the page (view, period, filters, page, sort, language) lives in the URL so a link shows the same thing.
// only the parts of ECharts the page draws with (docs/dashboard.md: the bundle before and after)
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { say, METRIC_NAMES } from './i18n.js';
import { METRICS, byId, planChart } from './metrics.js';
import { startSignIn, finishSignIn } from './oidc.js';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const API = '/api/v1';
const TOKEN_KEY = 'salespulse.token';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LAG_MINUTES = 15;
const PAGE_SIZE = 20;

// ---- sign-in: a token handed over in the fragment (the local link), kept for the browser tab only

function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.search);
  }
}

const token = () => sessionStorage.getItem(TOKEN_KEY);

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  render();
}

// ---- the URL is the state

function state() {
  const q = new URLSearchParams(location.search);
  const get = (k) => q.get(k) || null;
  return {
    view: get('view') || 'overview', lang: get('lang'), period: get('period') || 'month', month: get('month'),
    quarter: get('quarter'), from: get('from'), to: get('to'), managerId: get('managerId'), teamId: get('teamId'),
    source: get('source'), pipelineId: get('pipelineId'), page: Number(get('page') || 0), figure: get('figure'),
    sort: get('sort'), dir: get('dir') || 'asc', refresh: Math.max(1, Number(get('refresh') || 30)),
  };
}

function go(changes, { replace = false } = {}) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') q.delete(k);
    else q.set(k, v);
  }
  const url = location.pathname + (q.toString() ? '?' + q : '');
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

window.addEventListener('popstate', () => render());

// ---- periods: month, quarter or custom, and the one before it for the trend

const iso = (d) => d.toISOString().slice(0, 10);
const utc = (y, m, d) => new Date(Date.UTC(y, m, d));

function period(s) {
  const today = new Date();
  if (s.period === 'custom' && s.from && s.to) {
    const from = new Date(s.from + 'T00:00:00Z');
    const to = new Date(s.to + 'T00:00:00Z');
    const days = Math.round((to - from) / 86400000) + 1;
    return { from: s.from, to: s.to, prev: { from: iso(new Date(from - days * 86400000)), to: iso(new Date(from - 86400000)) } };
  }
  if (s.period === 'quarter') {
    const m = /^(\d{4})-Q([1-4])$/.exec(s.quarter || '');
    const y = m ? Number(m[1]) : today.getFullYear();
    const qn = m ? Number(m[2]) - 1 : Math.floor(today.getMonth() / 3);
    return { from: iso(utc(y, qn * 3, 1)), to: iso(utc(y, qn * 3 + 3, 0)),
      prev: { from: iso(utc(y, qn * 3 - 3, 1)), to: iso(utc(y, qn * 3, 0)) } };
  }
  const m = /^(\d{4})-(\d{2})$/.exec(s.month || '');
  const y = m ? Number(m[1]) : today.getFullYear();
  const mo = m ? Number(m[2]) - 1 : today.getMonth();
  return { from: iso(utc(y, mo, 1)), to: iso(utc(y, mo + 1, 0)), prev: { from: iso(utc(y, mo - 1, 1)), to: iso(utc(y, mo, 0)) } };
}

// ---- the API, with ETag/If-None-Match: an unchanged answer is a 304 and the copy kept here is used

const kept = new Map();

class ApiError extends Error {}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, v);
  return q.toString();
}

async function api(path, params = {}) {
  const url = API + path + (Object.keys(params).length ? '?' + query(params) : '');
  const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
  const copy = kept.get(url);
  if (copy && copy.etag) headers['If-None-Match'] = copy.etag;
  const response = await fetch(url, { headers });
  if (response.status === 304 && copy) return { body: copy.body, changed: false };
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    throw new ApiError('401');
  }
  if (!response.ok) {
    let detail = response.status + '';
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) { /* not a problem body */ }
    throw new ApiError(detail);
  }
  const body = await response.json();
  kept.set(url, { etag: response.headers.get('ETag'), body });
  return { body, changed: true };
}

/** Downloads an export: fetch with the token and the Accept type, then save the blob under the server's name. */
async function download(path, params, accept) {
  const response = await fetch(API + path + '?' + query(params), {
    headers: { Authorization: 'Bearer ' + token(), Accept: accept },
  });
  if (!response.ok) throw new ApiError(String(response.status));
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  const fileName = match ? match[1] : path.split('/').pop() + (accept === CSV ? '.csv' : '.xlsx');
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return fileName;
}

// ---- formatting for the language's locale

let settings = { language: 'ru', baseCurrency: 'RUB', timeZone: 'Europe/Moscow' };

function lang(s) {
  return s.lang === 'en' || s.lang === 'ru' ? s.lang : settings.language === 'en' ? 'en' : 'ru';
}

const locale = (l) => (l === 'en' ? 'en-GB' : 'ru-RU');

function format(l, kind, value) {
  if (value == null || Number.isNaN(value)) return '—';
  const loc = locale(l);
  switch (kind) {
    case 'money':
      return new Intl.NumberFormat(loc, { style: 'currency', currency: settings.baseCurrency || 'RUB', maximumFractionDigits: 0 }).format(value);
    case 'percent':
      return new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'days':
      return new Intl.NumberFormat(loc, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
    case 'months':
      return new Intl.NumberFormat(loc, { style: 'unit', unit: 'month', unitDisplay: 'long' }).format(value);
    case 'int':
      return new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(value);
    default:
      return new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }).format(value);
  }
}

function formatDate(l, value) {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(locale(l), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(value + 'T00:00:00Z'));
  }
  return new Intl.DateTimeFormat(locale(l), { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone }).format(new Date(value));
}

// ---- DOM helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) if (child != null) node.append(child);
  return node;
}

let charts = [];

function disposeCharts() {
  charts.forEach((c) => c.dispose());
  charts = [];
}

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/** A chart with its table alternative: the chart is an image for screen readers, the table holds the numbers. */
function chartBlock(l, chart, { small = false, id } = {}) {
  const title = chart.name[l];
  const labels = typeof chart.labels === 'function' ? chart.labels(l) : chart.labels;
  const shownLabels = labels.map((x) => (chart.label === 'date' ? formatDate(l, x) : String(x ?? '')));
  const box = el('div', { class: small ? 'spark' : 'chart', role: 'img', 'aria-label': say(l, 'chartOf', { name: title }) });
  const multi = chart.series.length > 1;
  const table = el('table', {},
    el('caption', { class: 'skip', text: title }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: say(l, 'label') }),
      ...chart.series.map((s) => el('th', { scope: 'col', class: 'num', text: s.name ? s.name[l] : say(l, 'value') })))),
    el('tbody', {}, ...shownLabels.map((label, i) => el('tr', {}, el('th', { scope: 'row', text: label }),
      ...chart.series.map((s) => el('td', { class: 'num', text: format(l, chart.kind, s.values[i]) }))))));
  const block = el('figure', { class: small ? 'spark-figure' : 'card wide', id },
    small ? null : el('h3', { text: title }),
    chart.note ? el('p', { text: chart.note[l] }) : null,
    box,
    el('details', {}, el('summary', { text: say(l, 'table') + (small ? '' : ': ' + title) }), el('div', { class: 'scroll' }, table)));
  requestAnimationFrame(() => {
    if (!box.isConnected) return;
    const instance = echarts.init(box, null, { renderer: 'svg' });
    instance.setOption({
      animation: false,
      aria: { enabled: true },
      grid: small ? { left: 2, right: 2, top: 4, bottom: 4 } : { left: 60, right: 16, top: multi ? 36 : 16, bottom: 60 },
      legend: multi && !small ? { top: 0 } : undefined,
      tooltip: small ? undefined : { trigger: 'axis', valueFormatter: (v) => format(l, chart.kind, v) },
      xAxis: { type: 'category', data: shownLabels, show: !small, axisLabel: { rotate: shownLabels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', show: !small, minInterval: chart.kind === 'int' ? 1 : undefined,
        axisLabel: { formatter: (v) => format(l, chart.kind, v) } },
      series: chart.series.map((s) => ({ type: chart.type, name: s.name ? s.name[l] : title, data: s.values, showSymbol: !small })),
    });
    charts.push(instance);
  });
  return block;
}

// ---- rendering

function header(s, l) {
  return el('header', { class: 'top' },
    el('h1', {}, el('a', { href: '?' + query({ ...filterParams(s), lang: s.lang }), onclick: link({ view: null, page: null, figure: null, sort: null, dir: null }) }, say(l, 'title'))),
    el('p', { class: 'asof', id: 'asof', 'aria-live': 'polite' }),
    el('div', { role: 'group', 'aria-label': say(l, 'language') },
      ...['ru', 'en'].map((code) => el('button', { type: 'button', 'aria-pressed': String(l === code), 'data-lang': code,
        lang: code, onclick: () => go({ lang: code }) }, code.toUpperCase()))),
    el('button', { type: 'button', id: 'sign-out', onclick: signOut }, say(l, 'signOut')));
}

function link(changes) {
  return (event) => {
    event.preventDefault();
    go(changes);
  };
}

function filterParams(s) {
  return { period: s.period === 'month' ? null : s.period, month: s.month, quarter: s.quarter, from: s.from, to: s.to,
    managerId: s.managerId, teamId: s.teamId, source: s.source, pipelineId: s.pipelineId };
}

const knownManagers = new Map(JSON.parse(sessionStorage.getItem('salespulse.managers') || '[]'));

/** The filters' values with their names (GET /metrics/filters): teams, pipelines, managers, sources. */
let filterValues = { teams: [], pipelines: [], managers: [], sources: [] };

async function loadFilterValues() {
  try {
    filterValues = (await api('/metrics/filters')).body;
    filterValues.managers.forEach((m) => m.name && knownManagers.set(m.id, m.name));
  } catch (e) {
    if (!token()) throw e;
    // the pickers then offer what the answers named, and the value in the URL
  }
}

/** A picker: "all", then the options by name, and the value in the URL even when the list does not hold it. */
function picker(name, id, all, options, selected) {
  const listed = options.some(([value]) => value === selected);
  return el('select', { name, id },
    el('option', { value: '' }, all),
    ...options.map(([value, label]) => el('option', { value, selected: selected === value }, label)),
    ...(selected && !listed ? [el('option', { value: selected, selected: true }, selected)] : []));
}

function learnManagers(answers) {
  const add = (id, name) => id && name && knownManagers.set(id, name);
  for (const a of answers) {
    const f = a && a.figures;
    if (!f) continue;
    (f.byManager || []).forEach((m) => add(m.managerId, m.managerName));
    (f.managers || []).forEach((m) => add(m.managerId, m.name ?? m.managerName));
  }
  sessionStorage.setItem('salespulse.managers', JSON.stringify([...knownManagers]));
}

function filters(s, l) {
  const p = period(s);
  const field = (label, input) => el('label', {}, label, input);
  const form = el('form', { class: 'filters', 'aria-label': say(l, 'filters'), onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const kind = data.get('period');
    go({
      period: kind === 'month' ? null : kind,
      month: kind === 'month' ? data.get('month') : null,
      quarter: kind === 'quarter' ? data.get('quarter') : null,
      from: kind === 'custom' ? data.get('from') : null,
      to: kind === 'custom' ? data.get('to') : null,
      managerId: data.get('managerId'), teamId: data.get('teamId'), source: data.get('source'),
      pipelineId: data.get('pipelineId'), page: null,
    });
  } },
  field(say(l, 'period'), el('select', { name: 'period', id: 'f-period' },
    ...['month', 'quarter', 'custom'].map((k) => el('option', { value: k, selected: s.period === k }, say(l, k))))),
  field(say(l, 'month'), el('input', { type: 'month', name: 'month', value: s.month || p.from.slice(0, 7) })),
  field(say(l, 'quarter'), el('input', { name: 'quarter', placeholder: '2026-Q4', pattern: '\\d{4}-Q[1-4]', value: s.quarter || '' })),
  field(say(l, 'from'), el('input', { type: 'date', name: 'from', value: s.from || p.from })),
  field(say(l, 'to'), el('input', { type: 'date', name: 'to', value: s.to || p.to })),
  field(say(l, 'manager'), picker('managerId', 'f-manager', say(l, 'allManagers'),
    [...knownManagers].sort((a, b) => a[1].localeCompare(b[1])), s.managerId)),
  field(say(l, 'team'), picker('teamId', 'f-team', say(l, 'allTeams'),
    filterValues.teams.map((t) => [t.id, t.name || t.id]), s.teamId)),
  field(say(l, 'source'), picker('source', 'f-source', say(l, 'allSources'),
    filterValues.sources.map((v) => [v, v]), s.source)),
  field(say(l, 'pipeline'), picker('pipelineId', 'f-pipeline', say(l, 'allPipelines'),
    filterValues.pipelines.map((v) => [v.id, v.name || v.id]), s.pipelineId)),
  el('button', { type: 'submit', id: 'f-apply' }, say(l, 'apply')));
  return form;
}

function metricParams(s, p, extra = {}) {
  return { from: p.from, to: p.to, managerId: s.managerId, teamId: s.teamId, source: s.source, pipelineId: s.pipelineId, ...extra };
}

/**
 * The plan is monthly: plan-forecast takes one whole month. For a quarter or a custom range it is the current month
 * when today lies in the range, else the range's last month; its "previous period" is the month before.
 */
function planMonth(p) {
  const today = iso(new Date());
  return (p.from <= today && today <= p.to ? today : p.to).slice(0, 7);
}

function monthBefore(month) {
  const [y, m] = month.split('-').map(Number);
  return iso(utc(y, m - 2, 1)).slice(0, 7);
}

function paramsFor(metric, s, p, extra = {}, previous = false) {
  const params = metricParams(s, previous ? p.prev : p, extra);
  if (metric !== 'plan-forecast') return params;
  const month = planMonth(p);
  return { ...params, from: null, to: null, month: previous ? monthBefore(month) : month };
}

function showAsOf(l, answers) {
  const times = answers.map((a) => a && a.asOf).filter(Boolean).sort();
  const node = document.getElementById('asof');
  if (!node) return;
  node.replaceChildren();
  if (!times.length) {
    node.append(say(l, 'noData'));
    return;
  }
  const asOf = times[times.length - 1];
  node.append(say(l, 'asOf') + ' ', el('time', { datetime: asOf, id: 'asof-time' }, formatDate(l, asOf)));
  const minutes = Math.floor((Date.now() - new Date(asOf)) / 60000);
  if (minutes >= LAG_MINUTES) node.append(' ', el('span', { class: 'lag', role: 'status', id: 'lag' }, '⚠ ' + say(l, 'lag', { minutes })));
}

function trend(l, metric, now, before) {
  if (before == null || now == null) return el('p', { class: 'trend flat' }, say(l, 'trendNone'));
  const delta = now - before;
  const prev = format(l, metric.kind, before);
  if (Math.abs(delta) < 1e-9) return el('p', { class: 'trend flat' }, '→ ' + say(l, 'trendFlat', { prev }));
  const up = delta > 0;
  const good = metric.better == null ? 'flat' : (metric.better === 'up') === up ? 'good' : 'bad';
  const shown = metric.kind === 'percent' ? format(l, 'decimal', Math.abs(delta) * 100) + ' п.п.'.replace(' п.п.', l === 'en' ? ' pp' : ' п.п.')
    : format(l, metric.kind, Math.abs(delta));
  return el('p', { class: 'trend ' + good }, (up ? '▲ ' : '▼ ') + say(l, up ? 'trendUp' : 'trendDown', { delta: shown, prev }));
}

function safe(fn, fallback = null) {
  try {
    return fn();
  } catch (e) {
    return fallback;
  }
}

/** Whether the period is several whole months (a quarter, a custom range from a 1st to a month's end). */
function wholeMonths(p) {
  const next = new Date(Date.parse(p.to + 'T00:00:00Z') + 86400000);
  return p.from.endsWith('-01') && next.getUTCDate() === 1 && p.from.slice(0, 7) !== p.to.slice(0, 7);
}

async function overviewData(s) {
  const p = period(s);
  const calls = METRICS.flatMap((m) => [api('/metrics/' + m.id, paramsFor(m.id, s, p, { size: 1 })),
    api('/metrics/' + m.id, paramsFor(m.id, s, p, { size: 1 }, true))]);
  calls.push(api('/alerts', {}));
  // plan-forecast is monthly: for a quarter, the months' plans, sales and the current month's forecast, summed
  if (wholeMonths(p)) calls.push(api('/metrics/plan-forecast/months', metricParams(s, p)));
  const results = await Promise.all(calls);
  return { changed: results.some((r) => r.changed), bodies: results.map((r) => r.body) };
}

function renderOverview(s, l, data) {
  const content = document.getElementById('content');
  disposeCharts();
  const answers = METRICS.map((m, i) => data.bodies[2 * i]);
  const previous = METRICS.map((m, i) => data.bodies[2 * i + 1]);
  const alerts = data.bodies[2 * METRICS.length];
  const months = data.bodies[2 * METRICS.length + 1];
  learnManagers(answers);
  showAsOf(l, answers);
  const plan = answers[METRICS.findIndex((m) => m.id === 'plan-forecast')].figures;
  const f = (kind, v) => format(l, kind, v == null ? null : Number(v));
  const planSection = el('section', { class: 'card wide', 'aria-labelledby': 'plan-h', id: 'plan' },
    el('h2', { id: 'plan-h', text: say(l, 'plan') }),
    el('dl', { class: 'grid' },
      ...[['planOf', f('money', plan.plan)], ['sold', f('money', plan.soldToDate)], ['chance', f('percent', plan.chanceToMeetPlan)],
        ['forecastRunRate', f('money', plan.forecasts?.runRate)], ['forecastPipeline', f('money', plan.forecasts?.weightedPipeline)],
        ['forecastCurve', f('money', plan.forecasts?.historicalCurve)], ['needed', f('money', plan.neededDailyRate)]]
        .map(([k, v]) => el('div', { 'data-figure': k }, el('dt', { text: say(l, k) }), el('dd', { class: 'headline', text: v })))),
    chartBlock(l, planChart(plan)));
  const monthsSection = months ? planMonths(l, months.figures) : null;
  const alertList = (alerts || []).filter((a) => !a.resolvedAt);
  const alertSection = el('section', { class: 'card wide alerts', 'aria-labelledby': 'alerts-h', id: 'alerts' },
    el('h2', { id: 'alerts-h', text: say(l, 'alerts') + ' (' + alertList.length + ')' }),
    alertList.length ? el('ul', {}, ...alertList.map((a) => el('li', {},
      el('span', { class: 'sev-' + a.severity, text: a.severity }), ' ', a.title, ' — ', formatDate(l, a.raisedAt))))
      : el('p', { text: say(l, 'noAlerts') }));
  const cards = METRICS.map((m, i) => {
    const figures = answers[i].figures;
    const value = safe(() => m.headline(figures));
    const before = safe(() => m.headline(previous[i].figures));
    const title = METRIC_NAMES[m.id][l];
    const spark = safe(() => m.spark(figures), { type: 'bar', labels: [], values: [] });
    return el('article', { class: 'card', 'data-metric': m.id, 'aria-labelledby': 'card-' + m.id },
      el('h2', { id: 'card-' + m.id }, el('a', { href: '?' + query({ ...filterParams(s), lang: s.lang, view: m.id }),
        onclick: link({ view: m.id, page: null, figure: null }) }, title)),
      el('p', { class: 'headline', 'data-value': value == null ? '' : String(value) }, format(l, m.kind, value)),
      trend(l, m, value, before),
      chartBlock(l, { name: { ru: title, en: title }, type: spark.type, kind: m.kind, labels: spark.labels,
        series: [{ values: spark.values }] }, { small: true }));
  });
  content.replaceChildren(el('div', { class: 'grid' }, monthsSection, planSection, alertSection), el('h2', { class: 'skip', text: say(l, 'overview') }),
    el('div', { class: 'grid', id: 'cards' }, ...cards));
}

const COLUMNS = ['title', 'managerName', 'stageName', 'statusLabel', 'at', 'ageDays', 'reasonLabel', 'amount', 'source'];

/** The API's ?sort= field of each column that has one (the drill-down's sortableBy says which it accepts). */
const SORT_FIELDS = { title: 'title', stageName: 'stage', statusLabel: 'status', at: 'at', ageDays: 'ageDays',
  reasonLabel: 'reason', amount: 'amount', source: 'source' };

/** The drill-down's order for the API: the column in the URL as ?sort=field or -field, across every page. */
function apiSort(s) {
  const field = SORT_FIELDS[s.sort];
  return field ? (s.dir === 'desc' ? '-' : '') + field : null;
}

function drillParams(s) {
  return { page: s.page, size: PAGE_SIZE, figure: s.figure, sort: apiSort(s) };
}

/** A span of months' plan (GET /metrics/plan-forecast/months): the sums, and each month's plan, sales, forecast. */
function planMonths(l, f) {
  const money = (v) => format(l, 'money', v == null ? null : Number(v));
  const series = (key, values) => ({ name: { ru: say('ru', key), en: say('en', key) }, values });
  const values = (key) => f.months.map((m) => (m[key] == null ? null : Number(m[key])));
  return el('section', { class: 'card wide', 'aria-labelledby': 'plan-months-h', id: 'plan-months' },
    el('h2', { id: 'plan-months-h', text: say(l, 'planMonths') }),
    el('dl', { class: 'grid' },
      ...[['spanPlan', money(f.plan)], ['spanSold', money(f.sold)], ['planThroughCurrent', money(f.planThroughCurrent)],
        ['forecastThroughCurrent', money(f.forecastThroughCurrent)]]
        .map(([k, v]) => el('div', { 'data-figure': k }, el('dt', { text: say(l, k) }), el('dd', { class: 'headline', text: v })))),
    chartBlock(l, { name: { ru: say('ru', 'planMonths'), en: say('en', 'planMonths') }, type: 'bar', kind: 'money',
      labels: f.months.map((m) => m.month),
      series: [series('monthPlan', values('plan')), series('monthSold', values('sold')), series('monthForecast', values('forecast'))] }));
}

async function metricData(s) {
  const p = period(s);
  const result = await api('/metrics/' + s.view, paramsFor(s.view, s, p, drillParams(s)));
  return { changed: result.changed, bodies: [result.body] };
}

function renderMetric(s, l, data) {
  const content = document.getElementById('content');
  disposeCharts();
  const answer = data.bodies[0];
  const metric = byId[s.view];
  learnManagers([answer]);
  showAsOf(l, [answer]);
  const p = period(s);
  const params = paramsFor(s.view, s, p, drillParams(s));
  const value = safe(() => metric.headline(answer.figures));
  const drill = answer.drillDown;
  const sortable = new Set(drill.sortableBy || []);
  const pages = Math.max(1, Math.ceil(drill.totalItems / drill.size));
  const status = el('p', { role: 'status', id: 'export-status' });
  const exportButton = (label, id, accept, extra) => el('button', { type: 'button', id, onclick: async () => {
    try {
      const name = await download('/metrics/' + s.view, { ...params, ...extra }, accept);
      status.textContent = say(l, 'exported', { name });
    } catch (e) {
      status.textContent = say(l, 'error', { message: e.message });
    }
  } }, label);
  const head = el('tr', {}, ...COLUMNS.map((c) => {
    const num = c === 'amount' || c === 'ageDays' ? 'num' : null;
    if (!sortable.has(SORT_FIELDS[c])) return el('th', { scope: 'col', class: num, text: say(l, 'col.' + c) });
    const sorted = s.sort === c ? (s.dir === 'desc' ? 'descending' : 'ascending') : 'none';
    return el('th', { scope: 'col', 'aria-sort': sorted, class: num },
      el('button', { type: 'button', 'data-sort': c, 'aria-label': say(l, 'sortBy', { col: say(l, 'col.' + c) }),
        onclick: () => go({ sort: c, dir: s.sort === c && s.dir === 'asc' ? 'desc' : 'asc', page: null }, { replace: true }) },
      say(l, 'col.' + c) + (s.sort === c ? (s.dir === 'desc' ? ' ▼' : ' ▲') : '')));
  }));
  const cell = (item, c) => {
    if (c === 'at') return formatDate(l, item.at);
    if (c === 'amount') return item.amount == null ? '' : format(l, 'money', Number(item.amount));
    if (c === 'ageDays') return item.ageDays == null ? '' : format(l, 'int', item.ageDays);
    return item[c] ?? '';
  };
  const rows = drill.items.map((item) => el('tr', { 'data-card': item.cardId },
    ...COLUMNS.map((c) => el('td', { class: c === 'amount' || c === 'ageDays' ? 'num' : null, text: cell(item, c) }))));
  const figureChoice = metric.figures ? el('label', {}, say(l, 'figure') + ' ', el('select', { id: 'drill-figure',
    onchange: (event) => go({ figure: event.target.value, page: null, sort: null, dir: null }) },
  ...metric.figures.map((name) => el('option', { value: name, selected: drill.figure === name }, name)))) : null;
  const charts = safe(() => metric.charts(answer.figures), []);
  content.replaceChildren(
    el('p', {}, el('a', { href: '?' + query({ ...filterParams(s), lang: s.lang }), onclick: link({ view: null, page: null, figure: null, sort: null, dir: null }) }, say(l, 'back'))),
    el('h2', { id: 'metric-h', text: METRIC_NAMES[s.view][l] }),
    el('p', { class: 'headline', 'data-value': value == null ? '' : String(value) }, format(l, metric.kind, value)),
    el('div', { class: 'grid' }, ...charts.map((c) => chartBlock(l, c))),
    el('section', { class: 'card wide', 'aria-labelledby': 'drill-h', id: 'drill' },
      el('h3', { id: 'drill-h', text: say(l, 'drillDown') + ' (' + drill.totalItems + ')' }),
      figureChoice,
      el('div', { class: 'exports' },
        exportButton(say(l, 'exportCsv'), 'export-csv', CSV, { table: 'drillDown', page: 0, size: 10000 }),
        exportButton(say(l, 'exportFiguresCsv'), 'export-figures-csv', CSV, { table: 'figures' }),
        exportButton(say(l, 'exportXlsx'), 'export-xlsx', XLSX, { page: 0, size: 10000 })),
      status,
      el('p', { text: say(l, 'sortNote') }),
      el('div', { class: 'scroll' }, el('table', { id: 'drill-table' }, el('caption', { class: 'skip', text: say(l, 'drillDown') }),
        el('thead', {}, head), el('tbody', {}, ...rows))),
      el('nav', { class: 'pager', 'aria-label': say(l, 'page', { page: drill.page + 1, pages }) },
        el('button', { type: 'button', disabled: drill.page <= 0, onclick: () => go({ page: drill.page - 1 }) }, say(l, 'prev')),
        el('span', { text: say(l, 'page', { page: drill.page + 1, pages }) }),
        el('button', { type: 'button', disabled: drill.page + 1 >= pages, onclick: () => go({ page: drill.page + 1 }) }, say(l, 'next')))));
}

// ---- the page: sign-in, frame, data, live refresh

let poller = null;
let generation = 0;

async function render() {
  generation += 1;
  const mine = generation;
  clearTimeout(poller);
  disposeCharts();
  const s = state();
  const app = document.getElementById('app');
  if (!token()) {
    const l = s.lang === 'en' ? 'en' : 'ru';
    document.documentElement.lang = l;
    const oidc = (await pageConfig()).oidc;
    app.replaceChildren(el('main', { id: 'main', tabindex: '-1' }, el('h1', { text: say(l, 'signInTitle') }),
      oidc ? el('p', {}, el('button', { type: 'button', id: 'signin-oidc', onclick: () => startSignIn(oidc) }, say(l, 'signInOidc'))) : null,
      el('p', { text: say(l, 'signInLocal') })));
    return;
  }
  try {
    settings = (await api('/settings')).body;
    await loadFilterValues();
  } catch (e) {
    if (!token()) return render();
  }
  if (mine !== generation) return;
  const l = lang(s);
  document.documentElement.lang = l;
  document.title = (s.view !== 'overview' && METRIC_NAMES[s.view] ? METRIC_NAMES[s.view][l] + ' — ' : '') + 'Sales Pulse';
  const onMetric = s.view !== 'overview' && byId[s.view];
  app.replaceChildren(el('a', { class: 'skip', href: '#main' }, say(l, 'skip')), header(s, l), filters(s, l),
    el('main', { id: 'main', tabindex: '-1' }, el('div', { id: 'content', 'aria-busy': 'true' }, el('p', { text: '…' }))));
  const load = onMetric ? metricData : overviewData;
  const show = onMetric ? renderMetric : renderOverview;
  const refresh = async (first) => {
    try {
      const data = await load(s);
      if (mine !== generation) return;
      if (first || data.changed) {
        show(s, l, data);
        document.getElementById('content').setAttribute('aria-busy', 'false');
        document.getElementById('f-manager')?.replaceWith(filters(s, l).querySelector('#f-manager'));
      }
    } catch (e) {
      if (mine !== generation) return;
      if (!token()) return render();
      document.getElementById('content').replaceChildren(el('p', { class: 'error', role: 'alert', text: say(l, 'error', { message: e.message }) }));
    }
    if (mine === generation) poller = setTimeout(() => refresh(false), s.refresh * 1000);
  };
  await refresh(true);
}

let config = null;

/** The deployment's settings for the page (/dashboard/config.json): the OIDC provider, when there is one. */
async function pageConfig() {
  if (!config) {
    try {
      config = await (await fetch('/dashboard/config.json')).json();
    } catch (e) {
      config = {};
    }
  }
  return config;
}

async function start() {
  takeTokenFromFragment();
  const oidc = (await pageConfig()).oidc;
  if (oidc && new URLSearchParams(location.search).has('code')) {
    try {
      const accessToken = await finishSignIn(oidc);
      if (accessToken) sessionStorage.setItem(TOKEN_KEY, accessToken);
    } catch (e) {
      document.getElementById('app').replaceChildren(el('p', { class: 'error', role: 'alert', text: e.message }));
      return;
    }
  }
  render();
}

start();
