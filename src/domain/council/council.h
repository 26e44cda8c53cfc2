#ifndef ALONGSIDE_DOMAIN_COUNCIL_H
#define ALONGSIDE_DOMAIN_COUNCIL_H

#include <stddef.h>

#include "domain/staff/caller.h"

struct arena;
struct db;
struct db_conn;
struct err;

/*
 * The council's settings: who runs the programme and how to reach them,
 * and the programme's rule for someone who lives outside every covered
 * area.  One set for the installation, held in the settings table
 * (schema/001) under the keys below, so every instance sharing the
 * database says the same thing.  Every page, email and API answer that
 * names the council, a phone number to call instead, the data protection
 * officer or what happens outside cover takes it from here: nothing of it
 * is compiled into a page.
 *
 * A setting never set reads as "" (COUNCIL_OUTSIDE_NEAREST for the rule):
 * a page leaves out a line it has nothing for, rather than printing a
 * placeholder.
 *
 * The outside-cover rule (key "outside_cover"):
 *   nearest  an introduction from outside every covered area goes to the
 *            nearest covered area's coordinator, flagged, who decides
 *            (the default, and the behaviour before the setting existed);
 *   team     it goes to the programme's central team (team_name,
 *            team_email, team_phone), who answer it;
 *   none     no introduction is taken from outside cover: the person is
 *            pointed to the council's general and adult social care
 *            contacts instead.
 *
 * council_set changes any number of keys at once: the command line or an
 * administrator (user_administers).  Each value is
 * checked (phones as core/contact.h has them, emails, https URLs, the
 * rule's three words, no control characters, at most COUNCIL_VALUE_MAX
 * characters) after the spaces around it are trimmed; "" (or NULL) clears
 * a setting; a key given twice is refused.  Only the keys whose value
 * changes are written, and audited ("council_set", with their before and
 * after: these are public facts, shown on public pages) in the
 * transaction of the change; when none changes nothing is written and
 * nothing audited.
 *
 * Results (core/err.h): RESULT_INVALID with a field error named by the key
 * for every bad value or unknown key, nothing written; RESULT_FORBIDDEN
 * (audited as refused); RESULT_FAILED.
 */

#define COUNCIL_VALUE_MAX 500  /* characters */

enum council_outside_cover {
	COUNCIL_OUTSIDE_NEAREST,
	COUNCIL_OUTSIDE_TEAM,
	COUNCIL_OUTSIDE_NONE,
};

struct council {
	const char *name;                   /* "City of York Council" */
	const char *phone;                  /* the council's general number */
	const char *email;                  /* its general address */
	const char *website;                /* https://... */
	const char *adult_social_care_phone;
	const char *adult_social_care_url;  /* https://...: how to ask for help */
	const char *dpo_name;               /* the data protection officer */
	const char *dpo_email;
	const char *dpo_address;            /* postal, lines separated by ", " */
	enum council_outside_cover outside_cover;
	const char *team_name;              /* the central team, for "team" */
	const char *team_email;
	const char *team_phone;
};

/* The keys, in the order a page lists them: "name", "phone", "email",
 * "website", "adult_social_care_phone", "adult_social_care_url",
 * "dpo_name", "dpo_email", "dpo_address", "outside_cover", "team_name",
 * "team_email", "team_phone". */
extern const char *const council_keys[];
extern const size_t council_key_count;

/* What each key means, for a form's label and the command line's help. */
const char *council_key_label(const char *key);

/* The settings as they are now, strings in a. */
int council_read(struct db *db, struct arena *a, struct council *out, struct err *e);

/* The same on c, inside the caller's transaction. */
int council_read_on(struct db_conn *c, struct arena *a, struct council *out,
		    struct err *e);

/* One key's value as text ("nearest" for the rule), or NULL for an
 * unknown key. */
const char *council_value(const struct council *s, const char *key);

/* "nearest", "team", "none"; and back: -1 for another word. */
const char *council_outside_cover_name(enum council_outside_cover rule);
int council_outside_cover_parse(const char *word, enum council_outside_cover *out);

struct council_change {
	const char *key;
	const char *value;   /* "" or NULL clears */
};

int council_set(struct db *db, const struct caller *who,
		const struct council_change *changes, size_t count, struct err *e);

#endif
