// A Decap CMS file format that reads and writes Pelican's own metadata
// lines (`Title: ...`, `Tags: a, b`, a blank line, then Markdown), parsed
// the way Python-Markdown's meta extension parses them, so a file saved
// here builds exactly like one written by hand and an existing file opens
// with its fields filled in.
(function () {
  "use strict";
  var KEY = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var MORE = /^[ ]{4,}(.*)$/;
  var BEGIN = /^-{3}(\s.*)?$/;
  var END = /^(-{3}|\.{3})(\s.*)?$/;
  // Optional fields left blank are left out: an empty `Summary:` would
  // replace the summary Pelican makes from the text.
  var ORDER = "__pelican_key_order";
  var OMIT_WHEN_EMPTY = ["Tags", "Summary", "Podcast_episode", "Podcast_season"];

  function fieldName(key) {
    return key.charAt(0).toUpperCase() + key.slice(1).toLowerCase();
  }

  function fromFile(content) {
    var lines = String(content).replace(/\r\n?/g, "\n").split("\n");
    var data = {};
    var order = [];
    var key = null;
    var i = 0;
    if (lines.length && BEGIN.test(lines[0])) i = 1;
    for (; i < lines.length; i++) {
      var line = lines[i];
      if (line.trim() === "" || END.test(line)) {
        i++;
        break;
      }
      var m = KEY.exec(line);
      if (m) {
        key = fieldName(m[1]);
        if (!(key in data)) order.push(key);
        data[key] = key in data ? data[key] + ", " + m[2].trim() : m[2].trim();
        continue;
      }
      var more = MORE.exec(line);
      if (more && key) {
        data[key] += (key === "Summary" ? "\n" : " ") + more[1].trim();
        continue;
      }
      break;
    }
    var result = {};
    order.forEach(function (k) {
      result[k] = data[k];
    });
    result.body = lines.slice(i).join("\n");
    // Decap rebuilds an entry's data in an order of its own; this line's
    // order comes back with it (it keeps keys it has no field for).
    if (order.length) result[ORDER] = order.join(",");
    return result;
  }

  function text(value) {
    if (Array.isArray(value)) return value.map(text).join(", ");
    return String(value).replace(/\s*\n\s*/g, " ").trim();
  }

  // Decap passes the form's field names in order as the second argument.
  function toFile(data, fieldOrder) {
    var wanted = [];
    // The file's own order first, so saving an unchanged file leaves it
    // byte for byte as it was; then the form's (a new entry's Title, Date,
    // ...), then anything else.
    [String(data[ORDER] || "").split(","), fieldOrder || [], Object.keys(data)].forEach(
      function (names) {
        names.forEach(function (k) {
          if (k in data && wanted.indexOf(k) < 0) wanted.push(k);
        });
      }
    );
    var keys = wanted.filter(function (k) {
      return k !== "body" && k !== ORDER && KEY.test(k + ": x");
    });
    var out = [];
    keys.forEach(function (k) {
      var value = data[k];
      if (value === null || value === undefined) return;
      value = text(value);
      if (value === "" && OMIT_WHEN_EMPTY.indexOf(k) >= 0) return;
      out.push(value === "" ? k + ":" : k + ": " + value);
    });
    var body = String(data.body || "").replace(/^\n+/, "").replace(/\s+$/, "");
    return out.join("\n") + "\n\n" + body + "\n";
  }

  window.PelicanMetadataFormat = { fromFile: fromFile, toFile: toFile };
  if (window.CMS) {
    window.CMS.registerCustomFormat("pelican-metadata", "md", {
      fromFile: fromFile,
      toFile: toFile,
    });
    window.CMS.init();
  }
})();
