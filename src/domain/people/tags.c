#include "domain/people/tags.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/people/person.h"
#include "domain/staff/caller.h"

#include <ctype.h>
#include <string.h>

const char *tags_key(struct arena *a, const char *name)
{
	size_t len = strlen(name);
	char *key = arena_alloc(a, len + 1);
	size_t n = 0;
	bool space = false;
	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (isspace(ch)) {
			space = n > 0;
			continue;
		}
		if (space)
			key[n++] = ' ';
		space = false;
		key[n++] = (char)(ch < 128 ? tolower(ch) : ch);
	}
	key[n] = '\0';
	return key;
}

void tags_check(const char *const *names, size_t count, struct err *e)
{
	if (count > PERSON_TAGS_MAX) {
		err_field(e, "tags", "Up to %d tags: choose the ones that say most",
			  PERSON_TAGS_MAX);
		return;
	}
	for (size_t i = 0; i < count; i++)
		if (!names[i] || !utf8_text_ok(names[i], TAG_NAME_MAX, false) ||
		    strspn(names[i], " \t") == strlen(names[i])) {
			err_field(e, "tags", "Each tag is a word or a few, up to %d characters",
				  TAG_NAME_MAX);
			return;
		}
}

/* The tag's id, adding it to the list when no tag has its key. */
static int tag_id(struct db_conn *c, const struct caller *who, const char *name,
		  const char *key, struct arena *a, const char **id, struct err *e)
{
	char new_id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(new_id);
	clock_utc_iso8601(now, sizeof now);
	const char *by = caller_user_id(who);
	struct db_param p[] = {DB_TEXT(new_id), DB_TEXT(name), DB_TEXT(key),
			       DB_TEXT(by), DB_TEXT(now)};
	if (db_query(c, a,
		     "INSERT INTO tags (id, name, key, created_by, created_at)"
		     " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING",
		     p, NULL, e) < 0)
		return RESULT_FAILED;
	struct db_param k[] = {DB_TEXT(key)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT id FROM tags WHERE key = $1", k, &rows, e) < 0)
		return RESULT_FAILED;
	*id = db_cell(&rows, 0, 0);
	return RESULT_OK;
}

int tags_set_on(struct db_conn *c, const struct caller *who, const char *person_id,
		const char *const *names, size_t count, struct arena *a, struct err *e)
{
	struct db_param person[] = {DB_TEXT(person_id)};
	if (db_query(c, a, "DELETE FROM person_tags WHERE person_id = $1", person, NULL, e) < 0)
		return RESULT_FAILED;
	const char **keys = arena_alloc(a, (count + 1) * sizeof *keys);
	for (size_t i = 0; i < count; i++) {
		keys[i] = tags_key(a, names[i]);
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(keys[i], keys[j]) == 0;
		if (seen)
			continue;
		/* The name as typed, without the space around it. */
		const char *name = names[i] + strspn(names[i], " \t");
		size_t len = strlen(name);
		while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
			len--;
		const char *id;
		if (tag_id(c, who, arena_strndup(a, name, len), keys[i], a, &id, e) < 0)
			return RESULT_FAILED;
		struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(id)};
		if (db_query(c, a, "INSERT INTO person_tags (person_id, tag_id) VALUES ($1, $2)", p,
			     NULL, e) < 0)
			return RESULT_FAILED;
	}
	return RESULT_OK;
}

static void names_of(const struct db_rows *rows, struct arena *a, const char ***names,
		     size_t *count)
{
	*count = rows->row_count;
	*names = arena_alloc(a, (rows->row_count + 1) * sizeof **names);
	for (size_t i = 0; i < rows->row_count; i++)
		(*names)[i] = db_cell(rows, i, 0);
}

int tags_of_on(struct db_conn *c, const char *person_id, struct arena *a, const char ***names,
	       size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
		     " WHERE pt.person_id = $1 ORDER BY t.key",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	names_of(&rows, a, names, count);
	return RESULT_OK;
}

int person_tag_list(struct db *db, struct arena *a, const char ***names, size_t *count,
		    struct err *e)
{
	struct db_rows rows;
	if (db_run_plain(db, a, "SELECT name FROM tags ORDER BY key", &rows, e) < 0)
		return RESULT_FAILED;
	names_of(&rows, a, names, count);
	return RESULT_OK;
}
