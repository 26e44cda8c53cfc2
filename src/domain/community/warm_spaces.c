#include "domain/community/warm_spaces.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/sb.h"
#include "core/secret.h"
#include "db/db.h"
#include "db/generation.h"
#include "domain/areas/lookup.h"
#include "domain/community/hours.h"
#include "domain/community/listing.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"
#include "geo/postcode.h"

#define SNAPSHOT_2026 "2026-08-17"
#define SNAPSHOT_2023 "2023-04-30"
/* Bump when the mapping below changes, so a new run updates every
 * listing an earlier import wrote. */
#define IMPORT_RULES "2"
#define NOTE_PREFIX "York warm spaces import "
#define REMOVED "(contact details removed)"

/* Terms of our own taxonomy, fixed by schema/013. */
#define TERM_WARM_SPACES "618c84fa-5e07-4816-9be3-4010df1aa906"
#define TERM_LEARNING "a5708944-a81a-414b-b02b-d960724d372f"
#define TERM_FOOD "ab5cd759-7050-4623-b3be-cfcb743072cc"
#define TERM_FAITH "796db02e-6dff-41b7-99d4-b832289224ac"

static const char *const SOURCE_ATTRIBUTION =
	"Warm spaces data © Open Innovations, CC BY 4.0 "
	"(https://open-innovations.github.io/warm-spaces/); original listings from Live Well "
	"York (City of York Council), Warm Welcome and Warm Spaces. Contains OS data © Crown "
	"copyright and database right; Royal Mail data © Royal Mail copyright and database "
	"right; National Statistics data © Crown copyright.";

/* A UUID derived from text: the same venue gets the same ids on every
 * run.  BLAKE2b's first 128 bits, with the version nibble 4 and the RFC
 * 4122 variant bits set.  Version 4 means "random": these are not drawn
 * at random, but a hash's bits are as unpredictable and as unlikely to
 * meet another id as random ones, and the directory's ids are v4
 * everywhere (id_uuid_new), which ORUK readers and the issue expect. */
static const char *stable_uuid(struct arena *a, const char *text)
{
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(text, hash);
	hash[12] = '4';
	hash[16] = "89ab"[strtol((char[]){hash[16], '\0'}, NULL, 16) & 3];
	return arena_printf(a, "%.8s-%.4s-%.4s-%.4s-%.12s", hash, hash + 8, hash + 12, hash + 16,
			    hash + 20);
}

/* Lower case, apostrophes dropped, "&" as "and", anything else not a
 * letter or digit a single space. */
static const char *fold_title(struct arena *a, const char *title)
{
	struct sb out;
	sb_init(&out, a, 1024);
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
		if (*p == '\'' || (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99)) {
			p += *p == '\'' ? 0 : 2;
			continue;
		}
		if (isalnum(*p)) {
			if (space && out.len)
				sb_putc(&out, ' ');
			space = false;
			sb_putc(&out, (char)tolower(*p));
		} else if (*p == '&') {
			sb_puts(&out, out.len ? " and" : "and");
			space = true;
		} else {
			space = true;
		}
	}
	return sb_str(&out);
}

/* The last postcode in an address ("..., YO32 4AD, United Kingdom"). */
static const char *address_postcode(struct arena *a, const char *address)
{
	const char *found = NULL;
	size_t n = strlen(address);
	for (size_t i = 0; i < n; i++) {
		if (i && isalnum((unsigned char)address[i - 1]))
			continue;
		/* Outward code, a space or none, inward code. */
		for (size_t len = 5; len <= 8 && i + len <= n; len++) {
			if (i + len < n && isalnum((unsigned char)address[i + len]))
				continue;
			char candidate[16];
			snprintf(candidate, sizeof candidate, "%.*s", (int)len, address + i);
			char normal[POSTCODE_SIZE];
			if (postcode_normalise(candidate, normal))
				found = arena_strdup(a, normal);
		}
	}
	return found;
}

static bool email_char(char c)
{
	return isalnum((unsigned char)c) || strchr("._%+-", c);
}

