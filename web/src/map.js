// Draws the areas on a map where a page has a placeholder for one.  The
// page already lists everything the map shows (every area, and every
// drop-in with the same facts as its marker), so without JavaScript (or
// if this fails) nothing is lost.
const holder = document.getElementById('areas-map');

const styles = {
  // Told apart by line and fill pattern as well as colour.
  covered: { color: '#00703c', weight: 3, fillColor: '#00703c', fillOpacity: 0.35 },
  uncovered: { color: '#505a5f', weight: 2, dashArray: '6 6', fillColor: '#b1b4b6', fillOpacity: 0.15 },
  chosen: { color: '#1d70b8', weight: 3, fillColor: '#1d70b8', fillOpacity: 0.45 },
  other: { color: '#505a5f', weight: 1, dashArray: '4 4', fillColor: '#b1b4b6', fillOpacity: 0.1 },
};

// Text as HTML: Leaflet writes an attribution as markup, and the setting
// is plain text.
function escaped(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p.innerHTML;
}

// A legend in the map's corner: one line per [swatch class, words].
function legend(L, items) {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => {
    const box = L.DomUtil.create('div', 'app-map-legend');
    items.forEach(([swatch, words], i) => {
      const line = L.DomUtil.create('p', 'govuk-body-s govuk-!-margin-bottom-' + (i + 1 < items.length ? '1' : '0'), box);
      L.DomUtil.create('span', swatch, line);
      line.append(' ' + words);
    });
    return box;
  };
  return control;
}

// What every map here shares: its JSON fetched, the placeholder shown,
// the tiles (with the attribution their service asks for) when a tile
// service is set, else a plain ground, and the GeoJSON drawn with
// options.  Resolves to { L, map, layer, data }, or null when there is
// nothing to draw.
async function setUp(url, options) {
  const L = window.L;
  if (!holder || !L) return null;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) return null;
  const data = await response.json();
  holder.hidden = false;
  // Quarter steps of zoom fit the boundaries closely.
  const map = L.map(holder, { scrollWheelZoom: false, zoomSnap: 0.25 });
  if (holder.dataset.tiles) {
    L.tileLayer(holder.dataset.tiles, { maxZoom: 18, attribution: escaped(holder.dataset.attribution || '') }).addTo(map);
  }
  const layer = L.geoJSON(data, options).addTo(map);
  map.fitBounds(layer.getBounds());
  return { L, map, layer, data };
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// "2026-12-08" as the pages write it: "Tuesday 8 December 2026".
function longDate(text) {
  const [y, m, d] = text.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${weekdays[day]} ${d} ${months[m - 1]} ${y}`;
}

// A drop-in's popup lines: the facts its entry in the page's list gives.
function dropinFacts(box, dropin, area) {
  const line = (text) => {
    const el = document.createElement('p');
    el.className = 'govuk-body-s govuk-!-margin-bottom-1';
    el.textContent = text;
    box.append(el);
    return el;
  };
  // Bold, not a heading: the popup sits outside the page's outline.
  line(dropin.venue).classList.add('govuk-!-font-weight-bold');
  line(dropin.address);
  line(dropin.when.charAt(0).toUpperCase() + dropin.when.slice(1));
  const cancelled = dropin.next_dates.filter((d) => d.cancelled && (!dropin.next || d.date < dropin.next));
  for (const d of cancelled) line(`Cancelled: ${longDate(d.date)} — ${d.reason}`);
  if (dropin.next) line(`${cancelled.length ? 'Next it happens' : 'Next'}: ${longDate(dropin.next)}`);
  else line('No more dates');
  const link = document.createElement('a');
  link.className = 'govuk-link govuk-body-s';
  link.href = `/areas/${area.id}#drop-ins`;
  link.textContent = `Drop-ins in ${area.properties.name}`;
  box.append(link);
}

// How far apart, in pixels, two markers' centres must be so their
// 24 px targets (the smallest WCAG 2.2 allows) never overlap.
const APART = 28;

