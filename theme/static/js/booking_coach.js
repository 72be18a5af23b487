/* booking_slot.html of a program's "any" session, opened from a coach's
   profile with ?coach=<slug>: the request (email or form) asks for her
   edition of this time (<session>-with-<slug>-<stamp>), which the desk books
   with her if she is still free. A slug not in data-editions is ignored. */
(() => {
'use strict';
const root = document.getElementById('booking-slot'),
  who = new URLSearchParams(location.search).get('coach'),
  eds = JSON.parse(root.dataset.editions);
if (!who || !Object.hasOwn(eds, who)) return;
const id = root.dataset.slot, hers = id.replace(/(-\d{8}T\d{6}Z)$/, `-with-${who}$1`),
  swap = x => x.split(id).join(hers),
  a = document.getElementById('booking-request'), form = document.getElementById('booking-form'),
  line = document.getElementById('booking-with');
if (a) a.setAttribute('href', swap(a.getAttribute('href')));
if (form) for (const k of ['slot', 'token', '_subject']) form.elements[k].value = swap(form.elements[k].value);
line.textContent = root.dataset.textWith.replace('{name}', eds[who]);
line.hidden = false;
})();
