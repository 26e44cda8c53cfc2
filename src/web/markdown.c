/* A small, safe Markdown subset as GOV.UK markup (web/markdown.h). */
#include "web/markdown.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "web/html.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#define BLOCK_MAX (64 * 1024)

enum block_kind { BLOCK_NONE, BLOCK_H1, BLOCK_H2, BLOCK_H3, BLOCK_PARAGRAPH, BLOCK_BULLET,
		  BLOCK_NUMBER };

struct md {
	struct sb *out;
	markdown_lookup lookup;
	void *lookup_ctx;
	struct err *e;
	/* The block being read: its kind, first line and text so far. */
	enum block_kind kind;
	int line;
	struct sb text;
	/* The list being written: its kind, items kept, and their markup. */
	enum block_kind list;
	size_t items;
	struct sb list_items;
};

/* What writing a piece of text came to. */
enum { WRITTEN = 0, LEFT_OUT = 1, REFUSED = -1 };

/* The length of a placeholder at s ("{council.name}"), or 0 for a brace
 * that starts none. */
static size_t placeholder_len(const char *s, size_t len)
{
	size_t i = 1;
	while (i < len && (islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
			   s[i] == '_' || s[i] == '.'))
		i++;
	return i > 1 && i < len && s[i] == '}' ? i + 1 : 0;
}

/* The value of the placeholder at s (of length n), or NULL: LEFT_OUT or
 * REFUSED in *rc. */
static const char *placeholder_value(struct md *m, const char *s, size_t n, int *rc)
{
	const char *v = m->lookup(m->lookup_ctx, s + 1, n - 2);
	if (!v) {
		*rc = err_set(m->e, "line %d: no placeholder is called %.*s", m->line, (int)n, s);
		return NULL;
	}
	if (!*v) {
		*rc = LEFT_OUT;
		return NULL;
	}
	return v;
}

static bool target_allowed(const char *t)
{
	return strncmp(t, "https://", 8) == 0 || strncmp(t, "mailto:", 7) == 0 ||
	       strncmp(t, "tel:", 4) == 0 || (t[0] == '/' && t[1] != '/' && t[1] != '\\');
}

/* A link's target with its placeholders filled in, into *out. */
static int link_target(struct md *m, const char *s, size_t len, const char **out)
{
	struct sb t;
	sb_init(&t, m->out->arena, BLOCK_MAX);
	for (size_t i = 0; i < len;) {
		size_t n = s[i] == '{' ? placeholder_len(s + i, len - i) : 0;
		if (!n) {
			sb_putc(&t, s[i++]);
			continue;
		}
		int rc;
		const char *v = placeholder_value(m, s + i, n, &rc);
		if (!v)
			return rc;
		sb_puts(&t, v);
		i += n;
	}
	const char *target = sb_str(&t);
	if (strncmp(target, "tel:", 4) == 0) {
		char *dial = arena_strdup(m->out->arena, target);
		size_t k = 4;
		for (const char *p = target + 4; *p; p++)
			if (isdigit((unsigned char)*p) || *p == '+')
				dial[k++] = *p;
		dial[k] = '\0';
		target = dial;
	}
	*out = target_allowed(target) ? target : NULL;
	return WRITTEN;
}

static int write_inline(struct md *m, struct sb *out, const char *s, size_t len, bool in_link);

