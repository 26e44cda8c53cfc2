/* Reading and checking the texts a council edits (web/texts.h). */
#include "web/texts.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "core/sb.h"
#include "core/utf8.h"
#include "domain/council/council.h"
#include "web/markdown.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEXT_MAX_BYTES (64 * 1024)

static const char *const file_names[TEXT_PAGE_COUNT] = {
	[TEXT_PRIVACY] = "privacy.md",
	[TEXT_ACCESSIBILITY] = "accessibility.md",
	[TEXT_COOKIES] = "cookies.md",
};

/* Placeholders every text may use, besides council.* and page.*. */
static const char *const fixed_names[] = {
	"service.name", "service.url", "cookies.session", "cookies.csrf",
	"session.lifetime", "session.idle",
};

const char *texts_file_name(enum text_page which)
{
	return file_names[which];
}

static bool is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

bool texts_placeholder_known(const struct text *t, const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof fixed_names / sizeof *fixed_names; i++)
		if (is(name, len, fixed_names[i]))
			return true;
	if (len > 8 && memcmp(name, "council.", 8) == 0) {
		for (size_t i = 0; i < council_key_count; i++)
			if (strcmp(council_keys[i], "outside_cover") != 0 &&
			    is(name + 8, len - 8, council_keys[i]))
				return true;
		return false;
	}
	return (is(name, len, "page.prepared") && t->has_prepared) ||
	       (is(name, len, "page.reviewed") && t->has_reviewed) ||
	       (is(name, len, "page.updated") && t->has_updated);
}

/* The file at path, whole, NUL-terminated, into a: -1 with errno's
 * reason, or a size or encoding problem, in e. */
static int read_file(struct arena *a, const char *path, char **out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, "%s: %s", path, strerror(errno));
	char *buf = arena_alloc(a, TEXT_MAX_BYTES + 1);
	size_t n = fread(buf, 1, TEXT_MAX_BYTES + 1, f);
	int failed = ferror(f);
	fclose(f);
	if (failed)
		return err_set(e, "%s: read error", path);
	if (n > TEXT_MAX_BYTES)
		return err_set(e, "%s: longer than %d bytes", path, TEXT_MAX_BYTES);
	buf[n] = '\0';
	if (memchr(buf, '\0', n) || !utf8_valid(buf, n))
		return err_set(e, "%s: not UTF-8 text", path);
	*out = buf;
	return 0;
}

/* The front matter's "key: YYYY-MM-DD" line into t. */
static int front_matter_line(struct text *t, const char *line, size_t len, int number,
			     struct err *e)
{
	static const char *const keys[] = {"prepared", "reviewed", "updated"};
	struct date *dates[] = {&t->prepared, &t->reviewed, &t->updated};
	bool *set[] = {&t->has_prepared, &t->has_reviewed, &t->has_updated};
	const char *colon = memchr(line, ':', len);
	for (size_t i = 0; colon && i < 3; i++) {
		if (!is(line, (size_t)(colon - line), keys[i]))
			continue;
		const char *v = colon + 1;
		while (*v == ' ')
			v++;
		char date[11];
		size_t vlen = (size_t)(line + len - v);
		while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\r'))
			vlen--;
		if (vlen != 10)
			break;
		memcpy(date, v, 10);
		date[10] = '\0';
		if (!date_parse(date, dates[i]))
			break;
		*set[i] = true;
		return 0;
	}
	return err_set(e, "%s:%d: the front matter holds prepared:, reviewed: and updated:, "
			  "each a date such as 2026-12-02", t->file, number);
}

/* Splits the file into front matter, title and body. */
static int parse(struct arena *a, struct text *t, char *src, struct err *e)
{
	int number = 1;
	char *p = src;
	if (strncmp(p, "---\n", 4) == 0 || strncmp(p, "---\r\n", 5) == 0) {
		p = strchr(p, '\n') + 1;
		for (number = 2;; number++) {
			size_t len = strcspn(p, "\n");
			if (!p[len] && !len)
				return err_set(e, "%s: the front matter has no closing ---", t->file);
			if (strncmp(p, "---", 3) == 0 && (len == 3 || (len == 4 && p[3] == '\r'))) {
				p += len + (p[len] ? 1 : 0);
				number++;
				break;
			}
			if (len && front_matter_line(t, p, len, number, e) < 0)
				return -1;
			p += len + (p[len] ? 1 : 0);
		}
	}
	while (*p == '\n' || *p == '\r') {
		if (*p == '\n')
			number++;
		p++;
	}
	size_t len = strcspn(p, "\r\n");
	if (strncmp(p, "# ", 2) != 0 || strcspn(p, "{}[]*\\") < len || len < 3)
		return err_set(e, "%s:%d: the text starts with its title, a line \"# Title\" in "
				  "plain words", t->file, number);
	t->title = arena_strndup(a, p + 2, len - 2);
	t->body = p;
	t->first_line = number;
	return 0;
}

static const char *probe(void *ctx, const char *name, size_t len)
{
	return texts_placeholder_known(ctx, name, len) ? "probe" : NULL;
}

/* Reads one text from path and checks it renders. */
static int load_one(struct arena *a, const char *path, struct text *t, struct err *e)
{
	char *src = NULL;
	t->file = arena_strdup(a, path);
	if (read_file(a, path, &src, e) < 0 || parse(a, t, src, e) < 0)
		return -1;
	struct arena *scratch = arena_new();
	struct sb out;
	sb_init(&out, scratch, TEXT_MAX_BYTES * 8);
	struct err why;
	int rc = markdown_render(&out, t->body, t->first_line, probe, t, &why);
	arena_free(scratch);
	if (rc < 0)
		return err_set(e, "%s: %s", path, why.msg);
	return 0;
}

/* Names in the council's folder that replace no default: a misspelling
 * would otherwise leave the default showing, unnoticed. */
static int warn_strangers(const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, "texts-dir %s: %s", dir, strerror(errno));
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		bool known = false;
		for (int i = 0; i < TEXT_PAGE_COUNT; i++)
			known = known || strcmp(ent->d_name, file_names[i]) == 0;
		if (!known)
			log_warn("texts-dir %s: %s is not one of privacy.md, accessibility.md, "
				 "cookies.md, and is not shown", dir, ent->d_name);
	}
	closedir(d);
	return 0;
}

int texts_load(const char *defaults_dir, const char *council_dir, struct texts **out,
	       struct err *e)
{
	struct texts *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->arena = arena_new();
	if (*council_dir && warn_strangers(council_dir, e) < 0)
		goto fail;
	for (int i = 0; i < TEXT_PAGE_COUNT; i++) {
		const char *path = NULL;
		if (*council_dir) {
			path = arena_printf(t->arena, "%s/%s", council_dir, file_names[i]);
			if (access(path, F_OK) != 0 && errno == ENOENT)
				path = NULL;
		}
		if (!path)
			path = arena_printf(t->arena, "%s/%s", defaults_dir, file_names[i]);
		if (load_one(t->arena, path, &t->page[i], e) < 0)
			goto fail;
		log_info("texts: %s from %s", file_names[i], path);
	}
	*out = t;
	return 0;
fail:
	texts_free(t);
	return -1;
}

void texts_free(struct texts *t)
{
	if (!t)
		return;
	arena_free(t->arena);
	free(t);
}
