// The map of places: Leaflet over /map.geojson, with the graph's own country outlines as the only base layer
// (no tile server: the map works offline). Everything it needs comes from the data- attributes of #place-map.
(function () {
  'use strict';
  var element = document.getElementById('place-map');
  var status = document.getElementById('map-status');
  if (!element || typeof L === 'undefined') return;
  var text = element.dataset;
  status.textContent = text.textLoading;

  function popup(properties) {
    var box = document.createElement('div');
    var title = document.createElement('a');
    title.href = properties.href;
    title.textContent = properties.label;
    var heading = document.createElement('strong');
    heading.appendChild(title);
    box.appendChild(heading);
    var milestones = shown(properties);
    var caption = document.createElement('p');
    caption.textContent = milestones.length ? text.textMilestones : text.textNone;
    box.appendChild(caption);
    if (milestones.length) {
      var list = document.createElement('ul');
      milestones.forEach(function (m) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = m.href;
        link.textContent = m.label;
        item.appendChild(link);
        if (m.years) item.appendChild(document.createTextNode(' (' + m.years + ')'));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  // The year filter of /map: only the milestones that began by the chosen year (all of them at the last year).
  var slider = document.getElementById('map-year');
  var year = null;
  function shown(properties) {
    return (properties.milestones || []).filter(function (m) {
      return year === null || (m.first !== undefined && m.first <= year);
    });
  }

  fetch(text.src, { headers: { Accept: 'application/geo+json' } })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + ' ' + response.statusText);
      return response.json();
    })
    .then(function (collection) {
      var map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 8 });
      window.ibcrMap = map; // for tests and the console, as the network page's window.ibcrGraph
      var focused = null;
      var focusedFeature = null;
      var layer = L.geoJSON(collection, {
        style: function (feature) {
          var own = feature.id === text.focus;
          var located = (feature.properties.milestones || []).length > 0;
          return { className: 'place place-' + feature.properties.kind + (own ? ' focus' : '') + (located ? ' located' : ''),
                   weight: own ? 2 : 1 };
        },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: feature.id === text.focus ? 8 : 5 });
        },
        onEachFeature: function (feature, featureLayer) {
          featureLayer.bindPopup(function () { return popup(feature.properties); });
          featureLayer.bindTooltip(feature.properties.label);
          if (feature.id === text.focus) { focused = featureLayer; focusedFeature = feature; }
        }
      }).addTo(map);
      if (focused) {
        // Open on the place's representative point and, for an outline, on the part that holds it: a country's
        // outline may have parts far away (France's French Guiana).
        var point = focusedFeature.properties.point;
        var at = point ? L.latLng(point[1], point[0]) : (focused.getLatLng ? focused.getLatLng() : focused.getBounds().getCenter());
        var bounds = focused.getBounds ? focused.getBounds() : null;
        if (bounds && focusedFeature.geometry.type === 'MultiPolygon') {
          focusedFeature.geometry.coordinates.forEach(function (part) {
            var partBounds = L.latLngBounds(L.GeoJSON.coordsToLatLngs(part[0]));
            if (partBounds.contains(at) && bounds.contains(partBounds) && !partBounds.equals(bounds)) bounds = partBounds;
          });
        }
        if (bounds) map.fitBounds(bounds, { maxZoom: 5, padding: [20, 20] }); else map.setView(at, 5);
        focused.openPopup(at);
      } else {
        map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      }
      status.textContent = '';
      if (slider) {
        var years = [];
        collection.features.forEach(function (f) {
          (f.properties.milestones || []).forEach(function (m) { if (m.first !== undefined) years.push(m.first); });
        });
        if (years.length) {
          slider.min = Math.min.apply(null, years);
          slider.max = Math.max.apply(null, years);
          slider.value = slider.max;
          slider.disabled = false;
          var output = document.getElementById('map-year-value');
          output.textContent = slider.value;
          slider.addEventListener('input', function () {
            year = slider.value === slider.max ? null : Number(slider.value);
            output.textContent = slider.value;
            layer.eachLayer(function (placeLayer) {
              var element = placeLayer.getElement && placeLayer.getElement();
              if (element) element.classList.toggle('located', shown(placeLayer.feature.properties).length > 0);
            });
          });
        }
      }
    })
    .catch(function (error) {
      status.textContent = text.textError + ' (' + error.message + ')';
    });
})();
