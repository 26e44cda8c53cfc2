/* The listing form of the community directory's staff pages: add a
 * listing, or change one (web/community_staff.c shows it).  A listing is
 * read and written whole (domain/community/listing.h): the form edits
 * what staff keep right by hand, its first place, its times and contacts
 * as rows, and everything else the listing holds (other places, costs,
 * languages, a contact's other phones, a time's notes) is carried from
 * the current version by id.  The version read goes with the form, so a
 * change made meanwhile is a 409 with the listing as it is now. */
#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/areas/lookup.h"
#include "domain/community/listing.h"
#include "domain/community/suggestion.h"
#include "domain/community/taxonomy.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdlib.h>
#include <string.h>

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

/* The form's values as strings, as drawn and as sent. */
struct schedule_row {
	const char *id, *how, *day, *week, *opens, *closes, *from, *until;
};

struct contact_row {
	const char *id, *name, *email, *phone, *agreed_on;
	bool public;
	/* The day they agreed as the row's date input sent it (NULL: drawn
	 * from the listing); agreed_on is then form_row_date_read's. */
	const struct form_date_parts *when;
};

/* Each contact's "the day they agreed": a date input in every contact
 * row, its inputs' names repeated, their ids the row's own. */
static const struct form_date agreed_field = {
	"contact_agreed_on", "The day they agreed", "Only when they agreed. For example, 5 3 2026",
	false, false};

struct values {
	long version;
	const char *name, *organization_name, *organization_description, *description;
	const char *how_to_join, *eligibility, *minimum_age, *maximum_age, *free;
	const char *fees_description, *accessibility, *note, *suggestion;
	const char *location_id, *place_name, *address, *city, *postcode, *latitude, *longitude;
	const char **terms;
	size_t term_count;
	struct schedule_row schedules[LISTING_SCHEDULES_MAX + 1];
	size_t schedule_count;
	struct contact_row contacts[LISTING_CONTACTS_MAX + 1];
	size_t contact_count;
	struct err dates; /* the contacts' dates that are not real ones */
};

static const char *const how_options[][2] = {
	{"weekly", "Every week"},
	{"fortnightly", "Every other week, from the date below"},
	{"monthly", "Once a month, on the week below"},
	{"once", "One day only: the date below"},
};
static const char *const day_options[][2] = {
	{"MO", "Monday"}, {"TU", "Tuesday"}, {"WE", "Wednesday"}, {"TH", "Thursday"},
	{"FR", "Friday"}, {"SA", "Saturday"}, {"SU", "Sunday"},
	{"MO,TU,WE,TH,FR", "Monday to Friday"}, {"SA,SU", "Saturday and Sunday"},
	{"MO,TU,WE,TH,FR,SA,SU", "Every day"},
};
static const char *const week_options[][2] = {
	{"1", "The first"}, {"2", "The second"}, {"3", "The third"}, {"4", "The fourth"},
	{"-1", "The last"},
};

static bool is(const char *value, const char *what)
{
	return value && strcmp(value, what) == 0;
}

static bool blank(const char *s)
{
	return !s || !*s;
}

static const char *text(const char *s)
{
	return blank(s) ? NULL : s;
}

static const char *listing_id(struct http_request *req)
{
	return http_path_param(req, "id");
}

static const char *action_url(struct http_request *req)
{
	const char *id = listing_id(req);
	return id ? arena_printf(req->arena, "/staff/community/%s", id) : "/staff/community";
}

/* ---- From a listing ------------------------------------------------------ */

static const char *age_text(struct arena *a, long age)
{
	return age >= 0 ? arena_printf(a, "%ld", age) : NULL;
}

static struct schedule_row schedule_row_of(struct arena *a, const struct community_schedule *s)
{
	struct schedule_row r = {.id = s->id, .opens = s->opens_at, .closes = s->closes_at,
				 .until = s->valid_to, .day = s->byday};
	if (!s->freq) {
		r.how = "once";
		r.from = s->dtstart;
	} else if (is(s->freq, "MONTHLY")) {
		r.how = "monthly";
		r.from = s->valid_from ? s->valid_from : s->dtstart;
		/* "2TH": the week, then the day. */
		size_t n = s->byday ? strlen(s->byday) : 0;
		if (n > 2) {
			r.week = arena_strndup(a, s->byday, n - 2);
			r.day = s->byday + n - 2;
		}
	} else {
		r.how = s->interval == 2 ? "fortnightly" : "weekly";
		r.from = s->interval == 2 && s->dtstart ? s->dtstart
			 : s->valid_from			  ? s->valid_from
							  : s->dtstart;
	}
	return r;
}