/* A link at s[0] == '['; *used is how much of s it took. */
static int write_link(struct md *m, struct sb *out, const char *s, size_t len, size_t *used)
{
	const char *close = memchr(s, ']', len);
	size_t text_len = close ? (size_t)(close - s) - 1 : 0;
	const char *open = close && close + 1 < s + len && close[1] == '(' ? close + 1 : NULL;
	const char *end = open ? memchr(open, ')', (size_t)(s + len - open)) : NULL;
	if (!end)
		return err_set(m->e, "line %d: a [ starts a link written [text](target); write \\[ "
				     "for a bracket", m->line);
	const char *target = open + 1;
	size_t target_len = (size_t)(end - target);
	char *literal = arena_strndup(m->out->arena, target, target_len);
	if (!target_allowed(literal) && !(literal[0] == '{' && placeholder_len(literal, target_len)))
		return err_set(m->e, "line %d: a link goes to https://..., mailto:..., tel:... or "
				     "a path starting /, not \"%.60s\"", m->line, literal);
	*used = (size_t)(end - s) + 1;
	const char *href = NULL;
	int rc = link_target(m, target, target_len, &href);
	if (rc != WRITTEN)
		return rc;
	if (href)
		html_printf(out, "<a class=\"govuk-link\" href=\"%s\">", href);
	rc = write_inline(m, out, s + 1, text_len, true);
	if (rc == WRITTEN && href)
		html_printf(out, "</a>");
	return rc;
}

/* Text with its bold, links and placeholders. */
static int write_inline(struct md *m, struct sb *out, const char *s, size_t len, bool in_link)
{
	bool bold = false;
	size_t run = 0;  /* where the plain text not yet written starts */
	for (size_t i = 0; i < len;) {
		size_t n = 0;
		if (s[i] == '\\' && i + 1 < len && ispunct((unsigned char)s[i + 1]))
			n = 2;
		else if (s[i] == '*' && i + 1 < len && s[i + 1] == '*')
			n = 2;
		else if (s[i] == '{')
			n = placeholder_len(s + i, len - i);
		else if (s[i] == '[')
			n = 1;
		if (!n) {
			i++;
			continue;
		}
		html_escape(out, s + run, i - run);
		int rc = WRITTEN;
		if (s[i] == '\\') {
			html_escape(out, s + i + 1, 1);
		} else if (s[i] == '*') {
			if (bold)
				html_printf(out, "</strong>");
			else
				html_printf(out, "<strong>");
			bold = !bold;
		} else if (s[i] == '{') {
			const char *v = placeholder_value(m, s + i, n, &rc);
			if (v)
				html_escape(out, v, strlen(v));
		} else if (in_link) {
			rc = err_set(m->e, "line %d: a link's text cannot hold another link",
				     m->line);
		} else {
			rc = write_link(m, out, s + i, len - i, &n);
		}
		if (rc != WRITTEN)
			return rc;
		i += n;
		run = i;
	}
	html_escape(out, s + run, len - run);
	if (bold)
		return err_set(m->e, "line %d: ** opened and not closed", m->line);
	return WRITTEN;
}

static void end_list(struct md *m)
{
	if (m->items) {
		if (m->list == BLOCK_BULLET)
			html_printf(m->out, "<ul class=\"govuk-list govuk-list--bullet\">\n");
		else
			html_printf(m->out, "<ol class=\"govuk-list govuk-list--number\">\n");
		/* The items' markup, their text escaped by write_inline. */
		sb_append(m->out, sb_str(&m->list_items), m->list_items.len);
		if (m->list == BLOCK_BULLET)
			html_printf(m->out, "</ul>\n");
		else
			html_printf(m->out, "</ol>\n");
	}
	m->list = BLOCK_NONE;
	m->items = 0;
	sb_init(&m->list_items, m->out->arena, BLOCK_MAX);
}

