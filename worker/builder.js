// The embed builder's live preview and copy button. The page works without
// this script (the form reloads it); with it, the snippet and preview follow
// every change at once.
const form = document.getElementById('builder');
const code = document.getElementById('snippet');
const preview = document.getElementById('preview');
const status = document.getElementById('copy-status');
const copy = document.getElementById('copy');

function refresh() {
  const data = new FormData(form);
  const widget = data.get('widget');
  const attributes = [];
  const add = (name, value) => { if (value && value.trim()) attributes.push([name, value.trim()]); };
  if (widget === 'servicekit-self-assessment') { add('profile', data.get('profile')); add('team', data.get('team')); }
  if (['servicekit-contract', 'servicekit-take-up', 'servicekit-feedback'].includes(widget)) add('service', data.get('service'));
  add('lang', data.get('lang'));
  const element = document.createElement(widget);
  for (const [name, value] of attributes) element.setAttribute(name, value);
  const script = `<script type="module" src="${form.dataset.origin}/embed.js"></` + 'script>';
  code.textContent = `${script}\n${element.outerHTML}`;
  preview.replaceChildren(element);
  const params = new URLSearchParams(data);
  history.replaceState(null, '', `?${params}`);
}

form.addEventListener('change', refresh);
form.addEventListener('input', (event) => { if (event.target.tagName === 'INPUT') refresh(); });
copy.hidden = false;
copy.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(code.textContent);
    status.textContent = copy.dataset.copied;
  } catch {
    status.textContent = copy.dataset.failed;
  }
});