static void values_from_listing(struct arena *a, const struct listing *l, struct values *v)
{
	*v = (struct values){
		.version = l->version,
		.name = l->name,
		.organization_name = l->organization.name,
		.organization_description = l->organization.description,
		.description = l->description,
		.how_to_join = l->how_to_join,
		.eligibility = l->eligibility,
		.minimum_age = age_text(a, l->minimum_age),
		.maximum_age = age_text(a, l->maximum_age),
		.free = l->free == 1 ? "yes" : l->free == 0 ? "no" : "unknown",
		.fees_description = l->fees_description,
		.accessibility = l->accessibility,
	};
	if (l->location_count) {
		const struct community_location *p = &l->locations[0];
		v->location_id = p->id;
		v->place_name = p->name;
		v->address = p->address_1;
		v->city = p->city;
		v->postcode = p->postal_code;
		/* A point the postcode gave is found again from it. */
		if (p->has_point && blank(p->postal_code)) {
			v->latitude = arena_printf(a, "%.6f", p->latitude);
			v->longitude = arena_printf(a, "%.6f", p->longitude);
		}
	}
	v->terms = arena_alloc(a, (l->term_count + 1) * sizeof *v->terms);
	for (size_t i = 0; i < l->term_count; i++)
		v->terms[v->term_count++] = l->terms[i].term_id;
	for (size_t i = 0; i < l->schedule_count && i < LISTING_SCHEDULES_MAX; i++)
		v->schedules[v->schedule_count++] = schedule_row_of(a, &l->schedules[i]);
	for (size_t i = 0; i < l->contact_count && i < LISTING_CONTACTS_MAX; i++) {
		const struct community_contact *c = &l->contacts[i];
		v->contacts[v->contact_count++] = (struct contact_row){
			c->id, c->name, c->email, c->phone_count ? c->phones[0].number : NULL,
			c->agreed_on, c->public, NULL};
	}
}

static void add_blank_schedule(struct values *v)
{
	if (v->schedule_count < LISTING_SCHEDULES_MAX)
		v->schedules[v->schedule_count++] = (struct schedule_row){.how = "weekly"};
}

static void add_blank_contact(struct values *v)
{
	if (v->contact_count < LISTING_CONTACTS_MAX)
		v->contacts[v->contact_count++] = (struct contact_row){0};
}

/* What a suggestion says that fits the form; the rest is shown above it. */
static void prefill(struct arena *a, const struct suggestion *s, struct values *v)
{
	if (s->service_id) {
		v->note = arena_printf(a, "A correction suggested by the public: %s",
				       s->details ? s->details : "");
		return;
	}
	v->name = s->name;
	v->description = s->details;
	v->place_name = s->where_text;
	v->note = "Suggested by the public";
	if (s->organiser_agrees && (s->from_name || s->from_email) && v->contact_count == 0)
		v->contacts[v->contact_count++] = (struct contact_row){
			.name = s->from_name, .email = s->from_email, .public = true,
			.agreed_on = s->received_at ? arena_strndup(a, s->received_at, 10) : NULL};
}

/* ---- From the form ------------------------------------------------------- */

/* The rows as sent; false when the repeated fields do not line up, which
 * the form never sends: only a hand-made or broken request. */
static bool values_from_form(struct http_request *req, struct values *v)
{
	*v = (struct values){
		.version = strtol(http_form(req, "version"), NULL, 10),
		.name = http_form(req, "name"),
		.organization_name = http_form(req, "organization_name"),
		.organization_description = http_form(req, "organization_description"),
		.description = http_form(req, "description"),
		.how_to_join = http_form(req, "how_to_join"),
		.eligibility = http_form(req, "eligibility"),
		.minimum_age = http_form(req, "minimum_age"),
		.maximum_age = http_form(req, "maximum_age"),
		.free = http_form(req, "free"),
		.fees_description = http_form(req, "fees_description"),
		.accessibility = http_form(req, "accessibility"),
		.note = http_form(req, "note"),
		.suggestion = http_form_text(req, "suggestion"),
		.location_id = http_form_text(req, "location_id"),
		.place_name = http_form(req, "place_name"),
		.address = http_form(req, "address"),
		.city = http_form(req, "city"),
		.postcode = http_form(req, "postcode"),
		.latitude = http_form(req, "latitude"),
		.longitude = http_form(req, "longitude"),
	};
	v->terms = http_form_all(req, "term", &v->term_count);
	size_t n[8], m[5], ticked;
	const char **sid = http_form_all(req, "schedule_id", &n[0]);
	const char **how = http_form_all(req, "schedule_how", &n[1]);
	const char **day = http_form_all(req, "schedule_day", &n[2]);
	const char **week = http_form_all(req, "schedule_week", &n[3]);
	const char **opens = http_form_all(req, "schedule_opens", &n[4]);
	const char **closes = http_form_all(req, "schedule_closes", &n[5]);
	const char **from = http_form_all(req, "schedule_from", &n[6]);
	const char **until = http_form_all(req, "schedule_until", &n[7]);
	const char **cid = http_form_all(req, "contact_id", &m[0]);
	const char **name = http_form_all(req, "contact_name", &m[1]);
	const char **email = http_form_all(req, "contact_email", &m[2]);
	const char **phone = http_form_all(req, "contact_phone", &m[3]);
	const struct form_date_parts *agreed = form_row_dates(req, agreed_field.name, &m[4]);
	const char **pub = http_form_all(req, "contact_public", &ticked);
	for (size_t i = 1; i < COUNT(n); i++)
		if (n[i] != n[0])
			return false;
	for (size_t i = 1; i < COUNT(m); i++)
		if (m[i] != m[0])
			return false;
	/* Rows past the most the domain takes are not read: one more is, so
	 * it refuses them in words. */
	for (size_t i = 0; i < n[0] && i < LISTING_SCHEDULES_MAX + 1; i++)
		v->schedules[v->schedule_count++] = (struct schedule_row){
			sid[i], how[i], day[i], week[i], opens[i], closes[i], from[i], until[i]};
	for (size_t i = 0; i < m[0] && i < LISTING_CONTACTS_MAX + 1; i++) {
		struct contact_row *c = &v->contacts[v->contact_count];
		*c = (struct contact_row){cid[i], name[i], email[i], phone[i], NULL, false, &agreed[i]};
		form_row_date_read(req->arena,
				   arena_printf(req->arena, "contact_%zu_agreed_on", v->contact_count),
				   &agreed_field, c->when, &c->agreed_on, &v->dates);
		v->contact_count++;
	}
	for (size_t i = 0; i < ticked; i++) {
		size_t r = (size_t)strtoul(pub[i], NULL, 10);
		if (r >= m[0])
			return false;
		if (r < v->contact_count)
			v->contacts[r].public = true;
	}
	return true;
}

