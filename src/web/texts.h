#ifndef ALONGSIDE_WEB_TEXTS_H
#define ALONGSIDE_WEB_TEXTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

struct arena;
struct err;

/*
 * The texts a council edits: the privacy notice, the accessibility
 * statement and the cookies page, pages every UK public service has and
 * whose words are the council's, not ours.  Each is a file in the small
 * Markdown subset of web/markdown.h:
 *
 *   privacy.md, accessibility.md, cookies.md
 *
 * Alongside ships sensible defaults in the folder default-texts names
 * (core/config.h; the repository's texts/).  A file of the same name in
 * the folder texts-dir names replaces the default whole; a missing one
 * leaves the default.  Nothing of them is compiled in.
 *
 * A file may start with front matter, dates as YYYY-MM-DD:
 *
 *   ---
 *   prepared: 2026-12-02
 *   reviewed: 2026-12-02
 *   updated: 2026-12-02
 *   ---
 *
 * then its first line is "# " and the page's title, in plain words.  The
 * text may use these placeholders, filled in on every request (a block
 * holding one with no value is left out, as web/markdown.h says):
 *
 *   {council.name} ("the council" when unset), {council.phone},
 *   {council.email}, {council.website}, {council.dpo_name},
 *   {council.dpo_email}, {council.dpo_address}, and every other key of
 *   domain/council/council.h but outside_cover;
 *   {service.name}, {service.url} (public-url; "this address" when it is
 *   the built-in default, which names this machine only);
 *   {cookies.session}, {cookies.csrf}: the cookies' names as set (with
 *   __Host- over TLS); {session.lifetime}, {session.idle}: "12 hours";
 *   {page.prepared}, {page.reviewed}, {page.updated}: the front matter's
 *   dates, "2 December 2026".
 *
 * The files are read once, when `alongside serve` starts (a changed text
 * shows after a restart), and each is checked then: a file that cannot
 * be read, is not UTF-8, breaks the grammar, names an unknown placeholder
 * or a page.* date its front matter lacks, is a start-up error naming the
 * file and line, so a mistake never reaches a visitor.  A texts-dir that
 * is not a readable folder is one too; a file there with another name
 * (a misspelt privcy.md) is logged as a warning.
 */

enum text_page { TEXT_PRIVACY, TEXT_ACCESSIBILITY, TEXT_COOKIES, TEXT_PAGE_COUNT };

struct text {
	const char *file;   /* the path it was read from */
	const char *title;  /* plain words, for <title> */
	const char *body;   /* from the title's line on */
	int first_line;     /* the body's first line's number in the file */
	struct date prepared, reviewed, updated;
	bool has_prepared, has_reviewed, has_updated;
};

struct texts {
	struct text page[TEXT_PAGE_COUNT];
	struct arena *arena;  /* holds them */
};

/* Reads and checks the three texts; council_dir may be "" (defaults
 * only).  *out is the caller's, freed with texts_free. */
int texts_load(const char *defaults_dir, const char *council_dir, struct texts **out,
	       struct err *e);

void texts_free(struct texts *t);

/* "privacy.md", ... */
const char *texts_file_name(enum text_page which);

/* Whether name is a placeholder texts may use, for a text with t's
 * front matter. */
bool texts_placeholder_known(const struct text *t, const char *name, size_t len);

#endif