/* Emails and phone numbers (runs of ten or more digits with spaces
 * between) replaced by REMOVED. */
static const char *without_contacts(struct arena *a, const char *text)
{
	if (!text)
		return NULL;
	struct sb out;
	sb_init(&out, a, strlen(text) * 2 + 64);
	size_t n = strlen(text);
	for (size_t i = 0; i < n;) {
		/* An email: word chars, @, word chars with a dot. */
		size_t start = i, at = i;
		while (at < n && email_char(text[at]))
			at++;
		if (at < n && text[at] == '@' && at > start) {
			size_t end = at + 1;
			while (end < n && (email_char(text[end]) || text[end] == '.'))
				end++;
			while (end > at + 1 && text[end - 1] == '.')
				end--;
			if (memchr(text + at, '.', end - at)) {
				sb_puts(&out, REMOVED);
				i = end;
				continue;
			}
		}
		if (isdigit((unsigned char)text[i]) || (text[i] == '+' && i + 1 < n &&
							 isdigit((unsigned char)text[i + 1]))) {
			size_t end = i + 1, digits = isdigit((unsigned char)text[i]) ? 1 : 0;
			while (end < n && (isdigit((unsigned char)text[end]) ||
					   (text[end] == ' ' && end + 1 < n &&
					    isdigit((unsigned char)text[end + 1])))) {
				digits += isdigit((unsigned char)text[end]) != 0;
				end++;
			}
			if (digits >= 10) {
				sb_puts(&out, REMOVED);
				i = end;
				continue;
			}
			sb_append(&out, text + i, end - i);
			i = end;
			continue;
		}
		/* Copy a word of email characters whole, so a later '@' is not
		 * taken as the start of another. */
		if (at > i) {
			sb_append(&out, text + i, at - i);
			i = at;
		} else {
			sb_putc(&out, text[i++]);
		}
	}
	return sb_str(&out);
}

static const char *text_of(struct arena *a, json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return n ? arena_strndup(a, s, n) : NULL;
}

static bool title_prefix(const char *shorter, const char *longer)
{
	size_t n = strlen(shorter);
	return strncmp(shorter, longer, n) == 0 && (longer[n] == '\0' || longer[n] == ' ');
}

/* See the header: what counts as the same venue. */
static bool same_venue(const struct warm_space *x, const char *folded, const char *postcode,
		       struct arena *a)
{
	if (!x->postcode || !postcode || strcmp(x->postcode, postcode) != 0)
		return false;
	const char *mine = fold_title(a, x->title);
	return title_prefix(mine, folded) || title_prefix(folded, mine);
}

static int read_file(struct arena *a, const char *path, const char *checked_on,
		     struct warm_spaces *out, size_t *cap, struct err *e)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return err_field(e, path, "%s: not JSON (line %d: %s)", path, jerr.line,
				 jerr.text);
	json_t *features = json_object_get(root, "features");
	if (!json_is_array(features)) {
		json_decref(root);
		return err_field(e, path, "%s: not a GeoJSON FeatureCollection", path);
	}
	int rc = RESULT_OK;
	for (size_t i = 0; i < json_array_size(features); i++) {
		json_t *f = json_array_get(features, i);
		json_t *props = json_object_get(f, "properties");
		json_t *coords = json_object_get(json_object_get(f, "geometry"), "coordinates");
		const char *title = text_of(a, props, "title");
		const char *address = text_of(a, props, "address");
		if (!title || !address) {
			rc = err_field(e, path, "%s: feature %zu has no title or address", path, i);
			break;
		}
		out->read++;
		const char *postcode = address_postcode(a, address);
		const char *folded = fold_title(a, title);
		bool held = false;
		for (size_t j = 0; j < out->count && !held; j++)
			held = same_venue(&out->venues[j], folded, postcode, a);
		if (held)
			continue;
		out->venues = arena_grow(a, out->venues, out->count, cap, sizeof *out->venues);
		struct warm_space *v = &out->venues[out->count++];
		*v = (struct warm_space){
			.key = arena_printf(a, "%s|%s", folded, postcode ? postcode : address),
			.title = title,
			.address = address,
			.postcode = postcode,
			.description = without_contacts(a, text_of(a, props, "description")),
			.opening = text_of(a, json_object_get(props, "hours"), "opening"),
			.checked_on = checked_on,
		};
		if (json_array_size(coords) == 2 && json_is_number(json_array_get(coords, 0)) &&
		    json_is_number(json_array_get(coords, 1))) {
			v->has_point = true;
			v->longitude = json_number_value(json_array_get(coords, 0));
			v->latitude = json_number_value(json_array_get(coords, 1));
		}
	}
	json_decref(root);
	return rc;
}

