/* booking_*.html (see their comments): reads only the page, writes text only. */
(() => {
'use strict';
const D = document, o = Intl.DateTimeFormat().resolvedOptions(), here = o.timeZone, loc = o.locale,
  lang = D.documentElement.lang || 'en', K = 'booking-tz', DAY = 864e5, T = '[tabindex="0"]',
  $ = id => D.getElementById('booking-' + id),
  txt = (e, k, v) => e.getAttribute('data-text-' + k).replace(/\{(\w+)\}/g, (m, k) => v[k]),
  fmt = (timeZone, l, x) => new Intl.DateTimeFormat(l, {...x, timeZone}),
  chosen = () => { try { const z = sessionStorage.getItem(K); return fmt(z) && z; } catch (e) { return here; } },
  zn = (x, d) => x.formatToParts(d).find(p => p.type === 'timeZoneName').value,
  // labels(tz, l)(d): {day, time, zone} of d in zone tz, language l; a time
  // the clocks go back through happens twice, so it also names its offset
  // ("1:00 AM GMT+1", "1:00 AM GMT+0"), as plugins/booking/labels.py does
  labels = (tz, l) => {
    const f = x => (x = fmt(tz, l, x), d => x.format(d).replace(/\u202f/g, ' ')),
      a = f({dateStyle: 'full'}), b = f({timeStyle: 'short'}), c = fmt(tz, l, {timeZoneName: 'long'}),
      g = fmt(tz, l, {timeZoneName: 'shortOffset'}), o = fmt(tz, 'en-US', {timeZoneName: 'longOffset'}),
      off = d => { const m = zn(o, d).match(/([+-])(\d\d):(\d\d)/); return m ? (m[1] === '-' ? -6e4 : 6e4) * (m[2] * 60 + +m[3]) : 0; },
      // the offset falls by w across d: d's wall time is also shown w before or after
      twice = d => { const w = off(d - 108e5) - off(+d + 108e5); return w > 0 && [d - w, +d + w].some(t => a(t) + b(t) === a(d) + b(d)); };
    return d => ({day: a(d), time: twice(d) ? b(d) + ' ' + zn(g, d).replace(/\u202f/g, ' ') : b(d), zone: zn(c, d)});
  },
  // same wall-clock time at d = same offset
  same = (a, b, d) => (a = a(d), b = b(d), a.day + a.time === b.day + b.time),
  late = (e, d) => d < Date.now() + e.dataset.noticeHours * 36e5,
  el = (tag, to, text = '', cls = '') => {
    const e = D.createElement(tag);
    e.textContent = text;
    e.className = cls;
    return to ? to.appendChild(e) : e;
  },
  at = (e, k, v) => (e.setAttribute(k, v), e),
  iso = t => new Date(t).toISOString().slice(0, 10),
  first = d => Date.parse(d.slice(0, 8) + '01'),
  week = (t, wk) => t - (new Date(t).getUTCDay() - wk + 7) % 7 * DAY,
  month = (t, by) => {
    const d = new Date(t), m = d.getUTCMonth() + by;
    d.setUTCMonth(m);
    if (d.getUTCMonth() !== (m + 12) % 12) d.setUTCDate(0);  // 31 Mar - 1: 28 Feb
    return +d;
  };

function picker(box) {
  const ui = $('picker'), inp = $('tz'), note = $('coach-note'), cz = box.dataset.zone, theirs = labels(cz, lang),
    rule = new Intl.PluralRules(lang), L = new Intl.Locale(lang),
    wk = ((L.getWeekInfo ? L.getWeekInfo() : L.weekInfo) || {firstDay: 1}).firstDay % 7,
    day = x => fmt('UTC', lang, x), full = day({dateStyle: 'full'}), num = day({day: 'numeric'}),
    // the build's list is the data: a link's stamp is its UTC start. In the
    // day form (many times: plugins/booking/compact.py) a day's link holds
    // its times in data-times, the first stamp then the minutes to each next
    // start ("30*47": 47 steps of 30), worded here in the coach's zone
    to = box.dataset.to || '', q = box.dataset.query || '',
    slots = [...box.querySelectorAll('a')].flatMap(a => {
      const c = a.dataset.times, [s, ...w] = (c || a.getAttribute('href')).split(' '), z = box.dataset.zoneLabel, all = [];
      let t = Date.parse(s.match(/\d{8}T\d{6}Z/)[0].replace(/(....)(..)(..)T(..)(..)/, '$1-$2-$3T$4:$5:'));
      for (const x of ['0', ...w]) for (let [m, n = 1] = x.split('*'); n--;) all.push(t += m * 6e4);
      return all.map(t => {
        const iso = new Date(t).toISOString().slice(0, 19) + 'Z';
        // a coach's edition: data-to leads to the session's page of the time
        return {href: new URL(`../${to}${iso.replace(/[-:]/g, '')}/`, a.href).pathname + q, iso, at: new Date(t),
          coach: c ? {...theirs(t), zone: z} : {day: a.closest('ul').previousElementSibling.textContent, time: a.textContent, zone: z}};
      });
    }),
    use = z => {
      if (!z) return;
      zone = inp.value = z;
      try { sessionStorage.setItem(K, z); } catch (e) { /* not remembered */ }
      render();
    };
  let zone = chosen(), shown, alike, az, days, order, sel, fd, mon, names, lo, hi;
  note.hidden = true;  // the status names the zone
  inp.value = zone;
  // the menu: every zone the browser knows, by id, city, country or name;
  // zones.json (fetched on first use) gives countries and current city names
  const menu = (d = {countries: {}, renamed: {}}) => {
    const of = {}, dn = Intl.DisplayNames && new Intl.DisplayNames([lang], {type: 'region'});
    for (const [k, zs] of Object.entries(d.countries)) for (const z of zs.split(' ')) of[z] = k;
    names = {};
    $('tzs').textContent = '';
    for (const z of new Set([...Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [], cz, here])) {
      const m = d.renamed[z] || z, c = m.split('/').pop().replace(/_/g, ' '), k = of[m],
        n = k && dn ? dn.of(k) : '', t = (n ? c + ', ' + n : c) + ' – ' + zn(fmt(z, lang, {timeZoneName: 'longGeneric'}), 0);
      el('option', $('tzs'), t).value = z;
      // a country's name stands for its zone only when it has one
      for (const w of [z, m, c, t, d.countries[k] === m && n]) if (w) names[w.toLowerCase()] = z;
    }
  };
  inp.onfocus = () => {
    if (names) return;
    menu();
    fetch(box.dataset.zones).then(r => r.json()).then(menu, () => {});
  };
  inp.onchange = () => { inp.onfocus(); use(names[inp.value.toLowerCase()]); };
  $('tz-mine').onclick = () => use(here);
  $('tz-coach').onclick = () => use(cz);

  function render() {
    const live = slots.filter(s => !late(box, s.at)), n = live.length, f = D.activeElement,
      keep = box.contains(f) && f.getAttribute('href'), frag = el('div'), ours = labels(zone, lang),
      mine = labels(zone, loc), date = fmt(zone, 'en-CA');  // 2026-11-23
    let k;
    if (shown === zone + n) return;
    shown = zone + n;
    if (az !== zone) alike = slots.every(s => same(ours, theirs, s.at)), az = zone;
    if (alike) box.removeAttribute('lang'); else box.lang = loc;
    days = {}; order = [];
    for (const s of live) {
      const x = alike ? s.coach : mine(s.at), d = date.format(s.at);
      let g = days[d];
      if (!g) {
        g = days[d] = {sec: el('section', frag, '', 'stack-tight'), n: 0};
        order.push(d);
        el('h2', g.sec, x.day);
        g.ul = at(el('ul', g.sec, '', 'link-list booking-slots'), 'role', 'list');
      }
      g.n++;
      const a = el('a', el('li', g.ul), '', 'button-secondary');
      a.href = s.href;
      if (s.href === keep) k = a;
      el('span', a, x.day + ', ', 'visually-hidden');
      el('time', a, x.time).dateTime = s.iso;
      el('span', a, ' ' + x.zone, 'visually-hidden');
    }
    box.replaceChildren(...frag.children);  // last: on an error, the list stays
    $('empty').hidden = n > 0;
    $('zone').hidden = ui.hidden = $('next').hidden = !n;
    if (n) {
      lo = Date.parse(order[0]);
      hi = Date.parse(order.at(-1));
      if (!days[sel]) mon = first(sel = fd = order[0]);
      const a = box.querySelector('a').cloneNode(1), w = el('span');  // next open time
      a.firstChild.className = '';
      w.append(...a.childNodes);
      if (!alike) w.lang = loc;
      a.replaceChildren(box.dataset.textNext + ' ', w);
      $('next').replaceChildren(a);
      choose(sel);
      if (keep) (k || days[sel].ul.querySelector('a')).focus();
    }
    const say = !n ? '' : alike ? note.textContent
      : txt(box, zone === here ? 'shown' : 'other', {zone: `${ours(new Date()).zone} (${zone})`}), st = $('status');
    if (st.textContent !== say) st.textContent = say;
  }

  // WAI-ARIA grid: one day in the tab order; arrows, Home/End, PageUp/PageDown move
  function choose(d) {
    for (const k of order) days[k].sec.hidden = k !== (sel = d);
    draw(ui.contains(D.activeElement) && T);
  }
  // the first open day from t by step days, in n steps
  function find(t, step, n = 400) {
    for (; n-- && t >= lo && t <= hi; t += step * DAY) if (days[iso(t)]) return t;
  }
  function draw(focus) {
    const f = new Date(mon), end = Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1), start = week(mon, wk),
      nav = el('div', 0, '', 'booking-month'), grid = at(el('table'), 'role', 'grid'),
      head = el('tr', el('thead', grid)), body = el('tbody', grid),
      button = (k, by, off) => {
        const b = el('button', nav, txt(box, k + '-month', {}), k);
        b.onclick = () => { mon = month(mon, by); draw(`.${k}:enabled`); };
        b.disabled = off;
      };
    let t, tr;
    if (iso(mon).slice(0, 7) !== fd.slice(0, 7)) fd = iso(find(mon, 1, 31) || Date.parse(fd));
    button('prev', -1, mon <= first(order[0]));
    el('h2', nav, day({month: 'long', year: 'numeric'}).format(f)).id = 'booking-month';
    button('next', 1, end > hi);
    at(grid, 'aria-labelledby', 'booking-month');
    for (t = start; t < start + 7 * DAY; t += DAY) at(el('th', head, day({weekday: 'short'}).format(t)), 'scope', 'col');
    for (t = start; t < end || (t - start) / DAY % 7; t += DAY) {
      if ((t - start) / DAY % 7 === 0) tr = el('tr', body);
      const d = iso(t), in_ = t >= mon && t < end, g = in_ && days[d], c = el('td', tr, in_ ? num.format(t) : '');
      if (g) {
        c.className = 'open';
        c.tabIndex = d === fd ? 0 : -1;
        c.dataset.day = d;
        at(at(c, 'aria-selected', d === sel), 'aria-label',
          txt(box, rule.select(g.n) === 'one' ? 'one' : 'many', {day: full.format(t), num: g.n}));
      } else if (in_) at(c, 'aria-disabled', true);
    }
    grid.onclick = e => { const c = e.target.closest('[data-day]'); if (c) choose(fd = c.dataset.day); };
    grid.onkeydown = e => {
      const k = e.key, step = {ArrowRight: 1, ArrowLeft: -1, ArrowDown: 7, ArrowUp: -7}[k];
      let t = Date.parse(fd);
      if (k === 'Enter' || k === ' ') t = choose(fd);
      else if (step) t = find(t + step * DAY, step);
      else if (k === 'Home') t = find(week(t, wk), 1, 7);
      else if (k === 'End') t = find(week(t, wk) + 6 * DAY, -1, 7);
      else if (k.startsWith('Page')) t = month(t, k === 'PageUp' ? -1 : 1), t = find(t, 1) || find(t, -1);
      else return;
      e.preventDefault();
      if (t) { mon = first(fd = iso(t)); draw(T); }
    };
    ui.replaceChildren(nav, grid);
    focus = focus && (ui.querySelector(focus) || ui.querySelector(T));
    if (focus) focus.focus();
  }
  render();
  setInterval(render, 6e4);
}

function slot(root) {
  const t0 = new Date(root.dataset.start), zone = chosen(), ours = labels(zone, lang),
    a = $('request'), form = $('form'), line = root.dataset.textZoneLine,
    full = x => txt(root, 'full', x), mine = txt(root, 'mine', {zone, time: full(ours(t0))});
  if (late(root, t0)) {
    $('expired').hidden = false;
    $('actions').hidden = true;
  }
  if (!same(ours, labels(root.dataset.zone, lang), t0)) {
    const p = $('visitor-time'), t = p.querySelector('time');
    t.textContent = full(labels(zone, loc)(t0));
    t.lang = loc;
    p.hidden = false;
  }
  if (a) {
    const href = a.getAttribute('href'), i = href.indexOf('body=') + 5;
    a.setAttribute('href', href.slice(0, i) + encodeURIComponent(decodeURIComponent(
      href.slice(i)).replace(line, line + ' ' + mine)));
  }
  if (form) form.elements.visitor_time.value = mine;
}

if ($('slots')) picker($('slots'));
if ($('slot')) slot($('slot'));
})();
