// servicekit embed loader. One <script type="module"> tag per page; it defines
// the servicekit custom elements and loads widget wasm only when an element is
// on the page: each kind of widget has a bundle of its own, and one bundle holds
// them all; a page gets whichever downloads fewer bytes for the kinds it has.
const base = new URL('.', import.meta.url);
// xtask fills in the content-hashed file names (and sizes in bytes) at build time.
const stylesheet = new URL('widgets/__WIDGETS_CSS__', base).href;
const BUNDLES = __BUNDLES__;
const loading = {};

/** Loads bundle `name` once; every element using it shares its one wasm instance. */
function load(name) {
  if (!loading[name]) {
    const { js, wasm } = BUNDLES[name];
    // Start the wasm download now, so that it overlaps the JS glue's.
    const binary = fetch(new URL(`widgets/${wasm}`, base));
    binary.catch(() => {}); // a failure is reported once, where the glue awaits it
    loading[name] = import(new URL(`widgets/${js}`, base).href).then(async (module) => {
      await module.default({ module_or_path: binary });
      return module;
    });
  }
  return loading[name];
}

/** Custom element name → its widget's bundle (the manage page's tools are only in `manage`). */
const KINDS = {
  'servicekit-self-assessment': 'self-assessment',
  'servicekit-team-coverage': 'team-coverage',
  'servicekit-contract': 'contract',
  'servicekit-take-up': 'take-up',
  'servicekit-feedback': 'feedback',
  'servicekit-manage': 'manage',
};

/**
 * The bundle for a widget of `kind`: one already loading that has it, else its
 * own when the own bundles of every kind on the page (not yet loading) add up to
 * no more than the bundle with them all.
 */
function bundleFor(kind) {
  if (kind === 'manage' || loading[kind]) return kind;
  if (loading.widgets) return 'widgets';
  const tags = Object.keys(KINDS).filter((tag) => KINDS[tag] !== 'manage').join(',');
  const kinds = new Set([kind, ...[...document.querySelectorAll(tags)].map((e) => KINDS[e.localName])]);
  const separate = [...kinds].filter((k) => !loading[k]).reduce((n, k) => n + BUNDLES[k].bytes, 0);
  return separate <= BUNDLES.widgets.bytes ? kind : 'widgets';
}

function failed(element, error) {
  console.error('servicekit: the widget could not start', error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'This servicekit widget could not load. Check your connection and reload the page.';
  // Under a first paint (the shadow root hides the element's own children), the message follows it.
  if (element.shadowRoot) element.shadowRoot.append(message);
  else element.replaceChildren(message);
}

/** The widget's language: its own `lang`, else the nearest ancestor's, else English. */
function language(element) {
  return element.getAttribute('lang') || element.closest('[lang]')?.getAttribute('lang') || 'en';
}

/** The language of a widget's first paint: Welsh for any `cy…`, as the widget reads it; else English. */
const paintLanguage = (element) => (/^\s*cy/i.test(language(element)) ? 'cy' : 'en');

const preloaded = new Set();

/**
 * Starts downloading the API address `url` now, while the wasm downloads, so
 * that it is ready when the widget asks for it: the widget's own request is
 * the same one, and the browser hands it the preloaded answer.
 */
function preload(url) {
  if (preloaded.has(url) || !document.head) return;
  preloaded.add(url);
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  // The widget fetches with CORS and without credentials; a preload only serves a request made the same way.
  link.crossOrigin = 'anonymous';
  link.href = url;
  document.head.append(link);
}

/** Elements whose widget has started: a first paint arriving later is not shown. */
const started = new WeakSet();

/**
 * Gives `element` its open shadow root with the widgets' stylesheet linked, so
 * that the stylesheet downloads alongside the wasm; the widget keeps this link.
 * The link is marked `data-sk-settled` once loaded (or failed); resolves then.
 */
function styledShadow(element) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheet;
  const styled = new Promise((resolve, reject) => {
    link.addEventListener('load', () => { link.dataset.skSettled = ''; resolve(); });
    link.addEventListener('error', () => { link.dataset.skSettled = ''; reject(); });
  });
  styled.catch(() => {}); // without styles the widget still shows (as before), but no first paint
  root.append(link);
  return styled;
}

/**
 * Shows, while the wasm loads, the HTML the Worker renders for the widget at
 * `url` (its first paint): in the shadow root, once the stylesheet is in. The
 * widget draws the same over it and takes its place; if the request fails,
 * the widget alone reports it. Calls `arrived` once the answer is in (or has
 * failed); resolves once it is on screen (or has failed).
 */
function showFirstPaint(element, url, styled, arrived) {
  const root = element.shadowRoot;
  const html = fetch(url).then((response) => (response.ok ? response.text() : Promise.reject(response.status)));
  html.then(arrived, arrived);
  return Promise.all([html, styled]).then(([markup]) => {
    if (started.has(element)) return;
    const paint = document.createElement('div');
    paint.className = 'sk-widget';
    paint.dataset.skFirstPaint = '';
    paint.innerHTML = markup;
    root.append(paint);
    pressesIn(element, paint);
    performance.mark(`servicekit:${element.localName}:first-paint`);
    // Settles once the browser has painted it (the frame's callbacks run just before that paint).
    return new Promise((resolve) => { requestAnimationFrame(() => setTimeout(resolve, 0)); });
  }).catch(() => {}); // no first paint (refused, unreachable, or the page forbids it): the widget starts all the same
}

/** Element → a function resolving once no press begun in its first paint is under way. */
const pressing = new WeakMap();