// The drop-ins that could be placed, as markers at their postcodes'
// centres that a keyboard reaches.  Those closer on screen than APART
// share one marker, "2 drop-ins", whose popup gives each; regrouped as
// the map zooms.  True when there was any.
function dropinMarkers(L, map, areas) {
  const points = areas.flatMap((area) => (area.properties.drop_ins || [])
    .filter((d) => d.location)
    .map((dropin) => ({ dropin, area, at: L.latLng(dropin.location.lat, dropin.location.lon) })));
  const layer = L.layerGroup().addTo(map);
  const redraw = () => {
    layer.clearLayers();
    const groups = [];
    for (const p of points) {
      const on = map.latLngToLayerPoint(p.at);
      const near = groups.find((g) => g.on.distanceTo(on) < APART);
      if (near) near.members.push(p);
      else groups.push({ on, at: p.at, members: [p] });
    }
    for (const { at, members } of groups) {
      const many = members.length > 1;
      const icon = L.divIcon({ className: 'app-map-dropin', iconSize: [24, 24], html: many ? String(members.length) : '' });
      const title = many ? `${members.length} drop-ins: ${members.map((m) => m.dropin.venue).join(', ')}`
        : `Drop-in: ${members[0].dropin.venue}`;
      const box = document.createElement('div');
      members.forEach((m, i) => {
        if (i) box.append(document.createElement('hr'));
        dropinFacts(box, m.dropin, m.area);
      });
      const marker = L.marker(at, { icon, title, riseOnHover: true }).bindPopup(box, { maxWidth: 260, maxHeight: 240 }).addTo(layer);
      // Named by its title, not by the count it shows ("2").
      marker.getElement().setAttribute('aria-label', title);
    }
  };
  map.on('zoomend', redraw);
  redraw();
  // Escape closes an open popup wherever the focus is on the map (Leaflet
  // listens only while the map itself has the focus, not a marker).
  holder.addEventListener('keydown', (e) => { if (e.key === 'Escape') map.closePopup(); });
  return points.length > 0;
}

// The map of every area, or of one: boundaries by coverage, each linking
// to its area's page, and the drop-ins.
async function draw() {
  const shown = await setUp(holder.dataset.areas, {
    style: (feature) => (feature.properties.covered ? styles.covered : styles.uncovered),
    onEachFeature: (feature, shape) => {
      const status = feature.properties.covered ? 'covered' : 'not covered yet';
      shape.bindTooltip(`${feature.properties.name} (${status})`);
      shape.on('click', () => { window.location.href = `/areas/${feature.id}`; });
    },
  });
  if (!shown) return;
  const { L, map, data } = shown;
  // Each area a link a keyboard reaches and opens with Enter, named as
  // its tooltip says; their drawing a group, as an image's parts would be
  // hidden from screen readers.
  const drawing = holder.querySelector('.leaflet-overlay-pane svg');
  drawing?.setAttribute('role', 'group');
  drawing?.setAttribute('aria-label', 'Areas');
  shown.layer.eachLayer((shape) => {
    const { id, properties } = shape.feature;
    const el = shape.getElement();
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'link');
    el.setAttribute('aria-label', `${properties.name} (${properties.covered ? 'covered' : 'not covered yet'})`);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.location.href = `/areas/${id}`; });
  });
  const items = [['app-map-legend__covered', 'Covered (solid line)'],
    ['app-map-legend__uncovered', 'Not covered yet (dashed line)']];
  if (dropinMarkers(L, map, data.features || [data])) {
    items.push(['app-map-legend__dropin', 'Drop-in (centre of its postcode)']);
    document.getElementById('areas-map-note')?.removeAttribute('hidden');
  }
  legend(L, items).addTo(map);
}

// An administrator's area form: every ward, those ticked in the form
// drawn as chosen, redrawn as boxes are ticked; a ward on the map ticks
// or unticks its box.  The boxes stay the way to choose: the map shows.
function wardBox(code) {
  return document.querySelector(`input[name="wards"][value="${CSS.escape(code)}"]`);
}

async function drawWards() {
  const chosen = (feature) => wardBox(feature.id)?.checked;
  const style = (feature) => (chosen(feature) ? styles.chosen : styles.other);
  const shown = await setUp(holder.dataset.wards, {
    style,
    onEachFeature: (feature, shape) => {
      const where = feature.properties.area ? ` (in ${feature.properties.area})` : '';
      shape.bindTooltip(`${feature.properties.name}${where}`);
      shape.on('click', () => {
        const box = wardBox(feature.id);
        if (!box) return;
        box.checked = !box.checked;
        box.dispatchEvent(new Event('change', { bubbles: true }));
      });
    },
  });
  if (!shown) return;
  holder.closest('form')?.addEventListener('change', () => shown.layer.setStyle(style));
  legend(shown.L, [['app-map-legend__chosen', 'Chosen (solid line)'],
    ['app-map-legend__uncovered', 'Not chosen (dashed line)']]).addTo(shown.map);
}

if (holder?.dataset.wards) drawWards();
else if (holder) draw();
