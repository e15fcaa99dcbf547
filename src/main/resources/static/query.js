// The query page's editor (/query): CodeMirror's SPARQL mode over the form's text area, which stays the form's
// field (the page works as a plain form without this script). Ctrl-Space (or typing) completes the site's prefixes
// and the terms of the ontology; a completed prefixed name whose prefix is not declared gets its PREFIX line.
// Ctrl-Enter runs the query.
(function () {
  'use strict';
  var area = document.getElementById('query');
  if (!area || typeof CodeMirror === 'undefined') return;
  var prefixes = JSON.parse(area.getAttribute('data-prefixes') || '{}');
  var terms = JSON.parse(area.getAttribute('data-terms') || '[]');
  var form = area.form;

  function declared(cm, prefix) {
    var re = new RegExp('^\\s*PREFIX\\s+' + prefix + ':', 'im');
    return re.test(cm.getValue());
  }

  function declare(cm, name) {
    var colon = name.indexOf(':');
    if (colon < 0) return;
    var prefix = name.substring(0, colon);
    if (!(prefix in prefixes) || declared(cm, prefix)) return;
    cm.replaceRange('PREFIX ' + prefix + ': <' + prefixes[prefix] + '>\n', CodeMirror.Pos(0, 0));
  }

  // Candidates for the word before the cursor: "sch" gives "schema:", "ibcr:Mil" gives "ibcr:Milestone".
  function hint(cm) {
    var cur = cm.getCursor();
    var line = cm.getLine(cur.line);
    var start = cur.ch;
    while (start > 0 && /[\w:-]/.test(line.charAt(start - 1))) start--;
    var word = line.substring(start, cur.ch);
    if (word.length === 0 || /^\d/.test(word)) return null;
    var lower = word.toLowerCase();
    var list = [];
    if (word.indexOf(':') < 0) {
      Object.keys(prefixes).forEach(function (p) {
        if (p.toLowerCase().indexOf(lower) === 0) list.push({text: p + ':', displayText: p + ': <' + prefixes[p] + '>'});
      });
    }
    terms.forEach(function (t) {
      if (t.toLowerCase().indexOf(lower) === 0 && t !== word) list.push({text: t});
    });
    if (list.length === 0) return null;
    var result = {list: list, from: CodeMirror.Pos(cur.line, start), to: CodeMirror.Pos(cur.line, cur.ch)};
    CodeMirror.on(result, 'pick', function (completion) { declare(cm, completion.text); });
    return result;
  }

  var editor = CodeMirror.fromTextArea(area, {
    mode: 'application/sparql-query',
    lineNumbers: true,
    indentUnit: 2,
    hintOptions: {hint: hint, completeSingle: false},
    extraKeys: {
      'Ctrl-Space': 'autocomplete',
      'Ctrl-Enter': function (cm) { cm.save(); form.submit(); },
      'Cmd-Enter': function (cm) { cm.save(); form.submit(); }
    }
  });
  editor.on('inputRead', function (cm, change) {
    if (change.origin === '+input' && /^[\w:]$/.test(change.text[0])) cm.showHint({completeSingle: false});
  });
  form.addEventListener('submit', function () { editor.save(); });
  document.documentElement.classList.add('query-editor');
}());