int warm_spaces_read(struct arena *a, const char *path_2026, const char *path_2023,
		     struct warm_spaces *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0;
	if (read_file(a, path_2026, SNAPSHOT_2026, out, &cap, e) < 0 ||
	    read_file(a, path_2023, SNAPSHOT_2023, out, &cap, e) < 0)
		return RESULT_INVALID;
	return RESULT_OK;
}

static bool has_word(const char *folded, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = folded; (p = strstr(p, word)); p++)
		if ((p == folded || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* The one term beyond "Warm spaces" a title makes obvious, or NULL. */
static const char *fitting_term(struct arena *a, const char *title)
{
	const char *t = fold_title(a, title);
	if (has_word(t, "library"))
		return TERM_LEARNING;
	static const char *const food[] = {"cafe", "caf", "food", "foodshare", "meet and eat",
					   "lunch", "kitchen", NULL};
	for (size_t i = 0; food[i]; i++)
		if (has_word(t, food[i]))
			return TERM_FOOD;
	static const char *const faith[] = {"church", "chapel", "quaker", "methodist",
					    "parish", "mosque", "temple", "synagogue", NULL};
	for (size_t i = 0; faith[i]; i++)
		if (has_word(t, faith[i]))
			return TERM_FAITH;
	return NULL;
}

/* A comma part of an address without its postcodes (a file may give one
 * twice, or in lower case) and its outer spaces; "" when nothing else. */
static const char *without_postcodes(struct arena *a, const char *part, size_t len)
{
	char *copy = arena_printf(a, "%.*s", (int)len, part);
	const char *words[64];
	size_t count = 0;
	for (char *p = copy; *p && count < 64;) {
		while (*p == ' ')
			*p++ = '\0';
		if (*p)
			words[count++] = p;
		while (*p && *p != ' ')
			p++;
	}
	struct sb out;
	sb_init(&out, a, len + 1);
	char normal[POSTCODE_SIZE];
	for (size_t i = 0; i < count; i++) {
		if (i + 1 < count &&
		    postcode_normalise(arena_printf(a, "%s %s", words[i], words[i + 1]), normal)) {
			i++;
			continue;
		}
		if (postcode_normalise(words[i], normal))
			continue;
		if (sb_str(&out)[0])
			sb_putc(&out, ' ');
		sb_puts(&out, words[i]);
	}
	return sb_str(&out);
}

/* Parts that say nothing a York address needs. */
static bool region_part(const char *part)
{
	static const char *const regions[] = {"north yorkshire", "england", "united kingdom",
					      "uk", NULL};
	for (size_t i = 0; regions[i]; i++)
		if (strcasecmp(part, regions[i]) == 0)
			return true;
	return false;
}

/* "Clifton Park, Shipton Rd": a street is not a town. */
static bool street_part(const char *part)
{
	static const char *const streets[] = {"road", "rd", "street", "lane", "avenue", "terrace",
					      "grove", "place", "crescent", "close", "way",
					      NULL};
	const char *last = strrchr(part, ' ');
	last = last ? last + 1 : part;
	for (size_t i = 0; streets[i]; i++)
		if (strcasecmp(last, streets[i]) == 0)
			return true;
	return false;
}

/* The files hold a whole address in one text ("20 Falsgrave Crescent,
 * Clifton, YO30 7AZ"); a place has the street part, the town and the
 * postcode apart, so the postcode is shown once.  The town is the last
 * part but the first with no digits (a typed-wrong postcode is not one)
 * and no street word, else York. */
static void split_address(struct arena *a, const char *address, const char **street,
			  const char **town)
{
	const char *parts[32];
	size_t count = 0;
	for (const char *p = address; *p && count < 32;) {
		size_t len = strcspn(p, ",");
		const char *part = without_postcodes(a, p, len);
		bool repeated = count && strcasecmp(parts[count - 1], part) == 0;
		if (*part && !region_part(part) && !repeated)
			parts[count++] = part;
		p += len + (p[len] == ',');
	}
	*town = "York";
	size_t at = count;
	for (size_t i = count; count > 1 && i-- > 1;)
		if (!strpbrk(parts[i], "0123456789") && !street_part(parts[i])) {
			at = i;
			*town = strcasecmp(parts[i], "york") == 0 ? "York" : parts[i];
			break;
		}
	struct sb out;
	sb_init(&out, a, strlen(address) + 1);
	for (size_t i = 0; i < count; i++)
		if (i != at)
			sb_printf(&out, "%s%s", sb_str(&out)[0] ? ", " : "", parts[i]);
	*street = sb_str(&out);
}

void warm_spaces_listing(struct arena *a, const struct lookup_context *ctx,
			 const struct warm_space *v, const char *source_id, struct listing *out)
{
	const char *key = v->key;
	struct hours_reading hours;
	hours_read(a, v->opening, &hours);
	for (size_t i = 0; i < hours.schedule_count; i++)
		hours.schedules[i].id = stable_uuid(a, arena_printf(a, "%s|schedule|%zu", key, i));

	/* The postcode places it when the lookup knows it; else the file's
	 * point does, the postcode kept as written. */
	struct community_location *place = arena_alloc(a, sizeof *place);
	const char *street, *town;
	split_address(a, v->address, &street, &town);
	*place = (struct community_location){
		.id = stable_uuid(a, arena_printf(a, "%s|location", key)),
		.service_at_location_id = stable_uuid(a, arena_printf(a, "%s|at", key)),
		.location_type = "physical",
		.name = v->title,
		.address_1 = street,
		.city = town,
		.postal_code = v->postcode,
	};
	struct lookup_result r;
	struct err ignored = {0};
	if (!v->postcode || lookup_postcode(ctx, a, v->postcode, &r, &ignored) != RESULT_OK) {
		place->has_point = v->has_point;
		place->latitude = v->latitude;
		place->longitude = v->longitude;
	}

	struct community_term_ref *terms = arena_alloc(a, 2 * sizeof *terms);
	size_t term_count = 0;
	terms[term_count++] = (struct community_term_ref){
		.attribute_id = stable_uuid(a, arena_printf(a, "%s|term|warm", key)),
		.term_id = TERM_WARM_SPACES};
	const char *extra = fitting_term(a, v->title);
	if (extra)
		terms[term_count++] = (struct community_term_ref){
			.attribute_id = stable_uuid(a, arena_printf(a, "%s|term|%s", key, extra)),
			.term_id = extra};

	const char *folded_description = v->description ? fold_title(a, v->description) : "";
	*out = (struct listing){
		.id = stable_uuid(a, key),
		.name = v->title,
		.description = v->description,
		.free = has_word(folded_description, "free") ? 1 : -1,
		.minimum_age = -1,
		.maximum_age = -1,
		.source_id = source_id,
		.checked_on = v->checked_on,
		.checked_by_name = WARM_SPACES_SOURCE,
		.review_reason = hours.review_reason,
		.organization = {.id = stable_uuid(a, arena_printf(a, "%s|organization", key)),
				 .name = v->title,
				 .description = v->description ? v->description : ""},
		.locations = place,
		.location_count = 1,
		.schedules = hours.schedules,
		.schedule_count = hours.schedule_count,
		.terms = terms,
		.term_count = term_count,
	};
}

/* What the import would write for a venue, in short: equal on two runs
 * exactly when the listing would be the same. */
static const char *fingerprint(struct arena *a, const struct warm_space *v)
{
	const char *all = arena_printf(a, "%s\n%s\n%s\n%s\n%s\n%s\n%s\n%d:%.7f,%.7f", IMPORT_RULES,
				       v->title, v->address, v->postcode ? v->postcode : "",
				       v->description ? v->description : "",
				       v->opening ? v->opening : "", v->checked_on, v->has_point,
				       v->latitude, v->longitude);
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(all, hash);
	return arena_printf(a, NOTE_PREFIX "%.16s", hash);
}

static int save_source(struct db_conn *c, struct arena *a, const char **id, struct err *e)
{
	*id = stable_uuid(a, WARM_SPACES_SOURCE);
	char now[32];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(*id), DB_TEXT(WARM_SPACES_SOURCE),
			       DB_TEXT(SOURCE_ATTRIBUTION), DB_TEXT("CC BY 4.0"),
			       DB_TEXT("https://open-innovations.github.io/warm-spaces/"),
			       DB_TEXT(now)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "INSERT INTO community_sources (id, name, attribution, licence, url,"
			  " contacts_public, demo, created_at) VALUES ($1, $2, $3, $4, $5, 0, 0, $6)"
			  " ON CONFLICT (name) DO UPDATE SET attribution = excluded.attribution,"
			  " licence = excluded.licence, url = excluded.url, contacts_public = 0"
			  " RETURNING id",
			  p, &rows, e);
	if (rc == RESULT_OK && rows.row_count == 1)
		*id = db_cell(&rows, 0, 0);
	/* Copies in memory carry the source's attribution with each listing:
	 * a new text reaches them only through the directory's generation. */
	if (rc == RESULT_OK && db_generation_bump(c, DB_GENERATION_DIRECTORY, e) < 0)
		rc = RESULT_FAILED;
	return rc;
}

/* The listing's version and the note of its newest version; 0 and NULL
 * when it is not held. */
static int held(struct db_conn *c, struct arena *a, const char *id, long *version,
		const char **note, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT s.version, v.note FROM community_services s"
			  " LEFT JOIN community_service_versions v"
			  " ON v.service_id = s.id AND v.version = s.version WHERE s.id = $1",
			  p, &rows, e);
	*version = 0;
	*note = NULL;
	if (rc == RESULT_OK && rows.row_count) {
		*version = strtol(db_cell(&rows, 0, 0), NULL, 10);
		*note = db_cell(&rows, 0, 1);
	}
	return rc;
}