/* Writes the block read so far, unless it is left out. */
static int end_block(struct md *m)
{
	enum block_kind kind = m->kind;
	m->kind = BLOCK_NONE;
	if (kind == BLOCK_NONE)
		return 0;
	if (kind != BLOCK_BULLET && kind != BLOCK_NUMBER)
		end_list(m);
	else if (m->list != kind) {
		end_list(m);
		m->list = kind;
	}
	struct sb inner;
	sb_init(&inner, m->out->arena, BLOCK_MAX);
	int rc = write_inline(m, &inner, sb_str(&m->text), m->text.len, false);
	sb_init(&m->text, m->out->arena, BLOCK_MAX);
	if (rc == REFUSED)
		return -1;
	if (rc == LEFT_OUT)
		return 0;
	struct sb *to = kind == BLOCK_BULLET || kind == BLOCK_NUMBER ? &m->list_items : m->out;
	switch (kind) {
	case BLOCK_H1: html_printf(to, "<h1 class=\"govuk-heading-l\">"); break;
	case BLOCK_H2: html_printf(to, "<h2 class=\"govuk-heading-m\">"); break;
	case BLOCK_H3: html_printf(to, "<h3 class=\"govuk-heading-s\">"); break;
	case BLOCK_PARAGRAPH: html_printf(to, "<p class=\"govuk-body\">"); break;
	default: html_printf(to, "<li>"); m->items++; break;
	}
	/* Escaped as it was written, by write_inline. */
	sb_append(to, sb_str(&inner), inner.len);
	switch (kind) {
	case BLOCK_H1: html_printf(to, "</h1>\n"); break;
	case BLOCK_H2: html_printf(to, "</h2>\n"); break;
	case BLOCK_H3: html_printf(to, "</h3>\n"); break;
	case BLOCK_PARAGRAPH: html_printf(to, "</p>\n"); break;
	default: html_printf(to, "</li>\n"); break;
	}
	return 0;
}

static int start_block(struct md *m, enum block_kind kind, int line, const char *s, size_t len)
{
	if (end_block(m) < 0)
		return -1;
	m->kind = kind;
	m->line = line;
	sb_append(&m->text, s, len);
	return 0;
}

/* The number of characters of a list item's marker ("- ", "12. ") at the
 * start of s, or 0. */
static size_t item_marker(const char *s, size_t len, enum block_kind *kind)
{
	if (len >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
		*kind = BLOCK_BULLET;
		return 2;
	}
	size_t i = 0;
	while (i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	if (i > 0 && i + 1 < len && s[i] == '.' && s[i + 1] == ' ') {
		*kind = BLOCK_NUMBER;
		return i + 2;
	}
	return 0;
}

static int read_line(struct md *m, const char *s, size_t len, int number)
{
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	size_t indent = 0;
	while (indent < len && (s[indent] == ' ' || s[indent] == '\t'))
		indent++;
	if (indent == len) {
		if (end_block(m) < 0)
			return -1;
		end_list(m);
		return 0;
	}
	if (s[0] == '#') {
		size_t level = 0;
		while (level < len && s[level] == '#')
			level++;
		if (level < len && s[level] == ' ') {
			if (level > 3)
				return err_set(m->e, "line %d: headings go to ### at most", number);
			size_t skip = level + 1;
			while (skip < len && s[skip] == ' ')
				skip++;
			enum block_kind kind = level == 1 ? BLOCK_H1 : level == 2 ? BLOCK_H2 : BLOCK_H3;
			if (start_block(m, kind, number, s + skip, len - skip) < 0 || end_block(m) < 0)
				return -1;
			return 0;
		}
	}
	enum block_kind item;
	size_t marker = indent == 0 ? item_marker(s, len, &item) : 0;
	if (marker)
		return start_block(m, item, number, s + marker, len - marker);
	if (m->kind == BLOCK_PARAGRAPH || m->kind == BLOCK_BULLET || m->kind == BLOCK_NUMBER) {
		sb_putc(&m->text, ' ');
		sb_append(&m->text, s + indent, len - indent);
		return 0;
	}
	return start_block(m, BLOCK_PARAGRAPH, number, s + indent, len - indent);
}

int markdown_render(struct sb *out, const char *text, int first_line,
		    markdown_lookup lookup, void *ctx, struct err *e)
{
	struct md m = {.out = out, .lookup = lookup, .lookup_ctx = ctx, .e = e};
	sb_init(&m.text, out->arena, BLOCK_MAX);
	sb_init(&m.list_items, out->arena, BLOCK_MAX);
	int number = first_line;
	for (const char *p = text; *p; number++) {
		size_t len = strcspn(p, "\n");
		if (read_line(&m, p, len, number) < 0)
			return -1;
		p += len;
		if (*p)
			p++;
	}
	if (end_block(&m) < 0)
		return -1;
	end_list(&m);
	if (sb_failed(&m.text) || sb_failed(out))
		return err_set(e, "the text is too long");
	return 0;
}
