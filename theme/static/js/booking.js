/* booking_*.html: the visitor's zone, expired times, the request. Reads only
   the page (its words: data-text-*, in the site's language); writes text only. */
(function () {
  'use strict';
  var D = document, o = Intl.DateTimeFormat().resolvedOptions();
  var here = o.timeZone, loc = o.locale, lang = D.documentElement.lang || 'en';
  function $(id) { return D.getElementById(id); }
  // txt(e, 'shown', {zone: z}): e's data-text-shown, {zone} filled in
  function txt(e, key, v) {
    return e.getAttribute('data-text-' + key).replace(/\{(\w+)\}/g, function (m, k) { return v[k]; });
  }
  function fmt(tz, l, x) { x.timeZone = tz; return new Intl.DateTimeFormat(l, x); }

  // labels(tz, l)(d) -> {day, time, zone} of d in zone tz, language l: the
  // locale's full date and short time, as the build writes them (CLDR), with
  // U+202F (which some screen readers announce) as a plain space
  function labels(tz, l) {
    var day = fmt(tz, l, {dateStyle: 'full'}), time = fmt(tz, l, {timeStyle: 'short'}),
      zone = fmt(tz, l, {timeZoneName: 'long'});
    function f(x, d) { return x.format(d).replace(/\u202f/g, ' '); }
    return function (d) {
      return {day: f(day, d), time: f(time, d), zone: zone.formatToParts(d)
        .find(function (x) { return x.type === 'timeZoneName'; }).value};
    };
  }

  // Same wall-clock time at d = same offset, whatever the zones' names.
  function same(a, b, d) { a = a(d); b = b(d); return a.day + a.time === b.day + b.time; }
  function late(e, d) { return d < Date.now() + e.getAttribute('data-notice-hours') * 36e5; }
  function el(tag, to, text, cls) {
    var e = to.appendChild(D.createElement(tag));
    e.textContent = text || '';
    if (cls) e.className = cls;
    return e;
  }

  function picker(box) {
    var choice = $('booking-zone'), status = $('booking-status'), note = $('booking-coach-note'),
      empty = $('booking-empty'), mine = labels(here, loc), coach, shown,
      ours = labels(here, lang), theirs = labels(box.getAttribute('data-zone'), lang),
      zoneLabel = box.getAttribute('data-zone-label'), yours = ours(new Date()).zone + ' (' + here + ')';
    var slots = [].map.call(box.querySelectorAll('a'), function (a) {
      var t = a.querySelector('time'), h = a.closest('section').querySelector('h2');
      return {href: a.getAttribute('href'), iso: t.dateTime, at: new Date(t.dateTime),
        coach: {day: h.textContent, time: t.textContent, zone: zoneLabel}};
    });
    var alike = slots.every(function (s) { return same(ours, theirs, s.at); });
    $('booking-visitor-zone').textContent = txt(box, 'yours', {zone: yours});
    coach = alike;
    note.hidden = !alike;
    choice.addEventListener('change', function (e) { coach = e.target.value === 'coach'; render(); });

    function render() {
      var live = slots.filter(function (s) { return !late(box, s.at); }), n = live.length,
        frag = D.createDocumentFragment(), ul, last, k;
      if (shown === coach + ' ' + n) return;
      shown = coach + ' ' + n;
      var f = D.activeElement, keep = box.contains(f) && f.getAttribute('href');
      if (coach) box.removeAttribute('lang'); else box.lang = loc;
      live.forEach(function (s) {
        var x = coach ? s.coach : mine(s.at);
        if (x.day !== last) {
          last = x.day;
          var sec = el('section', frag, '', 'stack-tight');
          el('h2', sec, x.day);
          ul = el('ul', sec, '', 'link-list booking-slots');
          ul.setAttribute('role', 'list');
        }
        var a = el('a', el('li', ul), '', 'button-secondary');
        a.setAttribute('href', s.href);
        if (s.href === keep) k = a;
        el('span', a, x.day + ', ', 'visually-hidden');
        el('time', a, x.time).dateTime = s.iso;
        a.append(' ' + x.zone);
      });
      box.replaceChildren(frag);  // last: if anything failed, the list stays
      empty.hidden = n > 0;
      choice.hidden = alike || !n;
      // Focus: the same time, or the next one if it expired.
      if (keep) (k || box.querySelector('a') || empty.querySelector('a')).focus();
      var say = alike || !n ? '' : coach ? note.textContent : txt(box, 'shown', {zone: yours});
      if (status.textContent !== say) status.textContent = say;
    }
    render();
    setInterval(render, 6e4);
  }

  function slot(root) {
    var at = new Date(root.getAttribute('data-start')), ours = labels(here, lang),
      a = $('booking-request'), form = $('booking-form'), line = root.getAttribute('data-text-zone-line'),
      full = function (x) { return txt(root, 'full', x); },
      mine = txt(root, 'mine', {zone: here, time: full(ours(at))});
    if (late(root, at)) {
      $('booking-expired').hidden = false;
      $('booking-actions').hidden = true;
    }
    if (!same(ours, labels(root.getAttribute('data-zone'), lang), at)) {
      var p = $('booking-visitor-time'), t = p.querySelector('time');
      t.textContent = full(labels(here, loc)(at));
      t.lang = loc;
      p.hidden = false;
    }
    if (a) {
      var href = a.getAttribute('href'), i = href.indexOf('body=') + 5;
      a.setAttribute('href', href.slice(0, i) + encodeURIComponent(decodeURIComponent(
        href.slice(i)).replace(line, line + ' ' + mine)));
    }
    if (form) form.elements.visitor_time.value = mine;
  }

  if ($('booking-slots')) picker($('booking-slots'));
  if ($('booking-slot')) slot($('booking-slot'));
})();
