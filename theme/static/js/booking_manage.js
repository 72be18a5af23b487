/* booking_manage.html: the email that cancels or moves a booking, from the
   code in the link's fragment (#cancel.<slot>.<sequence>.<signature>, or
   #move....), which never reaches a server. Its words: the page's
   data-text-*; it writes text only (textContent, attributes). */
(function () {
  'use strict';
  var D = document, root = D.getElementById('booking-manage');
  if (!root) return;
  var here = Intl.DateTimeFormat().resolvedOptions().timeZone, lang = D.documentElement.lang || 'en',
    m = /^#(cancel|move)\.(([a-z0-9]+(?:-[a-z0-9]+)*)-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z)\.(\d{1,6})\.([a-z2-7]{26})$/
      .exec(location.hash);
  function $(id) { return D.getElementById(id); }
  function txt(key, v) {
    return root.getAttribute('data-text-' + key).replace(/\{(\w+)\}/g, function (x, k) { return v[k]; });
  }
  function zone(l, name, d) {
    return new Intl.DateTimeFormat(l, {timeZone: here, timeZoneName: name}).formatToParts(d)
      .find(function (p) { return p.type === 'timeZoneName'; }).value.replace(/\u202f/g, ' ');
  }
  function offset(d) {
    var m = /([+-])(\d\d):(\d\d)/.exec(zone('en-US', 'longOffset', d));
    return m ? (m[1] === '-' ? -6e4 : 6e4) * (m[2] * 60 + +m[3]) : 0;
  }
  // A time the clocks go back through happens twice: then its label names
  // its offset too ("1:00 AM GMT+1", "1:00 AM GMT+0"), as booking.js does.
  function fmt(x) {
    x.timeZone = here;
    var f = new Intl.DateTimeFormat(lang, x), wall = new Intl.DateTimeFormat('en-US', {timeZone: here,
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric'});
    function twice(d) {
      var w = offset(new Date(d - 108e5)) - offset(new Date(+d + 108e5));
      return w > 0 && [d - w, +d + w].some(function (t) { return wall.format(t) === wall.format(d); });
    }
    return function (d) {
      var text = f.format(d).replace(/\u202f/g, ' ');
      return x.timeStyle && twice(d) ? text + ' ' + zone(lang, 'shortOffset', d) : text;
    };
  }
  function el(tag, to, text, cls) {
    var e = to.appendChild(D.createElement(tag));
    e.textContent = text || '';
    if (cls) e.className = cls;
    return e;
  }
  // As plugins/booking/links.py writes a mailto: every value percent-encoded, CRLF.
  function mailto(subject, lines) {
    return 'mailto:' + encodeURIComponent(root.getAttribute('data-email')).replace('%40', '@') +
      '?subject=' + encodeURIComponent(subject) + '&body=' + encodeURIComponent(lines.join('\r\n'));
  }

  $('manage-nojs').hidden = true;
  if (!m) { $('manage-invalid').hidden = false; return; }
  var action = m[1], slot = m[2], code = '[[' + action + ' ' + slot + ' ' + m[10] + ' ' + m[11],
    at = new Date(Date.UTC(m[4], m[5] - 1, m[6], m[7], m[8], m[9])),
    full = fmt({dateStyle: 'full', timeStyle: 'short'}), day = fmt({dateStyle: 'full'}),
    time = fmt({timeStyle: 'short'}),
    booked = full(at), mine = function (d) { return full(d) + ' (' + here + ')'; };
  function email(key, token, v) {
    return mailto(txt(key + '-subject', {}) + ' ' + token, [txt('hello', {}), '',
      txt(key + '-body', v), '', txt('thanks', {}), '', txt('keep', {}), token]);
  }
  var z = $('manage-zone');
  z.textContent = txt('shown', {zone: new Intl.DateTimeFormat(lang, {timeZone: here, timeZoneName: 'long'})
    .formatToParts(at).find(function (p) { return p.type === 'timeZoneName'; }).value + ' (' + here + ')'});
  z.hidden = false;
  $('manage-late').hidden = at - Date.now() >= root.getAttribute('data-cutoff-hours') * 36e5;

  if (action === 'cancel') {
    $('manage-cancel').hidden = false;
    $('manage-cancel-heading').textContent = txt('cancel', {time: booked});
    $('manage-cancel-link').setAttribute('href', email('cancel', code + ']]', {time: mine(at)}));
    return;
  }
  var box = $('manage-times'), none = $('manage-none');
  $('manage-move').hidden = false;
  $('manage-move-heading').textContent = txt('move', {time: booked});
  fetch(root.getAttribute('data-slots') + m[3] + '/slots.json').then(function (r) {
    if (!r.ok) throw r.status;
    return r.json();
  }).then(function (doc) {
    var soon = Date.now() + (doc.session.minimum_notice_hours || 0) * 36e5, last, ul, n = 0;
    doc.slots.forEach(function (s) {
      var t = new Date(s.start), d = day(t);
      if (s.id === slot || t < soon) return;
      if (d !== last) {
        last = d;
        var sec = el('section', box, '', 'stack-tight');
        el('h3', sec, d);
        ul = el('ul', sec, '', 'link-list booking-slots');
        ul.setAttribute('role', 'list');
      }
      var a = el('a', el('li', ul), '', 'button-secondary');
      el('span', a, d + ', ', 'visually-hidden');
      a.append(time(t));
      a.setAttribute('href', email('move', code + ' ' + s.id + ']]', {booked: mine(at), time: mine(t)}));
      n++;
    });
    none.hidden = n > 0;
  }).catch(function () { none.hidden = false; });
})();
