// Draws the areas on a map where a page has a placeholder for one.  The
// page already lists everything the map shows, so without JavaScript (or
// if this fails) nothing is lost.
const holder = document.getElementById('areas-map');

const styles = {
  // Told apart by line and fill pattern as well as colour.
  covered: { color: '#00703c', weight: 3, fillColor: '#00703c', fillOpacity: 0.35 },
  uncovered: { color: '#505a5f', weight: 2, dashArray: '6 6', fillColor: '#b1b4b6', fillOpacity: 0.15 },
};

function legend(L) {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => {
    const box = L.DomUtil.create('div', 'app-map-legend');
    box.innerHTML =
      '<p class="govuk-body-s govuk-!-margin-bottom-1"><span class="app-map-legend__covered"></span> Covered (solid line)</p>' +
      '<p class="govuk-body-s govuk-!-margin-bottom-0"><span class="app-map-legend__uncovered"></span> Not covered yet (dashed line)</p>';
    return box;
  };
  return control;
}

async function draw() {
  const L = window.L;
  if (!holder || !L) return;
  const response = await fetch(holder.dataset.areas, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const data = await response.json();
  holder.hidden = false;
  const map = L.map(holder, { scrollWheelZoom: false });
  if (holder.dataset.tiles) {
    L.tileLayer(holder.dataset.tiles, { maxZoom: 18 }).addTo(map);
  }
  const layer = L.geoJSON(data, {
    style: (feature) => (feature.properties.covered ? styles.covered : styles.uncovered),
    onEachFeature: (feature, shape) => {
      const status = feature.properties.covered ? 'covered' : 'not covered yet';
      shape.bindTooltip(`${feature.properties.name} (${status})`);
      shape.on('click', () => { window.location.href = `/areas/${feature.id}`; });
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds());
  legend(L).addTo(map);
}

// An administrator's area form: every ward, those ticked in the form
// drawn as chosen, redrawn as boxes are ticked; a ward on the map ticks
// or unticks its box.  The boxes stay the way to choose: the map shows.
const chosenStyle = { color: '#1d70b8', weight: 3, fillColor: '#1d70b8', fillOpacity: 0.45 };
const otherStyle = { color: '#505a5f', weight: 1, dashArray: '4 4', fillColor: '#b1b4b6', fillOpacity: 0.1 };

function wardBox(code) {
  return document.querySelector(`input[name="wards"][value="${CSS.escape(code)}"]`);
}

function wardsLegend(L) {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => {
    const box = L.DomUtil.create('div', 'app-map-legend');
    box.innerHTML =
      '<p class="govuk-body-s govuk-!-margin-bottom-1"><span class="app-map-legend__chosen"></span> Chosen (solid line)</p>' +
      '<p class="govuk-body-s govuk-!-margin-bottom-0"><span class="app-map-legend__uncovered"></span> Not chosen (dashed line)</p>';
    return box;
  };
  return control;
}

async function drawWards() {
  const L = window.L;
  if (!holder || !L) return;
  const response = await fetch(holder.dataset.wards, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const data = await response.json();
  holder.hidden = false;
  const map = L.map(holder, { scrollWheelZoom: false });
  if (holder.dataset.tiles) {
    L.tileLayer(holder.dataset.tiles, { maxZoom: 18 }).addTo(map);
  }
  const chosen = (feature) => wardBox(feature.id)?.checked;
  const layer = L.geoJSON(data, {
    style: (feature) => (chosen(feature) ? chosenStyle : otherStyle),
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
  }).addTo(map);
  const restyle = () => layer.setStyle((feature) => (chosen(feature) ? chosenStyle : otherStyle));
  holder.closest('form')?.addEventListener('change', restyle);
  map.fitBounds(layer.getBounds());
  wardsLegend(L).addTo(map);
}

if (holder?.dataset.wards) drawWards();
else draw();
