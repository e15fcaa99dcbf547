/*
 * The network page (/graph): draws /graph/actors.json with Cytoscape.js (served from its WebJar at /webjars/).
 * Everything the script needs comes from the data-* attributes of #graph-page, which the server fills in:
 * where the data is, the canonical base of the IRIs and where their pages are, the years, the interface texts.
 * No inline script, no innerHTML: every text from the data goes in through textContent.
 *
 * Opened as /graph?around={kind}/{slug} (and &depth=N, 0 to 3, default 1), it draws the network around that
 * resource instead: /graph/around/{kind}/{slug}.json of the full view, the resource marked. Resource pages link so.
 *
 * For tests and the curious: window.ibcrGraph is the Cytoscape instance once drawn, and window.ibcrGraphPage
 * offers pageUrl(iri), open(iri), setYears(from, to), setRole(role), search(text) and visibleCount().
 */
(function () {
  'use strict';

  var root = document.getElementById('graph-page');
  if (!root) return;
  root.hidden = false;
  if (typeof window.cytoscape !== 'function') {
    // The library did not load: say so, rather than show controls that do nothing.
    root.classList.add('failed');
    document.getElementById('graph-status').textContent = root.dataset.textError;
    document.getElementById('graph-controls').hidden = true;
    document.getElementById('graph').hidden = true;
    return;
  }

  var d = root.dataset;
  var canonicalIdBase = d.canonicalBase + 'id/';
  var first = parseInt(d.first, 10);
  var last = parseInt(d.last, 10);
  var status = document.getElementById('graph-status');
  var fromInput = document.getElementById('year-from');
  var toInput = document.getElementById('year-to');
  var fromOutput = document.getElementById('year-from-value');
  var toOutput = document.getElementById('year-to-value');
  var roleSelect = document.getElementById('role');
  var searchInput = document.getElementById('search');
  var list = document.getElementById('graph-list');
  var listCount = document.getElementById('graph-list-count');
  var request = 0;

  /** The resource the page is focused on ({kind}/{slug} from ?around=), its depth, and where its network is. */
  var params = new URLSearchParams(window.location.search);
  var focus = params.get('around');
  var focusDepth = params.has('depth') ? params.get('depth') : '1';
  var src = d.src;
  if (focus !== null) {
    var around = new URL('around/' + encodeURI(focus) + '.json', new URL(d.src, window.location.href));
    around.search = new URL(d.src, window.location.href).search;
    around.searchParams.set('view', 'full');
    around.searchParams.set('depth', focusDepth);
    src = /^[a-z]+\/[a-z0-9.-]+$/.test(focus) ? around.toString() : null;
  }

  /** The colour of each kind of node, from the legend's swatches: the style sheet is the one place they are set. */
  var colours = {};
  Array.prototype.forEach.call(root.querySelectorAll('.swatch[data-kind]'), function (swatch) {
    colours[swatch.getAttribute('data-kind')] = window.getComputedStyle(swatch).backgroundColor;
  });

  function text(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  /** Counts in words, each noun in the form its language wants for that number ('one' or 'other' in English and French). */
  var plurals = new Intl.PluralRules(d.lang);
  function counted(name, n) {
    var form = plurals.select(n) === 'one' ? 'One' : 'Other';
    return text(d['text' + name + form], { count: n });
  }

  /** The page on this server of a minted IRI (https://w3id.org/ibcr/id/{kind}/{slug} to /page/{kind}/{slug}), or null. */
  function pageUrl(iri) {
    if (typeof iri !== 'string' || iri.indexOf(canonicalIdBase) !== 0) return null;
    var path = iri.substring(canonicalIdBase.length).split('#')[0];
    if (!/^[a-z]+\/[a-z0-9.-]+$/.test(path)) return null;
    return d.pageBase + path + d.langQuery;
  }

  function open(iri) {
    var url = pageUrl(iri);
    if (url) window.location.assign(url);
    return url;
  }

  var cy = window.cytoscape({
    container: document.getElementById('graph'),
    elements: [],
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': function (n) { return colours[n.data('kind')] || '#888'; },
          'width': 'data(size)',
          'height': 'data(size)',
          'label': 'data(label)',
          'font-size': 10,
          'color': '#222',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': 140,
          'text-background-color': '#fff',
          'text-background-opacity': 0.7,
          'text-background-padding': 1,
          'border-width': 1,
          'border-color': '#fff'
        }
      },
      {
        selector: 'edge',
        style: {
          'width': 'data(width)',
          'line-color': '#b8b8c8',
          'curve-style': 'haystack',
          'opacity': 0.8
        }
      },
      { selector: '.off', style: { 'display': 'none' } },
      { selector: 'node.faded', style: { 'opacity': 0.2 } },
      { selector: 'edge.faded', style: { 'opacity': 0.1 } },
      { selector: 'node.focus', style: { 'border-width': 5, 'border-color': '#222', 'font-weight': 'bold', 'z-index': 20 } },
      { selector: 'node.match', style: { 'border-width': 4, 'border-color': '#e6550d', 'font-weight': 'bold', 'z-index': 10 } },
      { selector: 'node:active, node.hover', style: { 'overlay-opacity': 0.15 } },
      { selector: 'edge.hover', style: { 'line-color': '#555', 'opacity': 1 } }
    ]
  });

  /** A start or end year of the data, or null where it is open. */
  function year(value) {
    return typeof value === 'number' && isFinite(value) ? value : null;
  }

  /** Whether something that runs from start to end (null: open) meets the years from..to. */
  function meets(start, end, from, to) {
    var s = year(start);
    var e = year(end);
    return (s === null || s <= to) && (e === null || e >= from);
  }

  function years() {
    var from = parseInt(fromInput.value, 10);
    var to = parseInt(toInput.value, 10);
    return from <= to ? [from, to] : [to, from];
  }

  /** Shows only the links active in the years chosen, and the actors active then (or with an active link). */
  function applyYears() {
    var y = years();
    fromOutput.textContent = String(y[0]);
    toOutput.textContent = String(y[1]);
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        e.toggleClass('off', !meets(e.data('start'), e.data('end'), y[0], y[1]));
      });
      cy.nodes().forEach(function (n) {
        var active;
        if (year(n.data('start')) !== null || year(n.data('end')) !== null) {
          active = meets(n.data('start'), n.data('end'), y[0], y[1]);
        } else {
          var edges = n.connectedEdges();
          active = edges.length === 0 || edges.some(function (e) { return !e.hasClass('off'); });
        }
        n.toggleClass('off', !active);
      });
    });
    applySearch(false);
    report();
  }

  function normalise(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }

  /** Highlights the actors whose name holds the text searched for, fades the rest, and centres on the matches. */
  function applySearch(centre) {
    var q = normalise(searchInput.value);
    var matches = cy.collection();
    cy.batch(function () {
      cy.elements().removeClass('match faded');
      if (!q) return;
      matches = cy.nodes().not('.off').filter(function (n) { return normalise(n.data('label')).indexOf(q) >= 0; });
      if (matches.length === 0) return;
      matches.addClass('match');
      cy.elements().not(matches.closedNeighborhood()).addClass('faded');
    });
    if (centre && matches.length > 0) {
      cy.stop();
      cy.animate({ fit: { eles: matches.closedNeighborhood().not('.off'), padding: 60 } }, { duration: 300 });
    }
    report(q ? matches.length : -1);
    return matches;
  }

  function visibleCount() {
    return {
      nodes: cy.nodes().not('.off').length,
      edges: cy.edges().not('.off').filter(function (e) { return !e.source().hasClass('off') && !e.target().hasClass('off'); }).length
    };
  }

  /** The status line and the list of actors shown (links to their pages, for keyboards and screen readers). */
  function report(matches) {
    var count = visibleCount();
    // The network around a resource is of the full view: milestones and places too, not only actors.
    var message = focus !== null
      ? text(d.textShownAll, { nodes: counted('Nodes', count.nodes), links: counted('Links', count.edges) })
      : text(d.textShown, { actors: counted('Actors', count.nodes), links: counted('Links', count.edges) });
    var centre = focus !== null ? cy.getElementById(canonicalIdBase + focus) : cy.collection();
    if (centre.length > 0) message = text(d.textFocus, { label: centre.data('label'), depth: focusDepth }) + ' · ' + message;
    if (typeof matches === 'number' && matches >= 0) {
      message += ' · ' + (matches === 0 ? d.textNoMatch : counted('Matches', matches));
    }
    status.textContent = message;
    var shown = cy.nodes().not('.off').sort(function (a, b) {
      return String(a.data('label')).localeCompare(String(b.data('label')), d.lang);
    });
    var items = document.createDocumentFragment();
    shown.forEach(function (n) {
      var li = document.createElement('li');
      var url = pageUrl(n.id());
      var label = document.createElement(url ? 'a' : 'span');
      if (url) label.href = url;
      label.textContent = n.data('label');
      li.appendChild(label);
      li.appendChild(document.createTextNode(' (' + n.data('degree') + ')'));
      items.appendChild(li);
    });
    list.replaceChildren(items);
    listCount.textContent = String(shown.length);
  }

  /** Loads the network (for one role, or every role) and draws it. */
  function load(role) {
    var id = ++request;
    if (src === null) {
      status.textContent = d.textError + ' (around=' + focus + ')';
      root.classList.add('failed');
      return Promise.resolve();
    }
    var url = src + (role ? '&role=' + encodeURIComponent(role) : '');
    status.textContent = d.textLoading;
    return fetch(url, { headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + response.statusText);
        return response.json();
      })
      .then(function (json) {
        if (id !== request) return;
        draw(json);
      })
      .catch(function (error) {
        if (id !== request) return;
        status.textContent = d.textError + ' (' + error.message + ')';
        root.classList.add('failed');
      });
  }

  function draw(json) {
    var elements = (json && json.elements) || {};
    var nodes = Array.isArray(elements.nodes) ? elements.nodes : [];
    var edges = Array.isArray(elements.edges) ? elements.edges : [];
    var maxDegree = 1;
    var maxWeight = 1;
    nodes.forEach(function (n) { maxDegree = Math.max(maxDegree, n.data.degree || 0); });
    edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.data.weight || 1); });
    var ids = {};
    var add = [];
    nodes.forEach(function (n) {
      if (!n.data || typeof n.data.id !== 'string' || ids[n.data.id]) return;
      ids[n.data.id] = true;
      var data = Object.assign({}, n.data);
      data.size = 14 + 46 * Math.sqrt((data.degree || 0) / maxDegree);
      add.push({ group: 'nodes', data: data });
    });
    edges.forEach(function (e) {
      if (!e.data || !ids[e.data.source] || !ids[e.data.target]) return;
      var data = Object.assign({}, e.data);
      data.id = 'edge:' + data.id;
      data.width = 1 + 5 * Math.sqrt((data.weight || 1) / maxWeight);
      add.push({ group: 'edges', data: data });
    });
    cy.batch(function () {
      cy.elements().remove();
      cy.add(add);
      if (focus !== null) cy.getElementById(canonicalIdBase + focus).addClass('focus');
    });
    cy.layout({
      name: 'cose',
      animate: false,
      randomize: true,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: function () { return 90; },
      nodeRepulsion: function () { return 9000; },
      padding: 30
    }).run();
    applyYears();
    applySearch(false);
    cy.fit(cy.elements().not('.off'), 30);
    root.classList.remove('failed');
    root.classList.add('drawn');
  }

  cy.on('tap', 'node', function (event) { open(event.target.id()); });
  cy.on('mouseover', 'node', function (event) {
    event.target.addClass('hover');
    event.target.connectedEdges().addClass('hover');
    cy.container().style.cursor = pageUrl(event.target.id()) ? 'pointer' : '';
  });
  cy.on('mouseout', 'node', function (event) {
    event.target.removeClass('hover');
    event.target.connectedEdges().removeClass('hover');
    cy.container().style.cursor = '';
  });

  fromInput.addEventListener('input', applyYears);
  toInput.addEventListener('input', applyYears);
  fromInput.addEventListener('change', applyYears);
  toInput.addEventListener('change', applyYears);
  roleSelect.addEventListener('change', function () { load(roleSelect.value); });
  searchInput.addEventListener('input', function () { applySearch(true); });
  document.getElementById('graph-controls').addEventListener('submit', function (event) {
    event.preventDefault();
    applySearch(true);
  });

  window.ibcrGraph = cy;
  window.ibcrGraphPage = {
    pageUrl: pageUrl,
    open: open,
    visibleCount: visibleCount,
    setYears: function (from, to) {
      fromInput.value = String(from);
      toInput.value = String(to);
      applyYears();
      return visibleCount();
    },
    setRole: function (role) {
      roleSelect.value = role || '';
      return load(roleSelect.value);
    },
    search: function (q) {
      searchInput.value = q;
      return applySearch(true).map(function (n) { return n.id(); });
    },
    range: [first, last],
    focus: focus
  };

  load(roleSelect.value);
}());
