// servicekit embed loader. One <script type="module"> tag per page; it defines
// the servicekit custom elements and loads the widgets' wasm once, only when
// an element is on the page. Every element shares that one wasm instance.
const base = new URL('.', import.meta.url);
// xtask fills in the content-hashed file names at build time.
const stylesheet = new URL('widgets/__WIDGETS_CSS__', base).href;
const bundles = {};

/** Loads a wasm bundle once: the intranet widgets, or the manage page's tools (only on /manage). */
function load(js, wasm) {
  if (!bundles[js]) {
    // Start the wasm download now, so that it overlaps the JS glue's.
    const binary = fetch(new URL(`widgets/${wasm}`, base));
    binary.catch(() => {}); // a failure is reported once, where the glue awaits it
    bundles[js] = import(new URL(`widgets/${js}`, base).href).then(async (module) => {
      await module.default({ module_or_path: binary });
      return module;
    });
  }
  return bundles[js];
}
const loadWidgets = () => load('__WIDGETS_JS__', '__WIDGETS_WASM__');
const loadManage = () => load('__MANAGE_JS__', '__MANAGE_WASM__');

function failed(element, error) {
  console.error('servicekit: the widget could not start', error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'This servicekit widget could not load. Check your connection and reload the page.';
  element.replaceChildren(message);
}

/** The widget's language: its own `lang`, else the nearest ancestor's, else English. */
function language(element) {
  return element.getAttribute('lang') || element.closest('[lang]')?.getAttribute('lang') || 'en';
}

/** Defines `<name>`, mounting it with `mount(module, element, api)` once it is on the page. */
function define(name, mount, bundle = loadWidgets) {
  if (customElements.get(name)) return;
  customElements.define(name, class extends HTMLElement {
    connectedCallback() {
      if (this.dataset.skMounted) return;
      this.dataset.skMounted = 'true';
      const api = (this.getAttribute('api') || base.origin).replace(/\/$/, '');
      bundle()
        .then((module) => {
          mount(module, this, api);
          performance.mark(`servicekit:${name}:mounted`);
        })
        .catch((error) => failed(this, error));
    }
  });
}

define('servicekit-self-assessment', (module, element, api) => module.mount_self_assessment(
  element, api, element.getAttribute('profile') || '', element.getAttribute('team') || '', language(element), stylesheet,
));
define('servicekit-team-coverage', (module, element, api) => module.mount_team_coverage(element, api, language(element), stylesheet));
define('servicekit-contract', (module, element, api) => module.mount_contract(
  element, api, element.getAttribute('service') || '', language(element), stylesheet,
));
define('servicekit-take-up', (module, element, api) => module.mount_take_up(
  element, api, element.getAttribute('service') || '', language(element), stylesheet,
));
define('servicekit-feedback', (module, element, api) => module.mount_feedback(
  element, api, element.getAttribute('service') || '', language(element), stylesheet,
));
define('servicekit-manage', (module, element, api) => module.mount_manage(element, api, language(element), stylesheet), loadManage);
