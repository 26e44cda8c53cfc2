/* The Markdown subset of the council's texts: what it writes, what it
 * leaves out, and what it refuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "web/markdown.h"

/* council.name is set (with markup in it), council.dpo_email unset,
 * council.website a value that is no link, council.phone a number with
 * spaces; every other name is unknown. */
static const char *lookup(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	static const char *const values[][2] = {
		{"council.name", "Tom & Jerry's <b>Council</b> **not bold** [x](y)"},
		{"council.dpo_email", ""},
		{"council.website", "javascript:alert(1)"},
		{"council.url", "https://council.example/help?a=1&b=2"},
		{"council.phone", "01904 551 550"},
		{"council.email", "dpo@council.example"},
	};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++)
		if (strlen(values[i][0]) == len && memcmp(name, values[i][0], len) == 0)
			return values[i][1];
	return NULL;
}

static const char *render(struct arena *a, const char *text, int *rc, struct err *e)
{
	struct sb out;
	sb_init(&out, a, 64 * 1024);
	*rc = markdown_render(&out, text, 1, lookup, NULL, e);
	return sb_str(&out);
}

static void writes_govuk_markup(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{"# Title\n", "<h1 class=\"govuk-heading-l\">Title</h1>\n"},
		{"## Two\n### Three\n", "<h2 class=\"govuk-heading-m\">Two</h2>\n"
					"<h3 class=\"govuk-heading-s\">Three</h3>\n"},
		{"one\ntwo\n\nthree", "<p class=\"govuk-body\">one two</p>\n"
				      "<p class=\"govuk-body\">three</p>\n"},
		{"- a\n  more\n* b\n", "<ul class=\"govuk-list govuk-list--bullet\">\n"
				       "<li>a more</li>\n<li>b</li>\n</ul>\n"},
		{"1. a\n2. b\n", "<ol class=\"govuk-list govuk-list--number\">\n"
				 "<li>a</li>\n<li>b</li>\n</ol>\n"},
		{"a **b** c", "<p class=\"govuk-body\">a <strong>b</strong> c</p>\n"},
		{"[ICO](https://ico.org.uk/)", "<p class=\"govuk-body\"><a class=\"govuk-link\" "
					       "href=\"https://ico.org.uk/\">ICO</a></p>\n"},
		{"[Cookies](/cookies)", "<p class=\"govuk-body\"><a class=\"govuk-link\" "
					"href=\"/cookies\">Cookies</a></p>\n"},
		/* Every character of text and values is escaped; values are
		 * never read as Markdown. */
		{"<script>&'\"", "<p class=\"govuk-body\">&lt;script&gt;&amp;&#39;&quot;</p>\n"},
		{"{council.name}", "<p class=\"govuk-body\">Tom &amp; Jerry&#39;s &lt;b&gt;Council"
				   "&lt;/b&gt; **not bold** [x](y)</p>\n"},
		{"\\*\\* \\[x\\] \\{council.name\\}",
		 "<p class=\"govuk-body\">** [x] {council.name}</p>\n"},
		{"{ not a placeholder } {Upper}", "<p class=\"govuk-body\">{ not a placeholder } "
						  "{Upper}</p>\n"},
		/* A tel: target keeps what a dialler needs. */
		{"[call](tel:{council.phone})", "<p class=\"govuk-body\"><a class=\"govuk-link\" "
						"href=\"tel:01904551550\">call</a></p>\n"},
		{"[mail](mailto:{council.email})", "<p class=\"govuk-body\"><a class=\"govuk-link\" "
						   "href=\"mailto:dpo@council.example\">mail</a></p>\n"},
		{"[help]({council.url})", "<p class=\"govuk-body\"><a class=\"govuk-link\" "
					  "href=\"https://council.example/help?a=1&amp;b=2\">help</a></p>\n"},
		/* A target from a value that is no allowed link: the text alone. */
		{"[site]({council.website})", "<p class=\"govuk-body\">site</p>\n"},
		/* A block holding a value not set is left out whole. */
		{"Email {council.dpo_email} now.\n\nKept.", "<p class=\"govuk-body\">Kept.</p>\n"},
		{"- [x](mailto:{council.dpo_email})\n- kept\n",
		 "<ul class=\"govuk-list govuk-list--bullet\">\n<li>kept</li>\n</ul>\n"},
		{"- {council.dpo_email}\n- {council.dpo_email}\n\nAfter",
		 "<p class=\"govuk-body\">After</p>\n"},
		{"## For {council.dpo_email}\n", ""},
	};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct err e = {0};
		int rc;
		const char *got = render(a, cases[i].in, &rc, &e);
		if (rc != 0)
			fail_msg("case %zu: refused: %s", i, e.msg);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu:\n got: %s\nwant: %s", i, got, cases[i].want);
	}
	arena_free(a);
}

static void refuses_what_it_cannot_write_safely(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *why;
	} cases[] = {
		{"fine\n\n[x](javascript:alert(1))", "line 3: a link goes to"},
		{"[x](data:text/html,hi)", "line 1: a link goes to"},
		{"[x](//evil.example/)", "line 1: a link goes to"},
		{"[x](http://plain.example/)", "line 1: a link goes to"},
		{"a [bracket", "line 1: a [ starts a link"},
		{"[x] (https://a.example/)", "line 1: a [ starts a link"},
		{"[a [b](/c)](/d)", "line 1: a link's text cannot hold another link"},
		{"**open", "line 1: ** opened and not closed"},
		{"one\n#### Four", "line 2: headings go to ### at most"},
		{"{council.nmae}", "line 1: no placeholder is called {council.nmae}"},
		{"[x](https://a.example/{nope})", "line 1: no placeholder is called {nope}"},
	};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct err e = {0};
		int rc;
		render(a, cases[i].in, &rc, &e);
		if (rc != -1)
			fail_msg("case %zu: accepted", i);
		if (strncmp(e.msg, cases[i].why, strlen(cases[i].why)) != 0)
			fail_msg("case %zu: %s", i, e.msg);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_govuk_markup),
		cmocka_unit_test(refuses_what_it_cannot_write_safely),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
