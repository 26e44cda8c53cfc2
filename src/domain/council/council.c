#include "domain/council/council.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/err.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

/* Stored in the settings table as "council.<key>", apart from the
 * installation's own facts (instance_id) kept there too. */
#define STORED_PREFIX "council."

enum value_kind { PLAIN, PHONE, EMAIL, URL, RULE };

static const struct key_info {
	const char *key;
	const char *label;
	enum value_kind kind;
	size_t offset;
} keys[] = {
	{"name", "The council's name", PLAIN, offsetof(struct council, name)},
	{"phone", "The council's general phone number", PHONE, offsetof(struct council, phone)},
	{"email", "The council's general email address", EMAIL, offsetof(struct council, email)},
	{"website", "The council's website", URL, offsetof(struct council, website)},
	{"adult_social_care_phone", "Adult social care's phone number", PHONE,
	 offsetof(struct council, adult_social_care_phone)},
	{"adult_social_care_url", "Adult social care's web page", URL,
	 offsetof(struct council, adult_social_care_url)},
	{"dpo_name", "The data protection officer", PLAIN, offsetof(struct council, dpo_name)},
	{"dpo_email", "The data protection officer's email address", EMAIL,
	 offsetof(struct council, dpo_email)},
	{"dpo_address", "The data protection officer's postal address", PLAIN,
	 offsetof(struct council, dpo_address)},
	{"outside_cover", "Introductions from outside every covered area", RULE, 0},
	{"team_name", "The central team's name", PLAIN, offsetof(struct council, team_name)},
	{"team_email", "The central team's email address", EMAIL,
	 offsetof(struct council, team_email)},
	{"team_phone", "The central team's phone number", PHONE,
	 offsetof(struct council, team_phone)},
};

#define KEY_COUNT (sizeof keys / sizeof keys[0])

const char *const council_keys[] = {
	"name", "phone", "email", "website", "adult_social_care_phone",
	"adult_social_care_url", "dpo_name", "dpo_email", "dpo_address",
	"outside_cover", "team_name", "team_email", "team_phone",
};
const size_t council_key_count = sizeof council_keys / sizeof council_keys[0];

_Static_assert(sizeof council_keys / sizeof council_keys[0] == KEY_COUNT,
	       "council_keys lists every key");

