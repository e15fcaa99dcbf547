// The search box of every page: after two letters, the labels that start with what was typed (/search/suggest),
// in a list to pick from with the mouse or the arrow keys and Enter. Without JavaScript the box is a plain form
// that opens /search.
(function () {
  'use strict';
  var input = document.getElementById('search-box');
  var list = document.getElementById('search-suggestions');
  if (!input || !list || !window.fetch) return;
  var endpoint = input.dataset.suggest;
  // the page's own ?lang= when the reader chose it (links then keep it), else the browser's languages decide
  var langQuery = input.dataset.langQuery;
  var timer = null;
  var asked = 0;
  var active = -1;

  function items() {
    return list.querySelectorAll('li');
  }

  function close() {
    list.hidden = true;
    list.textContent = '';
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    var all = items();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach(function (li, i) {
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
    });
    input.setAttribute('aria-activedescendant', all[active].id);
  }

  function show(suggestions) {
    list.textContent = '';
    active = -1;
    if (!suggestions.length) {
      close();
      return;
    }
    suggestions.forEach(function (s, i) {
      var li = document.createElement('li');
      li.id = 'search-suggestion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var link = document.createElement('a');
      link.href = s.href;
      link.textContent = s.label;
      link.tabIndex = -1;
      li.appendChild(link);
      if (s.matched && s.matched !== s.label) {
        var also = document.createElement('span');
        also.className = 'class';
        also.textContent = s.matched;
        li.appendChild(also);
      }
      var cls = document.createElement('span');
      cls.className = 'class';
      cls.textContent = s.classLabel;
      li.appendChild(cls);
      li.addEventListener('mousedown', function (e) {
        e.preventDefault(); // keeps the focus in the box until the page changes
        window.location.href = s.href;
      });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function ask() {
    var q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    var ticket = ++asked;
    var address = endpoint + '?q=' + encodeURIComponent(q) + (langQuery ? '&' + langQuery.substring(1) : '');
    fetch(address, { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (answer) { if (ticket === asked) show(answer.suggestions); })
      .catch(function () { if (ticket === asked) close(); });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener('keydown', function (e) {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') {
      highlight(active + 1);
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      highlight(active - 1);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      close();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      window.location.href = items()[active].querySelector('a').href;
    }
  });
  input.addEventListener('blur', function () {
    setTimeout(close, 150);
  });
})();
