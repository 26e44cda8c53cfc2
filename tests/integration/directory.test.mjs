// The public directory over HTTP: the areas API (GeoJSON), the postcode
// finder page, the areas list and each area's page, on the York demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';

let server;
before(async () => { server = await startServer({ db: await yorkDatabase(), migrate: false }); });
after(async () => { await server.stop(); });

const get = (path) => fetch(server.url + path);
const page = async (path, status = 200) => {
  const res = await get(path);
  assert.equal(res.status, status, path);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  return res.text();
};

test(`the areas API is a GeoJSON FeatureCollection (${backend})`, async () => {
  const res = await get('/api/v1/areas');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.type, 'FeatureCollection');
  assert.equal(body.features.length, 9);
  const covered = body.features.filter((f) => f.properties.covered);
  assert.equal(covered.length, 5);
  const west = body.features.find((f) => f.properties.name === 'Acomb and Westfield');
  assert.match(west.id, /^[0-9a-f]{32}$/);
  assert.equal(west.geometry.type, 'Polygon');
  assert.equal(west.properties.demo, true);
  assert.equal(west.properties.coordinator.name, 'Priya Shah');
  assert.deepEqual(west.properties.wards.map((w) => w.name), ['Acomb', 'Westfield']);
  assert.deepEqual(west.properties.neighbours.map((n) => n.name).sort(),
    ['Holgate and Micklegate', 'North West York', 'South West York']);
  // Every ward is in exactly one area.
  const wards = body.features.flatMap((f) => f.properties.wards.map((w) => w.code));
  assert.equal(wards.length, 21);
  assert.equal(new Set(wards).size, 21);

  // One area is as the collection has it, drop-ins and all.
  const one = await (await get('/api/v1/areas/' + west.id)).json();
  assert.deepEqual(one, west);
  const dropIns = one.properties.drop_ins;
  assert.deepEqual(dropIns.map((d) => d.venue).sort(), ['Acomb Methodist Church', 'Lidgett Methodist Community Cafe']);
  assert.equal(dropIns[0].next_dates.length, 6);
  for (const id of ['0'.repeat(32), 'nope', '%3Cscript%3E']) {
    const missing = await get('/api/v1/areas/' + id);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, 'area_not_found');
  }
});

test('the finder answers covered, near, not covered and unknown', async () => {
  const covered = await page('/find?postcode=yo24+4nb');
  assert.match(covered, /YO24 4NB is in a covered area/);
  assert.match(covered, /Priya Shah/);
  assert.match(covered, /href="tel:07700900101"/);
  assert.match(covered, /href="mailto:priya\.shah@example\.org"/);
  assert.match(covered, /value="yo24 4nb"/);

  const near = await page('/find?postcode=YO23+2AA');
  assert.match(near, /YO23 2AA is not in a covered area yet/);
  assert.match(near, /It is only \d+ metres from <a class="govuk-link" href="\/areas\/[0-9a-f]{32}">Holgate and Micklegate<\/a>/);
  assert.match(near, /Tom Whitaker/);

  const far = await page('/find?postcode=YO32+2RA');
  assert.match(far, /is not in a covered area yet/);
  assert.match(far, /The nearest covered area is/);
  assert.match(far, /\d+\.\d km away/);

  const unknown = await page('/find?postcode=ZZ9+9ZZ', 404);
  assert.match(unknown, /We do not know that postcode/);
});

// Metres between two postcodes, by the lookup API's locations, on a flat
// earth: close enough at York's latitude over a few kilometres.
const located = async (postcode) =>
  (await (await get('/api/v1/lookup?postcode=' + encodeURIComponent(postcode))).json()).location;
const metresBetween = (a, b) => {
  const k = Math.PI / 180, R = 6371000;
  const x = (b.lon - a.lon) * k * Math.cos(((a.lat + b.lat) / 2) * k), y = (b.lat - a.lat) * k;
  return R * Math.hypot(x, y);
};