static int bad_rows(struct http_request *req, struct http_response *res)
{
	return http_send_error(req, res, 400, "bad_form",
			       "The form could not be read: its times or contacts do not line up. "
			       "Go back to the listing and make the change again.");
}

static bool schedule_blank(const struct schedule_row *r)
{
	return !text(r->day) && !text(r->week) && !text(r->opens) && !text(r->closes) &&
	       !text(r->from) && !text(r->until);
}

static bool contact_blank(const struct contact_row *r)
{
	return !text(r->name) && !text(r->email) && !text(r->phone) && !text(r->agreed_on) &&
	       !r->public;
}

/* The listing a form makes, on top of the current one (NULL: a new
 * listing), and the input each of the domain's paths belongs to. */
struct made {
	struct listing in;
	const char *(*names)[2];
	size_t name_count;
};

static void name_pair(struct made *m, const char *path, const char *input)
{
	m->names[m->name_count][0] = path;
	m->names[m->name_count][1] = input;
	m->name_count++;
}

/* A number typed: false for anything but one, which the form names. */
static bool whole_number(const char *s, long *out)
{
	char *end = NULL;
	if (!text(s)) {
		*out = -1;
		return true;
	}
	*out = strtol(s, &end, 10);
	return *s >= '0' && *s <= '9' && *end == '\0' && *out <= LISTING_AGE_MAX;
}

static bool decimal(const char *s, double *out)
{
	char *end = NULL;
	*out = strtod(s, &end);
	return end != s && *end == '\0';
}

static const struct community_schedule *schedule_was(const struct listing *cur, const char *id)
{
	for (size_t i = 0; cur && id && i < cur->schedule_count; i++)
		if (is(cur->schedules[i].id, id))
			return &cur->schedules[i];
	return NULL;
}

static const struct community_contact *contact_was(const struct listing *cur, const char *id)
{
	for (size_t i = 0; cur && id && i < cur->contact_count; i++)
		if (is(cur->contacts[i].id, id))
			return &cur->contacts[i];
	return NULL;
}

static void make_schedules(struct arena *a, const struct values *v, const struct listing *cur,
			   struct made *m)
{
	static const char *const fields[][2] = {
		{"", "day"}, {".byday", "day"}, {".bymonthday", "day"}, {".freq", "how"},
		{".interval", "how"}, {".dtstart", "from"}, {".valid_from", "from"},
		{".valid_to", "until"}, {".opens_at", "opens"}, {".closes_at", "closes"},
	};
	struct listing *in = &m->in;
	in->schedules = arena_alloc(a, (v->schedule_count + 1) * sizeof *in->schedules);
	in->schedule_count = 0;
	for (size_t r = 0; r < v->schedule_count; r++) {
		const struct schedule_row *row = &v->schedules[r];
		if (schedule_blank(row))
			continue;
		size_t n = in->schedule_count++;
		struct community_schedule *s = &in->schedules[n];
		const struct community_schedule *was = schedule_was(cur, text(row->id));
		*s = was ? *was : (struct community_schedule){.interval = 1};
		s->id = was ? was->id : NULL;
		s->opens_at = text(row->opens);
		s->closes_at = text(row->closes);
		s->valid_to = text(row->until);
		s->valid_from = text(row->from);
		s->dtstart = text(row->from);
		s->freq = "WEEKLY";
		s->interval = 1;
		s->byday = text(row->day);
		s->bymonthday = NULL;
		if (is(row->how, "fortnightly")) {
			s->interval = 2;
		} else if (is(row->how, "monthly")) {
			s->freq = "MONTHLY";
			if (text(row->week) || text(row->day))
				s->byday = arena_printf(a, "%s%s", row->week ? row->week : "",
							row->day ? row->day : "");
			else if (was)
				s->bymonthday = was->bymonthday;
		} else if (is(row->how, "once")) {
			s->freq = NULL;
			s->valid_from = NULL;
		}
		/* A date left as it was keeps the dates it was read from: a
		 * weekly time's first session is not its valid_from. */
		if (was) {
			struct schedule_row before = schedule_row_of(a, was);
			bool same_from = blank(row->from) ? blank(before.from)
							  : is(row->from, before.from);
			if (is(before.how, row->how) && same_from) {
				s->dtstart = was->dtstart;
				s->valid_from = was->valid_from;
			}
		}
		/* The words the hours were read from no longer describe a time
		 * changed by hand. */
		if (was && (!is(was->opens_at, s->opens_at) || !is(was->closes_at, s->closes_at) ||
			    !is(was->byday, s->byday)))
			s->original_text = NULL;
		for (size_t f = 0; f < COUNT(fields); f++)
			name_pair(m, arena_printf(a, "schedules.%zu%s", n, fields[f][0]),
				  arena_printf(a, "schedule_%zu_%s", r, fields[f][1]));
	}
}

