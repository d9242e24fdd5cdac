// servicekit embed loader. One <script type="module"> tag per page; it defines
// the servicekit custom elements and loads the widgets' wasm once, only when
// an element is on the page. Every element shares that one wasm instance.
const base = new URL('.', import.meta.url);
let widgets;

function loadWidgets() {
  widgets ??= import(new URL('widgets/servicekit_widgets.js', base).href).then(async (module) => {
    await module.default({ module_or_path: new URL('widgets/servicekit_widgets_bg.wasm', base) });
    return module;
  });
  return widgets;
}

function failed(element, error) {
  console.error('servicekit: the widget could not start', error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'This servicekit widget could not load. Check your connection and reload the page.';
  element.replaceChildren(message);
}

class SelfAssessmentElement extends HTMLElement {
  connectedCallback() {
    if (this.dataset.skMounted) return;
    this.dataset.skMounted = 'true';
    const api = (this.getAttribute('api') || base.origin).replace(/\/$/, '');
    const role = this.getAttribute('role') || 'ddat-service-owner-2020';
    loadWidgets()
      .then((module) => {
        module.mount_self_assessment(this, api, role, new URL('widgets/servicekit.css', base).href);
        performance.mark('servicekit:self-assessment:mounted');
      })
      .catch((error) => failed(this, error));
  }
}

if (!customElements.get('servicekit-self-assessment')) {
  customElements.define('servicekit-self-assessment', SelfAssessmentElement);
}