/**
 * Follows key and pointer presses begun in `paint`, so that the widget takes
 * its place between presses: a click whose press began in the first paint and
 * ended in the widget would be lost. A press counts as ended a task after its
 * key or pointer comes up (its click is dispatched in that task), or after two
 * seconds whatever happens.
 */
function pressesIn(element, paint) {
  let down = false;
  let ended = () => {};
  paint.addEventListener('pointerdown', () => { down = true; });
  paint.addEventListener('keydown', () => { down = true; });
  const up = () => {
    if (!paint.isConnected) {
      for (const type of ['pointerup', 'pointercancel', 'keyup', 'blur']) window.removeEventListener(type, up, true);
      return;
    }
    if (!down) return;
    setTimeout(() => { down = false; ended(); }, 0);
  };
  for (const type of ['pointerup', 'pointercancel', 'keyup', 'blur']) window.addEventListener(type, up, true);
  pressing.set(element, () => (down
    ? Promise.race([new Promise((resolve) => { ended = resolve; }), new Promise((resolve) => { setTimeout(resolve, 2000); })])
    : Promise.resolve()));
}

/**
 * The JSON at the API address `url`, parsed, for a widget to start with; `null`
 * when it cannot be had (the widget then asks itself, and reports why).
 */
function answer(url) {
  return fetch(url)
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
}

/**
 * Defines `<name>`, mounting it with `mount(module, element, api, read)` once it
 * is on the page; `reads(element, api)` names the API address the widget reads
 * first, if it is known before it starts, and `paints(element, api)` its first
 * paint's. With `handsOver`, the loader reads that address itself while the wasm
 * downloads and gives the widget the answer (`read`), so that it starts with it.
 */
function define(name, mount, reads = () => null, paints = () => null, handsOver = false) {
  if (customElements.get(name)) return;
  customElements.define(name, class extends HTMLElement {
    connectedCallback() {
      if (this.dataset.skMounted) return;
      this.dataset.skMounted = 'true';
      const api = (this.getAttribute('api') || base.origin).replace(/\/$/, '');
      const styled = styledShadow(this);
      const first = reads(this, api);
      const paint = paints(this, api);
      // A first paint is asked for alone (the Worker answers one request sooner
      // than two), and the widget's own read follows as soon as it is in. The
      // widget's code is fetched and started once the first paint is on screen:
      // downloading and compiling the wasm meanwhile took the processor from
      // the first paint (the chart's came 20 % later on two busy cores, and the
      // widget was no sooner in its place). A first paint not in within a
      // second is not waited for.
      const second = new Promise((resolve) => { setTimeout(resolve, 1000); });
      let arrive = () => {};
      const arrival = Promise.race([new Promise((resolve) => { arrive = resolve; }), second]);
      const painted = paint ? Promise.race([showFirstPaint(this, paint, styled, arrive), second]) : null;
      // The widget's first read: handed over (read here), or preloaded for the widget to ask.
      const ask = () => {
        if (handsOver) return answer(first);
        preload(first);
        return null;
      };
      const read = first ? (paint ? arrival.then(ask) : ask()) : null;
      (painted ?? Promise.resolve())
        .then(() => load(bundleFor(KINDS[name])))
        .then(async (module) => {
          const given = await read;
          await pressing.get(this)?.();
          started.add(this);
          if (first) preloaded.add(first); // the widget reads it itself now: a late preload would go unused
          mount(module, this, api, given);
          performance.mark(`servicekit:${name}:mounted`);
        })
        .catch((error) => failed(this, error));
    }
  });
}

/** `value` as one segment of an API path, as the widget writes it (empty: none). */
const segment = (value) => (value && !/[/?#%\s]/.test(value) ? value : null);

define('servicekit-self-assessment', (module, element, api, read) => module.mount_self_assessment(
  element, api, element.getAttribute('profile') || '', element.getAttribute('team') || '', language(element), stylesheet, read,
), (element, api) => segment(element.getAttribute('profile')) && `${api}/v1/roles/${element.getAttribute('profile')}`,
(element, api) => segment(element.getAttribute('profile'))
  && `${api}/v1/roles/${element.getAttribute('profile')}/form.html?lang=${paintLanguage(element)}`, true);
define('servicekit-team-coverage', (module, element, api) => module.mount_team_coverage(element, api, language(element), stylesheet));
// The contract viewer's content is the Worker's HTML: its first paint is the
// whole contract, and the widget takes it over as it is (it reads nothing else).
define('servicekit-contract', (module, element, api) => module.mount_contract(
  element, api, element.getAttribute('service') || '', language(element), stylesheet,
), () => null, (element, api) => segment(element.getAttribute('service'))
  && `${api}/v1/services/${element.getAttribute('service')}/contract.html?lang=${paintLanguage(element)}`);
// The take-up chart is the Worker's HTML too (chart, summary, table, channel
// mix data): the widget keeps its first paint and adds the interaction.
define('servicekit-take-up', (module, element, api) => module.mount_take_up(
  element, api, element.getAttribute('service') || '', language(element), stylesheet,
), () => null, (element, api) => segment(element.getAttribute('service'))
  && `${api}/v1/services/${element.getAttribute('service')}/take-up.html?lang=${paintLanguage(element)}`);
// The feedback form shows at once too; the widget takes over what was chosen and written.
define('servicekit-feedback', (module, element, api) => module.mount_feedback(
  element, api, element.getAttribute('service') || '', language(element), stylesheet,
), () => null, (element, api) => segment(element.getAttribute('service'))
  && `${api}/v1/services/${element.getAttribute('service')}/feedback/form.html?lang=${paintLanguage(element)}`);
define('servicekit-manage', (module, element, api) => module.mount_manage(element, api, language(element), stylesheet));