static void make_contacts(struct arena *a, const struct values *v, const struct listing *cur,
			  struct made *m)
{
	static const char *const fields[][2] = {
		{"", "name"}, {".name", "name"}, {".email", "email"}, {".phones", "phone"},
		{".phones.0", "phone"}, {".phones.0.number", "phone"}, {".public", "agreed_on"},
		{".agreed_on", "agreed_on"},
	};
	struct listing *in = &m->in;
	in->contacts = arena_alloc(a, (v->contact_count + 1) * sizeof *in->contacts);
	in->contact_count = 0;
	for (size_t r = 0; r < v->contact_count; r++) {
		const struct contact_row *row = &v->contacts[r];
		if (contact_blank(row))
			continue;
		size_t n = in->contact_count++;
		struct community_contact *c = &in->contacts[n];
		const struct community_contact *was = contact_was(cur, text(row->id));
		*c = was ? *was : (struct community_contact){0};
		c->name = text(row->name);
		c->email = text(row->email);
		c->public = row->public;
		c->agreed_on = text(row->agreed_on);
		/* The first phone is the form's; any others are kept. */
		size_t others = was && was->phone_count ? was->phone_count - 1 : 0;
		c->phones = arena_alloc(a, (others + 1) * sizeof *c->phones);
		c->phone_count = 0;
		if (text(row->phone))
			c->phones[c->phone_count++] = (struct community_phone){
				was && was->phone_count ? was->phones[0].id : NULL, row->phone,
				was && was->phone_count ? was->phones[0].description : NULL};
		for (size_t i = 0; i < others; i++)
			c->phones[c->phone_count++] = was->phones[i + 1];
		for (size_t f = 0; f < COUNT(fields); f++)
			name_pair(m, arena_printf(a, "contacts.%zu%s", n, fields[f][0]),
				  arena_printf(a, "contact_%zu_%s", r, fields[f][1]));
	}
}

static void make_place(struct arena *a, const struct values *v, const struct listing *cur,
		       struct made *m, struct err *e)
{
	static const char *const fields[][2] = {
		{"locations", "postcode"}, {"locations.0", "postcode"},
		{"locations.0.postal_code", "postcode"}, {"locations.0.name", "place_name"},
		{"locations.0.address_1", "address"}, {"locations.0.city", "city"},
		{"locations.0.latitude", "latitude"}, {"locations.0.longitude", "longitude"},
		{"locations.0.accessibility", "accessibility"},
	};
	struct listing *in = &m->in;
	size_t others = cur && cur->location_count ? cur->location_count - 1 : 0;
	const struct community_location *was = NULL;
	for (size_t i = 0; cur && v->location_id && i < cur->location_count; i++)
		if (is(cur->locations[i].id, v->location_id))
			was = &cur->locations[i];
	in->locations = arena_alloc(a, (others + 1) * sizeof *in->locations);
	in->location_count = 0;
	bool given = text(v->place_name) || text(v->address) || text(v->city) ||
		     text(v->postcode) || text(v->latitude) || text(v->longitude);
	if (given) {
		struct community_location *p = &in->locations[in->location_count++];
		*p = was ? *was : (struct community_location){.location_type = "physical"};
		p->name = text(v->place_name);
		p->address_1 = text(v->address);
		p->city = text(v->city);
		p->postal_code = text(v->postcode);
		p->has_point = false;
		if (text(v->latitude) || text(v->longitude)) {
			bool lat = text(v->latitude) && decimal(v->latitude, &p->latitude);
			bool lon = text(v->longitude) && decimal(v->longitude, &p->longitude);
			if (!lat)
				err_field(e, "latitude", "Enter the latitude as a number, like 53.9591");
			if (!lon)
				err_field(e, "longitude", "Enter the longitude as a number, like -1.0815");
			p->has_point = lat && lon;
		}
	}
	/* The places the form does not show stay as they are. */
	for (size_t i = 0; cur && i < cur->location_count; i++)
		if (&cur->locations[i] != was && (was || i > 0))
			in->locations[in->location_count++] = cur->locations[i];
	for (size_t f = 0; f < COUNT(fields); f++)
		name_pair(m, fields[f][0], fields[f][1]);
}

static void make_terms(struct arena *a, const struct values *v, const struct listing *cur,
		       struct made *m)
{
	struct listing *in = &m->in;
	in->terms = arena_alloc(a, (v->term_count + 1) * sizeof *in->terms);
	in->term_count = 0;
	for (size_t i = 0; i < v->term_count; i++) {
		struct community_term_ref t = {.term_id = v->terms[i]};
		for (size_t j = 0; cur && j < cur->term_count; j++)
			if (is(cur->terms[j].term_id, v->terms[i]))
				t = cur->terms[j];
		in->terms[in->term_count++] = t;
		name_pair(m, arena_printf(a, "terms.%zu", i), "terms");
	}
	name_pair(m, "terms", "terms");
}