test('the finder shows the drop-in nearest the person, with how far it is', async () => {
  // Acomb and Westfield's demo drop-ins are at YO26 5NH and YO24 3BX.
  const home = await located('YO24 4NB');
  const venues = [['Lidgett Methodist Community Cafe', 'YO26 5NH'], ['Acomb Methodist Church', 'YO24 3BX']];
  const distances = await Promise.all(venues.map(async ([, pc]) => metresBetween(home, await located(pc))));
  const nearest = distances[0] < distances[1] ? 0 : 1;
  const covered = await page('/find?postcode=YO24+4NB');
  assert.match(covered, /<h2 class="govuk-heading-m">Nearest drop-in<\/h2>/);
  assert.ok(covered.includes(venues[nearest][0]), 'the nearer venue is shown');
  assert.ok(!covered.includes(venues[1 - nearest][0]), 'only the nearer venue is shown');
  const shown = /About ([\d.]+) (metres|km) from YO24 4NB/.exec(covered);
  assert.ok(shown, 'the distance is given');
  const metres = Number(shown[1]) * (shown[2] === 'km' ? 1000 : 1);
  assert.ok(Math.abs(metres - distances[nearest]) < Math.max(60, distances[nearest] * 0.03),
    `${metres} against ${distances[nearest]}`);
  assert.match(covered, /All 2 drop-ins in the area/);

  // Someone just outside cover is shown the nearby area's drop-in too.
  const near = await page('/find?postcode=YO23+2AA');
  assert.match(near, /Nearest drop-in/);
  assert.match(near, /About [\d.]+ (metres|km) from YO23 2AA/);
});

test('the finder says when the postcode file puts a postcode in another ward', async () => {
  const html = await page('/find?postcode=YO24+4HN');
  assert.match(html, /The postcode directory lists YO24 4HN in Holgate, but its centre point lies in Westfield/);
  assert.match(html, /get in touch anyway/);
  assert.doesNotMatch(await page('/find?postcode=YO24+4NB'), /postcode directory lists/);
});

test('the finder refuses what is not a postcode, showing it back escaped', async () => {
  const empty = await page('/find?postcode=', 422);
  assert.match(empty, /<title>Error: Find your Local Area Coordinator/);
  assert.match(empty, /Enter a postcode/);
  const script = await page('/find?postcode=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 422);
  assert.match(script, /Enter a real postcode/);
  assert.match(script, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  assert.doesNotMatch(script, /<script>alert/);
  const quote = await page('/find?postcode=%22+onfocus%3D%22x', 422);
  assert.match(quote, /value="&quot; onfocus=&quot;x"/);
  const form = await page('/find');
  assert.doesNotMatch(form, /There is a problem/);
});

test('the areas page lists every area with its coverage in words', async () => {
  const html = await page('/areas');
  const rows = html.match(/<tr class="govuk-table__row"><td/g);
  assert.equal(rows.length, 9);
  assert.equal(html.match(/>Covered</g).length, 5);
  assert.equal(html.match(/>Not covered yet</g).length, 4);
  assert.match(html, /id="areas-map"[^>]*data-areas="\/api\/v1\/areas"/);
  assert.match(html, /class="govuk-phase-banner/);
  assert.match(html, /areas, coordinators and their contact details are invented/);
});

test('an area page shows its coordinator, wards and neighbours', async () => {
  const body = await (await get('/api/v1/areas')).json();
  const heworth = body.features.find((f) => f.properties.name === 'Heworth');
  const html = await page('/areas/' + heworth.id);
  assert.match(html, /<h1 class="govuk-heading-l">Heworth<\/h1>/);
  assert.match(html, /Daniel Hughes/);
  assert.match(html, /<li>Heworth Without<\/li>/);
  assert.match(html, /Neighbouring areas/);
  await page('/areas/' + '0'.repeat(32), 404);
  await page('/areas/nope', 404);
});
