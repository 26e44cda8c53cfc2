// Puts the community directory's results on a map, from the points the
// list already carries (data-lat, data-lon, data-name, data-href on each
// result): no second request.  The list is the page; without JavaScript,
// or if this fails, nothing is lost.
const holder = document.getElementById('community-map');

function draw() {
  const L = window.L;
  if (!holder || !L) return;
  const list = document.getElementById(holder.dataset.list);
  if (!list) return;
  const points = [];
  for (const item of list.querySelectorAll('li[data-lat][data-lon]')) {
    const lat = Number(item.dataset.lat);
    const lon = Number(item.dataset.lon);
    if (Number.isFinite(lat) && Number.isFinite(lon)) {
      points.push({ lat, lon, name: item.dataset.name, href: item.dataset.href });
    }
  }
  if (points.length === 0) return;
  holder.hidden = false;
  const map = L.map(holder, { scrollWheelZoom: false });
  if (holder.dataset.tiles) {
    // Leaflet writes an attribution as markup; the setting is plain text.
    const text = document.createElement('p');
    text.textContent = holder.dataset.attribution || '';
    L.tileLayer(holder.dataset.tiles, { maxZoom: 18, attribution: text.innerHTML }).addTo(map);
  }
  const markers = points.map((p) => {
    // A circle marker needs no image, so nothing is fetched for it.
    const marker = L.circleMarker([p.lat, p.lon], {
      radius: 8, color: '#0b0c0c', weight: 2, fillColor: '#1d70b8', fillOpacity: 0.9,
    });
    const link = document.createElement('a');
    link.className = 'govuk-link';
    link.href = p.href;
    link.textContent = p.name;
    marker.bindPopup(link);
    marker.bindTooltip(p.name);
    return marker.addTo(map);
  });
  const group = L.featureGroup(markers);
  map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 15 });
}

draw();
