/* Likely matches: the person about to be logged may be known already. */
#include "domain/people/person.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/people/tags.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "geo/postcode.h"

#include <ctype.h>
#include <string.h>

/* A phone number's digits, a UK number's +44 read as its 0: NULL when
 * there are too few to mean anything. */
static const char *phone_digits(struct arena *a, const char *phone)
{
	if (!phone)
		return NULL;
	char *d = arena_alloc(a, strlen(phone) + 2);
	size_t n = 0;
	for (const char *p = phone; *p; p++)
		if (isdigit((unsigned char)*p))
			d[n++] = *p;
	d[n] = '\0';
	if (n == 12 && strncmp(d, "44", 2) == 0) {
		d[1] = '0';
		d++;
		n--;
	}
	return n >= 10 ? d : NULL;
}

static const char *email_folded(struct arena *a, const char *email)
{
	if (!email)
		return NULL;
	const char *key = tags_key(a, email);
	return *key ? key : NULL;
}

static const char *postcode_folded(struct arena *a, const char *postcode)
{
	char normal[POSTCODE_SIZE];
	return postcode && postcode_normalise(postcode, normal) ? arena_strdup(a, normal) : NULL;
}

/* Why the row matches what was asked, or NULL. */
static const char *why(struct arena *a, const struct db_rows *rows, size_t r, const char *name,
		       const char *postcode, const char *phone, const char *email)
{
	const char *their_phone = phone_digits(a, db_cell(rows, r, 5));
	const char *their_email = email_folded(a, db_cell(rows, r, 6));
	const char *their_postcode = postcode_folded(a, db_cell(rows, r, 3));
	/* Names are compared as tags are: case and spacing aside. */
	if (name && postcode && their_postcode && strcmp(postcode, their_postcode) == 0 &&
	    strcmp(name, tags_key(a, db_cell(rows, r, 1))) == 0)
		return "same name and postcode";
	if (phone && their_phone && strcmp(phone, their_phone) == 0)
		return "same phone";
	if (email && their_email && strcmp(email, their_email) == 0)
		return "same email";
	return NULL;
}

int person_matches(struct db *db, const struct caller *who, const char *name,
		   const char *postcode, const char *phone, const char *email,
		   struct arena *a, struct person_match **out, size_t *count, struct err *e)
{
	*count = 0;
	const char **areas;
	size_t area_count = access_casework_areas(who, a, &areas);
	const char *name_key = name ? tags_key(a, name) : NULL;
	const char *postcode_key = postcode_folded(a, postcode);
	const char *phone_key = phone_digits(a, phone), *email_key = email_folded(a, email);
	bool asked = (name_key && *name_key && postcode_key) || phone_key || email_key;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct person_match *all = arena_alloc(a, sizeof *all);
	int rc = RESULT_OK;
	/* One query per area in reach, as for introductions: a handful. */
	for (size_t i = 0; asked && rc == 0 && i < area_count; i++) {
		struct db_param p[] = {DB_TEXT(areas[i])};
		struct db_rows rows;
		rc = db_query(c, a,
			      "SELECT id, name, preferred_name, postcode, area_id, phone, email"
			      " FROM people WHERE area_id = $1 ORDER BY name, id",
			      p, &rows, e);
		for (size_t r = 0; rc == 0 && r < rows.row_count; r++) {
			const char *because =
				why(a, &rows, r, name_key, postcode_key, phone_key, email_key);
			if (!because)
				continue;
			struct person_match *grown = arena_alloc(a, (*count + 2) * sizeof *grown);
			memcpy(grown, all, *count * sizeof *grown);
			grown[(*count)++] = (struct person_match){
				db_cell(&rows, r, 0), db_cell(&rows, r, 1), db_cell(&rows, r, 2),
				db_cell(&rows, r, 3), db_cell(&rows, r, 4), because};
			all = grown;
			struct audit_entry matched = {"match", "person", db_cell(&rows, r, 0),
						      areas[i], NULL, NULL};
			rc = audit_write(c, who, &matched, e);
		}
	}
	struct audit_entry searched = {"search", "person", NULL, NULL, NULL, NULL};
	if (rc == 0)
		rc = audit_write(c, who, &searched, e);
	db_release(c);
	*out = all;
	if (rc < 0)
		*count = 0;
	return rc;
}