/* The listing to save; e gets the problems only the form can see (a
 * number that is not one), and then nothing is saved. */
static void make(struct arena *a, const struct values *v, const struct listing *cur,
		 struct made *m, struct err *e)
{
	size_t most = 40 + (LISTING_SCHEDULES_MAX + 1) * 10 + (LISTING_CONTACTS_MAX + 1) * 8 +
		      v->term_count;
	m->names = arena_alloc(a, most * sizeof *m->names);
	m->name_count = 0;
	err_clear(e);
	struct listing *in = &m->in;
	if (cur) {
		*in = *cur;
		/* Saving a retired listing brings it back (the form says so). */
		if (is(cur->status, "defunct"))
			in->status = NULL;
	} else {
		*in = (struct listing){.free = -1, .minimum_age = -1, .maximum_age = -1};
		in->organization = (struct community_organization){0};
	}
	in->version = v->version;
	in->name = text(v->name);
	in->organization.name = text(v->organization_name);
	in->organization.description = text(v->organization_description);
	in->description = text(v->description);
	in->how_to_join = text(v->how_to_join);
	in->eligibility = text(v->eligibility);
	in->fees_description = text(v->fees_description);
	in->accessibility = text(v->accessibility);
	in->free = is(v->free, "yes") ? 1 : is(v->free, "no") ? 0 : -1;
	in->note = text(v->note);
	if (!whole_number(v->minimum_age, &in->minimum_age))
		err_field(e, "minimum_age", "Enter the youngest age as a whole number, like 18");
	if (!whole_number(v->maximum_age, &in->maximum_age))
		err_field(e, "maximum_age", "Enter the oldest age as a whole number, like 65");
	make_place(a, v, cur, m, e);
	make_schedules(a, v, cur, m);
	make_contacts(a, v, cur, m);
	make_terms(a, v, cur, m);
	name_pair(m, "organization", "organization_name");
	name_pair(m, "schedules", "schedule_0_day");
	name_pair(m, "contacts", "contact_0_name");
}

/* ---- Drawing ------------------------------------------------------------- */

/* A row's input and select, with the problem e holds for their id. */
static void row_input(struct sb *page, const char *id, const char *name, const char *label_text,
		      const char *hint, const char *value, const struct err *e, const char *width)
{
	form_row_input(page, id, name, label_text, hint, value, form_errors_for(e, id), width);
}

static void row_select(struct sb *page, const char *id, const char *name, const char *label_text,
		       const char *const (*options)[2], size_t count, const char *chosen,
		       const char *none, const struct err *e)
{
	form_row_select(page, id, name, label_text, options, count, chosen, none,
			form_errors_for(e, id));
}

static void text_field(struct sb *page, const char *name, const char *label, const char *hint,
		       const char *value, const struct err *e, const char *width)
{
	struct form_field f = {name, label, hint, "text", "off", width};
	form_text_field(page, &f, value, form_errors_for(e, name));
}

static void prose_field(struct sb *page, const char *name, const char *label, const char *hint,
			const char *value, const struct err *e)
{
	people_textarea(page, name, label, hint, value, form_errors_for(e, name));
}

static void schedule_fields(struct sb *page, size_t r, const struct schedule_row *row,
			    const struct listing *cur, const struct err *e)
{
	struct arena *a = page->arena;
	const struct community_schedule *was = schedule_was(cur, text(row->id));
	html_printf(page, "<fieldset class=\"govuk-fieldset app-community-staff__row\">"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Time %zu"
			  "</legend>\n<input type=\"hidden\" name=\"schedule_id\" value=\"%s\">\n",
		    r + 1, row->id ? row->id : "");
	if (was && !blank(was->original_text))
		html_printf(page, "<p class=\"govuk-body-s\">Read from: <q>%s</q></p>\n",
			    was->original_text);
#define ID(field) arena_printf(a, "schedule_%zu_%s", r, field)
	row_select(page, ID("how"), "schedule_how", "How often", how_options, COUNT(how_options),
		   row->how ? row->how : "weekly", NULL, e);
	row_select(page, ID("day"), "schedule_day", "Day", day_options, COUNT(day_options), row->day,
		   "Choose a day", e);
	row_select(page, ID("week"), "schedule_week", "Which week of the month (monthly only)",
		   week_options, COUNT(week_options), row->week, "Not monthly", e);
	html_printf(page, "<div class=\"app-community-staff__pair\">\n");
	row_input(page, ID("opens"), "schedule_opens", "Opens", "Like 10:30", row->opens, e,
		  "govuk-input--width-5");
	row_input(page, ID("closes"), "schedule_closes", "Closes", "Like 12:00", row->closes, e,
		  "govuk-input--width-5");
	html_printf(page, "</div>\n<div class=\"app-community-staff__pair\">\n");
	row_input(page, ID("from"), "schedule_from", "From (optional)",
		  "Like 2026-03-05. Needed for every other week and one day", row->from, e,
		  "govuk-input--width-10");
	row_input(page, ID("until"), "schedule_until", "Until (optional)", "Like 2026-07-30",
		  row->until, e, "govuk-input--width-10");
	html_printf(page, "</div>\n</fieldset>\n");
#undef ID
}

