import type { Language } from '../email/language.js';
import { formCopy } from './application-form-copy.js';

/**
 * Progressive enhancement only: the form works without it. It shows the
 * identifier fields that fit the chosen country, checks the NIP checksum as
 * soon as the field is left, focuses the error summary, and prevents a double
 * submit.
 */
export function applicationFormScript(lang: Language): string {
  const nipMessage = JSON.stringify(formCopy[lang].errors['organisation.nip']);
  return `(function () {
  var form = document.getElementById('application-form');
  if (!form) return;
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  var country = document.getElementById('f-organisation-country');
  function showFor() {
    var polish = !country.value || country.value === 'PL';
    document.querySelectorAll('[data-for-country]').forEach(function (block) {
      block.hidden = (block.getAttribute('data-for-country') === 'PL') !== polish;
    });
  }
  country.addEventListener('change', showFor);
  showFor();
  function validNip(value) {
    var nip = value.replace(/[\\s-]/g, '').replace(/^PL/i, '');
    if (!/^\\d{10}$/.test(nip)) return false;
    var weights = [6, 5, 7, 2, 3, 4, 5, 6, 7], sum = 0;
    for (var i = 0; i < 9; i++) sum += weights[i] * Number(nip[i]);
    return sum % 11 !== 10 && sum % 11 === Number(nip[9]);
  }
  var nip = document.getElementById('f-organisation-nip');
  nip.addEventListener('blur', function () {
    var existing = document.getElementById('e-organisation-nip-live');
    if (existing) existing.remove();
    if (!nip.value || validNip(nip.value)) { nip.removeAttribute('aria-invalid'); return; }
    var message = document.createElement('p');
    message.className = 'error'; message.id = 'e-organisation-nip-live'; message.setAttribute('role', 'alert');
    message.textContent = ${nipMessage};
    nip.parentNode.insertBefore(message, nip);
    nip.setAttribute('aria-invalid', 'true');
    nip.setAttribute('aria-describedby', 'e-organisation-nip-live');
  });
  var button = form.querySelector('button[type=submit]');
  var label = button.textContent;
  form.addEventListener('submit', function () {
    button.disabled = true;
    button.textContent = button.getAttribute('data-sending');
  });
  // Coming back with the browser's Back button must not leave the form locked.
  window.addEventListener('pageshow', function () { button.disabled = false; button.textContent = label; });
})();`;
}