static const struct key_info *find_key(const char *key)
{
	for (size_t i = 0; key && i < KEY_COUNT; i++)
		if (strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

static const char **field_of(struct council *s, const struct key_info *k)
{
	return (const char **)((char *)s + k->offset);
}

const char *council_key_label(const char *key)
{
	const struct key_info *k = find_key(key);
	return k ? k->label : NULL;
}

static const char *const rule_names[] = {"nearest", "team", "none"};

const char *council_outside_cover_name(enum council_outside_cover rule)
{
	return rule_names[rule];
}

int council_outside_cover_parse(const char *word, enum council_outside_cover *out)
{
	for (size_t i = 0; word && i < sizeof rule_names / sizeof rule_names[0]; i++)
		if (strcmp(word, rule_names[i]) == 0) {
			*out = (enum council_outside_cover)i;
			return 0;
		}
	return -1;
}

const char *council_value(const struct council *s, const char *key)
{
	const struct key_info *k = find_key(key);
	if (!k)
		return NULL;
	if (k->kind == RULE)
		return council_outside_cover_name(s->outside_cover);
	return *field_of((struct council *)s, k);
}

/* Fills out from the stored rows; an unknown or unreadable stored value
 * is left at its default, so an older binary reads a newer database. */
static void fill(struct council *out, const struct db_rows *rows)
{
	*out = (struct council){0};
	for (size_t i = 0; i < KEY_COUNT; i++)
		if (keys[i].kind != RULE)
			*field_of(out, &keys[i]) = "";
	for (size_t r = 0; r < rows->row_count; r++) {
		const char *stored = db_cell(rows, r, 0), *value = db_cell(rows, r, 1);
		if (strncmp(stored, STORED_PREFIX, strlen(STORED_PREFIX)) != 0)
			continue;
		const struct key_info *k = find_key(stored + strlen(STORED_PREFIX));
		if (!k)
			continue;
		if (k->kind == RULE)
			(void)council_outside_cover_parse(value, &out->outside_cover);
		else
			*field_of(out, k) = value;
	}
}

int council_read_on(struct db_conn *c, struct arena *a, struct council *out, struct err *e)
{
	struct db_rows rows;
	/* The table holds a handful of rows: reading them all is cheaper than
	 * any pattern, and binds nothing. */
	if (db_query_plain(c, a, "SELECT key, value FROM settings", &rows, e) < 0)
		return RESULT_FAILED;
	fill(out, &rows);
	return RESULT_OK;
}

int council_read(struct db *db, struct arena *a, struct council *out, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = council_read_on(c, a, out, e);
	db_release(c);
	return rc;
}

/* A field error under the key for a value that kind does not take. */
static void check_value(const struct key_info *k, const char *value, struct err *e)
{
	/* "" clears any setting but the rule, which always has one of its words. */
	if (!*value) {
		if (k->kind == RULE)
			err_field(e, k->key, "%s must be nearest, team or none", k->label);
		return;
	}
	if (!utf8_text_ok(value, COUNCIL_VALUE_MAX, false)) {
		err_field(e, k->key, "%s must be text of at most %d characters, on one line",
			  k->label, COUNCIL_VALUE_MAX);
		return;
	}
	enum council_outside_cover rule;
	switch (k->kind) {
	case PHONE:
		if (!contact_phone_ok(value))
			err_field(e, k->key, "%s must be a UK phone number, like 01904 551550",
				  k->label);
		break;
	case EMAIL:
		if (!contact_email_ok(value))
			err_field(e, k->key, "%s must be an email address, like name@example.org",
				  k->label);
		break;
	case URL:
		if (strncmp(value, "https://", 8) != 0 || !value[8] || strpbrk(value, " \"<>"))
			err_field(e, k->key, "%s must be a web address starting https://",
				  k->label);
		break;
	case RULE:
		if (council_outside_cover_parse(value, &rule) < 0)
			err_field(e, k->key, "%s must be nearest, team or none", k->label);
		break;
	case PLAIN:
		break;
	}
}

static void check_changes(const struct council_change *changes, size_t count, struct err *e)
{
	for (size_t i = 0; i < count; i++) {
		const struct key_info *k = find_key(changes[i].key);
		bool again = false;
		for (size_t j = 0; k && j < i; j++)
			again |= strcmp(changes[j].key, k->key) == 0;
		if (again)
			err_field(e, k->key, "%s is given twice", k->label);
		else if (!k)
			err_field(e, changes[i].key ? changes[i].key : "", "%s is not a council setting",
				  changes[i].key ? changes[i].key : "(none)");
		else
			check_value(k, changes[i].value, e);
	}
}

/* The keys given, before or after, as {"key": value}: "" is left out. */
static json_t *values_json(const struct council *s, const struct council_change *changes,
			   size_t count, bool after)
{
	json_t *o = json_object();
	for (size_t i = 0; i < count; i++) {
		const char *v = after ? changes[i].value : council_value(s, changes[i].key);
		if (v && *v)
			json_object_set_new(o, changes[i].key, json_string(v));
	}
	return o;
}

static const char *changes_text(struct arena *a, const struct council *before,
				const struct council_change *changes, size_t count)
{
	return audit_changes_text(a, values_json(before, changes, count, false),
				  values_json(before, changes, count, true));
}

static int write_changes(struct db_conn *c, struct arena *a,
			 const struct council_change *changes, size_t count, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	for (size_t i = 0; i < count; i++) {
		const char *stored = arena_printf(a, STORED_PREFIX "%s", changes[i].key);
		struct db_param p[] = {DB_TEXT(stored), DB_TEXT(changes[i].value), DB_TEXT(now)};
		if (db_query(c, a,
			     "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)"
			     " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
			     " updated_at = excluded.updated_at",
			     p, NULL, e) < 0)
			return RESULT_FAILED;
	}
	return RESULT_OK;
}

int council_set(struct db *db, const struct caller *who,
		const struct council_change *given, size_t count, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	/* The spaces around a pasted value are not part of it; NULL is "". */
	struct council_change *changes = arena_alloc(a, (count + 1) * sizeof *changes);
	for (size_t i = 0; i < count; i++)
		changes[i] = (struct council_change){
			given[i].key, given[i].value ? arena_strdup_trimmed(a, given[i].value) : ""};
	int rc = RESULT_OK;
	if (!user_administers(who))
		rc = err_result(e, RESULT_FORBIDDEN,
				"only an administrator changes the council's settings");
	if (rc == RESULT_OK) {
		check_changes(changes, count, e);
		rc = err_invalid_if_any(e);
	}
	struct council before;
	if (rc == RESULT_OK)
		rc = council_read_on(c, a, &before, e);
	/* Only what changes is written and audited: a form sends every key. */
	size_t changed_count = 0;
	struct council_change *changed = arena_alloc(a, (count + 1) * sizeof *changed);
	for (size_t i = 0; rc == RESULT_OK && i < count; i++)
		if (strcmp(council_value(&before, changes[i].key), changes[i].value) != 0)
			changed[changed_count++] = changes[i];
	if (rc == RESULT_OK && changed_count == 0) {
		db_rollback(c);
		db_release(c);
		arena_free(a);
		return RESULT_OK;
	}
	if (rc == RESULT_OK)
		rc = write_changes(c, a, changed, changed_count, e);
	struct audit_entry entry = {
		"council_set", "council", NULL, NULL, NULL,
		rc == RESULT_OK ? changes_text(a, &before, changed, changed_count) : NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}