static void contact_fields(struct sb *page, size_t r, const struct contact_row *row,
			   const struct err *e)
{
	struct arena *a = page->arena;
	html_printf(page, "<fieldset class=\"govuk-fieldset app-community-staff__row\">"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Contact %zu"
			  "</legend>\n<input type=\"hidden\" name=\"contact_id\" value=\"%s\">\n",
		    r + 1, row->id ? row->id : "");
#define ID(field) arena_printf(a, "contact_%zu_%s", r, field)
	row_input(page, ID("name"), "contact_name", "Name", NULL, row->name, e, "");
	row_input(page, ID("email"), "contact_email", "Email", NULL, row->email, e, "");
	row_input(page, ID("phone"), "contact_phone", "Phone", NULL, row->phone, e,
		  "govuk-input--width-20");
	html_printf(page, "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes "
			  "govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">"
			  "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
			  "id=\"%s\" name=\"contact_public\" type=\"checkbox\" value=\"%zu\"%s>"
			  "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s\">The organiser "
			  "agreed to publish these details</label></div></div></div>\n",
		    ID("public"), r, row->public ? " checked" : "", ID("public"));
	form_row_date(page, ID("agreed_on"), &agreed_field, row->when, row->agreed_on,
		      form_errors_for(e, ID("agreed_on")));
	html_printf(page, "</fieldset>\n");
#undef ID
}

static bool chosen_term(const struct values *v, const char *id)
{
	for (size_t i = 0; i < v->term_count; i++)
		if (is(v->terms[i], id))
			return true;
	return false;
}

static void term_box(struct sb *page, size_t i, const char *id, const char *name, bool checked)
{
	const char *box = i ? arena_printf(page->arena, "terms-%zu", i) : "terms";
	html_printf(page, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
			  "id=\"%s\" name=\"term\" type=\"checkbox\" value=\"%s\"%s>"
			  "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s\">%s</label>"
			  "</div>\n",
		    box, id, checked ? " checked" : "", box, name);
}

/* Our own terms, and any other the listing carries (an imported one). */
static void kinds_fields(struct sb *page, const struct taxonomy_term *terms, size_t count,
			 const struct values *v, const struct listing *cur, const struct err *e)
{
	const char *error = form_errors_for(e, "terms");
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\" "
			  "aria-describedby=\"terms-hint%s\"><legend class=\"govuk-fieldset__legend "
			  "govuk-fieldset__legend--m\">What kind of thing it is</legend>\n"
			  "<div id=\"terms-hint\" class=\"govuk-hint\">Choose at least one</div>\n",
		    error ? " govuk-form-group--error" : "", error ? " terms-error" : "");
	people_error(page, "terms", error);
	html_printf(page, "<div class=\"govuk-checkboxes govuk-checkboxes--small app-community-staff__kinds\" "
			  "data-module=\"govuk-checkboxes\">\n");
	size_t n = 0;
	for (size_t i = 0; i < count; i++, n++)
		term_box(page, n, terms[i].id, terms[i].name, chosen_term(v, terms[i].id));
	for (size_t i = 0; cur && i < cur->term_count; i++) {
		const struct community_term_ref *t = &cur->terms[i];
		if (is(t->taxonomy_id, TAXONOMY_OURS))
			continue;
		term_box(page, n++, t->term_id, t->name ? t->name : t->term_id,
			 chosen_term(v, t->term_id));
	}
	html_printf(page, "</div></fieldset></div>\n");
}

static void place_fields(struct sb *page, const struct values *v, const struct err *e)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Where</h2>\n"
			  "<input type=\"hidden\" name=\"location_id\" value=\"%s\">\n",
		    v->location_id ? v->location_id : "");
	text_field(page, "place_name", "The place", "Like Acomb Library", v->place_name, e, "");
	text_field(page, "address", "Address", NULL, v->address, e, "");
	text_field(page, "city", "Town or city", NULL, v->city, e, "govuk-!-width-two-thirds");
	text_field(page, "postcode", "Postcode", "It places the listing on the map and in its ward",
		   v->postcode, e, "govuk-input--width-10");
	bool open = text(v->latitude) || text(v->longitude) || form_errors_for(e, "latitude") ||
		    form_errors_for(e, "longitude");
	html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">No postcode? Give latitude and "
			  "longitude</span></summary><div class=\"govuk-details__text\">\n",
		    open ? " open" : "");
	text_field(page, "latitude", "Latitude", "Like 53.9591", v->latitude, e,
		   "govuk-input--width-10");
	text_field(page, "longitude", "Longitude", "Like -1.0815", v->longitude, e,
		   "govuk-input--width-10");
	html_printf(page, "</div></details>\n");
}