int warm_spaces_import(struct db *db, const struct caller *who,
		       const struct lookup_context *ctx, const struct warm_spaces *w,
		       struct arena *a, struct warm_spaces_result *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (who->kind != CALLER_CLI)
		return err_result(e, RESULT_FORBIDDEN, "Only the command line imports warm spaces");
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *source_id = NULL;
	int rc = save_source(c, a, &source_id, e);
	for (size_t i = 0; rc == RESULT_OK && i < w->count; i++) {
		struct listing l;
		warm_spaces_listing(a, ctx, &w->venues[i], source_id, &l);
		l.note = fingerprint(a, &w->venues[i]);
		const char *note;
		rc = held(c, a, l.id, &l.version, &note, e);
		if (rc < 0)
			break;
		if (l.version && note && strcmp(note, l.note) == 0) {
			out->unchanged++;
			continue;
		}
		if (l.version && (!note || strncmp(note, NOTE_PREFIX, strlen(NOTE_PREFIX)) != 0)) {
			out->kept_staff++;
			continue;
		}
		struct err le = {0};
		rc = listing_save_on(c, who, ctx, &l, a, NULL, NULL, &le);
		if (rc < 0) {
			err_copy(e, &le);
			err_set(e, "%s: %s%s%s", w->venues[i].title, le.msg,
				le.field_count ? " at " : "", le.field_count ? le.fields[0].path : "");
			break;
		}
		if (l.version)
			out->updated++;
		else
			out->created++;
	}
	struct audit_entry entry = {"import", "directory", source_id, NULL, NULL, NULL};
	rc = audit_commit(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		memset(out, 0, sizeof *out);
	return rc;
}
