/* search.html: the site's search, in the visitor's browser, over the index
   plugins/site_search/index.py built with the site (its docstring describes
   the files). Nothing is fetched until a query: then one shard per word
   (shards/<its first letters>.json) and one small file per result shown
   (docs/<n>.json). Words are folded exactly as plugins/site_search/words.py
   folds them; change both together. Its words: the form's data-text-*; it
   writes text only (textContent), never markup, since titles and excerpts
   are the coach's text. */
(function () {
  'use strict';
  var D = document, form = D.getElementById('search-form');
  if (!form || !window.fetch || !''.normalize) return;
  var input = D.getElementById('search-q'), status = D.getElementById('search-status'),
    list = D.getElementById('search-results'), more = D.getElementById('search-more'),
    base = form.getAttribute('data-index'), site = form.getAttribute('data-site'),
    known = {}, shards = {}, ready = {}, docs = {}, PAGE = 10, generation = 0, results = [], shown = 0,
    matched = {};
  form.getAttribute('data-shards').split(' ').forEach(function (k) { if (k) known[k] = true; });
  var WORD = /[\p{L}\p{N}\u0300-\u036f]+/gu;

  function txt(key, v) {
    return form.getAttribute('data-text-' + key).replace(/\{(\w+)\}/g, function (x, k) { return v[k]; });
  }
  function fold(word) {
    return word.normalize('NFKD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/ß/g, 'ss').normalize('NFC');
  }
  function words(text) {
    return (text.normalize('NFKC').toLowerCase().match(WORD) || []).filter(function (w) {
      return w.length >= 2 || /^\d$/.test(w);
    }).map(fold);
  }
  function safe(head) {
    if (/^[a-z0-9]+$/.test(head)) return head;
    return '_' + Array.from(head).map(function (c) { return c.codePointAt(0).toString(16); }).join('-');
  }
  // A word's shard: the longest of its first 4, 3, 2, 1 letters that names
  // one (index.py splits a big shard by one more letter).
  function shardKey(folded) {
    var letters = Array.from(folded), n, k;
    for (n = Math.min(4, letters.length); n > 0; n--) {
      k = safe(letters.slice(0, n).join(''));
      if (known[k]) return k;
    }
    return '';
  }
  function json(url, cache, key) {
    if (!cache[key]) {
      cache[key] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      cache[key].catch(function () { delete cache[key]; });  // a later query tries again
    }
    return cache[key];
  }
  function shard(key) {
    if (!key) return Promise.resolve(null);
    return json(base + 'shards/' + key + '.json', shards, key).then(function (s) {
      ready[key] = s;
      return s;
    });
  }

  // A word's terms, each with a factor: its own (1), else the longest term
  // it begins with, an inflection the site does not use (0.9), else the
  // words it is the beginning of (0.6, at most 50).
  function termsOf(word, s) {
    var found = {}, form, best = '', n = 0, t;
    if (!s) return found;
    if (s.f[word]) {
      s.f[word].split(' ').forEach(function (t) { found[t] = 1; });
      return found;
    }
    for (t in s.p) if (t.length >= 4 && t.length > best.length && word.indexOf(t) === 0) best = t;
    if (best) { found[best] = 0.9; return found; }
    for (form in s.f) {
      if (form.indexOf(word) === 0) {
        s.f[form].split(' ').forEach(function (t) { if (!found[t]) found[t] = 0.6; });
        if (++n >= 50) break;
      }
    }
    return found;
  }

  // Every document's score for one word: its best term's weight.
  function scores(terms, s) {
    var out = new Map(), t, p, i, w, doc;
    for (t in terms) {
      p = s.p[t];
      for (i = 0, doc = 0; i < p.length; i += 2) {
        doc += p[i];  // postings hold each document as the gap from the one before
        w = p[i + 1] * terms[t];
        if (!(out.get(doc) >= w)) out.set(doc, w);
      }
    }
    return out;
  }

  // Words whose terms are all cut (in most documents) rank but do not filter.
  function rank(perWord) {
    var total = new Map(), need = perWord.filter(function (x) { return x.required; });
    perWord.forEach(function (x) {
      x.scores.forEach(function (w, doc) { total.set(doc, (total.get(doc) || 0) + w); });
    });
    var all = Array.from(total.keys()), every = all.filter(function (doc) {
      return need.every(function (x) { return x.scores.has(doc); });
    });
    return (every.length ? every : all).sort(function (a, b) {
      return total.get(b) - total.get(a) || a - b;
    });
  }

  function search(query) {
    var mine = ++generation, qwords = words(query).filter(function (w, i, a) { return a.indexOf(w) === i; });
    results = []; shown = 0; matched = {};
    list.textContent = '';
    more.hidden = true;
    if (!qwords.length) { status.textContent = ''; return; }
    status.textContent = txt('searching', {});
    Promise.all(qwords.map(function (w) { return shard(shardKey(w)); })).then(function (loaded) {
      if (mine !== generation) return;
      var perWord = qwords.map(function (w, i) {
        var s = loaded[i], terms = termsOf(w, s), cut = (s && s.c) || [], t, required = false;
        for (t in terms) { matched[t] = true; if (cut.indexOf(t) < 0) required = true; }
        return {scores: s ? scores(terms, s) : new Map(), required: required};
      });
      results = rank(perWord);
      var v = {num: results.length.toLocaleString(D.documentElement.lang || undefined), query: query.trim()};
      status.textContent = txt(results.length === 0 ? 'none' : results.length === 1 ? 'one' : 'many', v);
      return showMore(mine, false);
    }).catch(function () {
      if (mine === generation) status.textContent = txt('failed', {});
    });
  }

  function showMore(mine, focus) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (id) {
      return json(base + 'docs/' + id + '.json', docs, id);
    })).then(function (found) {
      if (mine !== generation) return;
      found.forEach(function (doc, i) {
        var link = render(doc);
        if (focus && i === 0) link.focus();
      });
      more.hidden = shown >= results.length;
    });
  }

  function el(tag, to, text, cls) {
    var e = to.appendChild(D.createElement(tag));
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function render(doc) {
    var li = el('li', list, '', 'search-result stack-tight'), h = el('h2', li, '', 'search-result-title'),
      a = el('a', h);
    mark(doc.t, 0, doc.t.length, a);
    a.href = site + doc.u;
    if (doc.d) el('p', li, doc.d, 'meta');
    excerpt(doc.x, el('p', li, '', 'search-excerpt'));
    return a;
  }

  // Is this word of the text one the query matched? Only the shards this
  // query fetched are consulted: a form filed under other letters is not marked.
  function hit(token) {
    var f = fold(token.normalize('NFKC')), s = ready[shardKey(f)];
    return !!(s && s.f[f] && s.f[f].split(' ').some(function (t) { return matched[t]; }));
  }

  // text[start:end] into `to`, each word the query matched in a <mark>.
  function mark(text, start, end, to) {
    var at = start;
    Array.from(text.matchAll(WORD)).forEach(function (m) {
      if (m.index < start || m.index + m[0].length > end || !hit(m[0])) return;
      to.appendChild(D.createTextNode(text.slice(at, m.index)));
      el('mark', to, m[0]);
      at = m.index + m[0].length;
    });
    to.appendChild(D.createTextNode(text.slice(at, end)));
  }

  // About 220 characters of the text from a little before its first
  // matched word (or its start), cut at spaces.
  function excerpt(text, p) {
    var tokens = Array.from(text.matchAll(WORD)), first = -1, i;
    for (i = 0; i < tokens.length && first < 0; i++) if (hit(tokens[i][0])) first = i;
    var start = first < 0 ? 0 : Math.max(0, tokens[first].index - 70), end = Math.min(text.length, start + 220);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      if (space >= 0 && (first < 0 || space < tokens[first].index)) start = space + 1;
    }
    if (end < text.length && text.lastIndexOf(' ', end) > start) end = text.lastIndexOf(' ', end);
    if (start > 0) p.appendChild(D.createTextNode('… '));
    mark(text, start, end, p);
    if (end < text.length) p.appendChild(D.createTextNode(' …'));
  }

  D.getElementById('search-nojs').hidden = true;
  form.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = input.value;
    history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    search(q);
  });
  more.addEventListener('click', function () { showMore(generation, true); });
  var q = new URLSearchParams(location.search).get('q');
  if (q) { input.value = q; search(q); }
})();