static void about_fields(struct sb *page, const struct values *v, const struct err *e)
{
	static const char *const free_options[][2] = {
		{"yes", "Free"}, {"no", "Paid"}, {"unknown", "Not known"}};
	text_field(page, "name", "Name", "What it is called, like Acomb Community Choir", v->name,
		   e, "");
	prose_field(page, "description", "What happens", NULL, v->description, e);
	prose_field(page, "how_to_join", "How to join", "Like: just turn up, or ring first",
		    v->how_to_join, e);
	prose_field(page, "eligibility", "Who it is for (optional)", NULL, v->eligibility, e);
	html_printf(page, "<div class=\"app-community-staff__pair\">\n");
	text_field(page, "minimum_age", "Youngest age (optional)", NULL, v->minimum_age, e,
		   "govuk-input--width-3");
	text_field(page, "maximum_age", "Oldest age (optional)", NULL, v->maximum_age, e,
		   "govuk-input--width-3");
	html_printf(page, "</div>\n");
	form_radios(page, "free", "Cost", NULL, free_options, COUNT(free_options),
		    v->free ? v->free : "unknown", form_errors_for(e, "free"));
	prose_field(page, "fees_description", "What it costs (optional)", "Like £2 a session, tea "
		    "included", v->fees_description, e);
	prose_field(page, "accessibility", "Accessibility (optional)",
		    "Like: step-free entrance, hearing loop", v->accessibility, e);
	html_printf(page, "<h2 class=\"govuk-heading-m\">Who runs it</h2>\n");
	text_field(page, "organization_name", "Organisation", "Who runs it. A group with no other name: its own name",
		   v->organization_name, e, "");
	prose_field(page, "organization_description", "About the organisation (optional)", NULL,
		    v->organization_description, e);
}

/* ---- The form ------------------------------------------------------------ */

static const char *suggestion_id(struct http_request *req)
{
	const char *id = http_query_filter(req, "suggestion");
	return id ? id : http_form_text(req, "suggestion");
}

static void suggestion_inset(struct sb *page, const struct suggestion *s)
{
	html_printf(page, "<div class=\"govuk-inset-text\"><h2 class=\"govuk-heading-s\">The "
			  "suggestion</h2>\n");
	if (!blank(s->name))
		html_printf(page, "<p class=\"govuk-body\"><strong>%s</strong></p>\n", s->name);
	people_words(page, s->details);
	if (!blank(s->where_text))
		html_printf(page, "<p class=\"govuk-body\">Where: %s</p>\n", s->where_text);
	if (!blank(s->when_text))
		html_printf(page, "<p class=\"govuk-body\">When: %s</p>\n", s->when_text);
	if (!blank(s->from_name) || !blank(s->from_email))
		html_printf(page, "<p class=\"govuk-body\">From: %s %s%s</p>\n",
			    s->from_name ? s->from_name : "", s->from_email ? s->from_email : "",
			    s->organiser_agrees ? " (they run it and agree to their details being "
						  "published)"
						: "");
	html_printf(page, "</div>\n");
}

/* The form: from the listing (or empty) the first time, prefilled from a
 * suggestion when one is named; from what was sent when asked for another
 * row and when refused (refused: its problems); from the listing as it is
 * now after a change made meanwhile (409). */
static int form_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused)
{
	struct arena *a = req->arena;
	struct db *db = req->app->db;
	const char *id = listing_id(req);
	struct listing *cur = NULL;
	struct suggestion *s = NULL;
	struct taxonomy_term *terms;
	size_t term_count;
	struct err got;
	int rc = RESULT_OK;
	if (id) {
		cur = arena_alloc(a, sizeof *cur);
		rc = listing_get(db, req->who, LISTING_STAFF, req->app->config->directory_review_months, id, a, cur, &got);
	}
	if (rc == RESULT_OK && suggestion_id(req)) {
		s = arena_alloc(a, sizeof *s);
		rc = suggestion_get(db, req->who, suggestion_id(req), a, s, &got);
	}
	if (rc == RESULT_OK)
		rc = taxonomy_terms(db, TAXONOMY_OURS, a, &terms, &term_count, &got);
	if (rc < 0)
		return http_send_result(req, res, rc, &got, NULL);

	const char *more = http_form_text(req, "more");
	bool sent = (refused || more) && status != 409;
	struct values *v = arena_alloc(a, sizeof *v);
	if (sent && !values_from_form(req, v))
		return bad_rows(req, res);
	if (!sent && cur)
		values_from_listing(a, cur, v);
	else if (!sent)
		*v = (struct values){.free = "unknown"};
	if (!sent && s)
		prefill(a, s, v);
	if (s)
		v->suggestion = s->id;
	if (is(more, "time"))
		add_blank_schedule(v);
	if (is(more, "contact"))
		add_blank_contact(v);
	if (!sent && v->schedule_count == 0)
		add_blank_schedule(v);
	if (!sent && v->contact_count == 0)
		add_blank_contact(v);

	struct err *e = NULL;
	if (refused) {
		e = arena_alloc(a, sizeof *e);
		err_copy(e, refused);
		struct made m;
		struct err ignored;
		make(a, v, cur, &m, &ignored);
		form_rename_fields(e, (const char *const(*)[2])m.names, m.name_count);
	}
	const char *title = cur ? arena_printf(a, "Change %s", cur->name) : "Add a listing";
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(a, "Error: %s", title) : title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s\">Back</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		    cur ? action_url(req) : "/staff/community");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "name");
	html_printf(&page, "<span class=\"govuk-caption-l\">Community directory</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		    title);
	if (s)
		suggestion_inset(&page, s);
	if (cur && is(cur->status, "defunct"))
		html_printf(&page, "<div class=\"govuk-inset-text\">This listing is retired. Saving "
				   "it brings it back into the directory.</div>\n");
	html_printf(&page, "<form method=\"post\" action=\"%s\" novalidate>\n", action_url(req));
	people_csrf(req, &page);
	html_printf(&page, "<input type=\"hidden\" name=\"version\" value=\"%ld\">\n",
		    status == 409 && cur ? cur->version : v->version);
	if (v->suggestion)
		html_printf(&page, "<input type=\"hidden\" name=\"suggestion\" value=\"%s\">\n",
			    v->suggestion);
	about_fields(&page, v, e);
	place_fields(&page, v, e);
	html_printf(&page, "<h2 class=\"govuk-heading-m\">When</h2>\n"
			   "<p class=\"govuk-body\">Leave a time empty when you do not need it; to "
			   "take one out, clear its day and times.</p>\n");
	for (size_t r = 0; r < v->schedule_count; r++)
		schedule_fields(&page, r, &v->schedules[r], cur, e);
	html_printf(&page, "<button type=\"submit\" name=\"more\" value=\"time\" class=\"govuk-button "
			   "govuk-button--secondary\" data-module=\"govuk-button\">Add another time"
			   "</button>\n");
	kinds_fields(&page, terms, term_count, v, cur, e);
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Contacts</h2>\n"
			   "<p class=\"govuk-body\">Staff see these. The public see a contact only "
			   "when the organiser agreed, and the source allows it.</p>\n");
	for (size_t r = 0; r < v->contact_count; r++)
		contact_fields(&page, r, &v->contacts[r], e);
	html_printf(&page, "<button type=\"submit\" name=\"more\" value=\"contact\" class=\"govuk-button "
			   "govuk-button--secondary\" data-module=\"govuk-button\">Add another contact"
			   "</button>\n");
	prose_field(&page, "note", "Why you are making this change",
		    "Like: rang the organiser, the time moved. Kept with the history", v->note, e);
	html_printf(&page, "<div class=\"govuk-button-group\"><button type=\"submit\" "
			   "class=\"govuk-button\" data-module=\"govuk-button\">Save the listing"
			   "</button>\n<a class=\"govuk-link\" href=\"%s\">Cancel</a></div>\n</form>\n"
			   "</div></div>\n",
		    cur ? action_url(req) : "/staff/community");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_staff_community_new(struct http_request *req, struct http_response *res)
{
	return form_page(req, res, 200, NULL);
}

int web_staff_community_edit(struct http_request *req, struct http_response *res)
{
	return form_page(req, res, 200, NULL);
}

static struct err *changed_meanwhile(struct arena *a)
{
	struct err *why = arena_alloc(a, sizeof *why);
	err_clear(why);
	err_field(why, NULL, "Someone changed this listing since you opened it. The form now "
		  "shows what it says now: make your change again.");
	return why;
}

static int save(struct http_request *req, struct http_response *res)
{
	struct arena *a = req->arena;
	struct db *db = req->app->db;
	struct values *v = arena_alloc(a, sizeof *v);
	if (!values_from_form(req, v))
		return bad_rows(req, res);
	if (http_form_text(req, "more"))
		return form_page(req, res, 200, NULL);
	struct listing *cur = NULL;
	struct err e;
	if (listing_id(req)) {
		cur = arena_alloc(a, sizeof *cur);
		int rc = listing_get(db, req->who, LISTING_STAFF, req->app->config->directory_review_months, listing_id(req), a, cur, &e);
		if (rc < 0)
			return http_send_result(req, res, rc, &e, NULL);
	}
	struct made m;
	make(a, v, cur, &m, &e);
	if (e.field_count) {
		form_date_problems(&e, &v->dates, (const char *const(*)[2])m.names, m.name_count);
		return http_send_result(req, res, RESULT_INVALID, &e, form_page);
	}
	struct lookup_context ctx = {db, req->map, req->app->config->near_metres, req->postcodes};
	const char *id;
	int rc = listing_save(db, req->who, &ctx, &m.in, a, &id, NULL, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &v->dates, (const char *const(*)[2])m.names, m.name_count);
	if (rc == RESULT_CONFLICT)
		return form_page(req, res, 409, changed_meanwhile(a));
	if (rc < 0)
		return http_send_result(req, res, rc, &e, form_page);
	/* The suggestion the form was made from is accepted now its listing
	 * is saved, not when the form was opened.  Handled meanwhile by
	 * someone else, it stays as they left it: the listing is saved. */
	if (v->suggestion) {
		rc = suggestion_handle(db, req->who, v->suggestion, true, NULL, a, &e);
		if (rc < 0 && rc != RESULT_CONFLICT)
			return http_send_result(req, res, rc, &e, NULL);
	}
	return http_redirect(res, arena_printf(a, "/staff/community/%s?done=saved", id));
}

int web_staff_community_create(struct http_request *req, struct http_response *res)
{
	return save(req, res);
}

int web_staff_community_update(struct http_request *req, struct http_response *res)
{
	return save(req, res);
}
