/* The directory's search words: folded here once, so that SQLite FTS5 and
 * PostgreSQL's `simple` tsvector see the same words.  Checked against
 * FTS5's own tokenizer (the one schema/013 declares) on raw text, so the
 * folding is known to split and fold as FTS5 would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <string.h>

#include "core/arena.h"
#include "domain/community/words.h"

static void folds_letters_digits_and_separators(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"St Sampson\xE2\x80\x99s Caf\xC3\xA9, 10:00", "st sampson s cafe 10 00"},
		{"", ""},
		{"  \t\n ,.;!?  ", ""},
		{"Singing-group", "singing group"},
		{"\xC3\x80\xC3\x81\xC3\x82\xC3\x83\xC3\x84\xC3\x85", "aaaaaa"},   /* ÀÁÂÃÄÅ */
		{"\xC3\x87" "a\xC3\xA7" "a", "caca"},                            /* Ça ça */
		{"Stra\xC3\x9F" "e", "strasse"},                                 /* ß */
		{"\xC3\x86sop \xC5\x92uvre", "aesop oeuvre"},                   /* Æ Œ */
		{"\xC5\x81\xC3\xB3" "d\xC5\xBA", "lodz"},                        /* Łódź */
		{"\xC3\x9Eorn \xC3\xB0" "a", "thorn da"},                        /* Þ ð */
		{"\xC4\xB0stanbul \xC4\xB1", "istanbul i"},                      /* İ ı */
		{"\xC5\xBF" "\xC5\xBE" "\xC3\xBF", "szy"},                       /* ſ ž ÿ */
		{"2\xC3\x97" "3\xC3\xB7" "4", "2 3 4"},                          /* × ÷ */
		{"caf\xC3\xA9\xE2\x80\x94" "bar", "cafe bar"},                  /* em dash */
		{"\xCE\xB1\xCE\xB2 x", "x"},                  /* Greek: not folded, a separator */
		{"a\xFF" "b\xC3" "c", "a b c"},               /* broken UTF-8 separates */
		{"\xE2\x82\xAC" "5", "5"},                    /* € */
		{"WORD123word", "word123word"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(words_fold(a, cases[i].in), cases[i].want);
	assert_string_equal(words_fold(a, NULL), "");
	arena_free(a);
}

static void folds_several_texts_into_one(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *texts[] = {"Acomb Singers", NULL, "", "Caf\xC3\xA9 (Thursdays)", " ..."};
	assert_string_equal(words_fold_all(a, texts, 5), "acomb singers cafe thursdays");
	assert_string_equal(words_fold_all(a, texts, 0), "");
	arena_free(a);
}

static void query_requires_every_word_and_the_last_as_a_prefix(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *fts5, *tsquery;
	words_query(a, "Caf\xC3\xA9 sing", &fts5, &tsquery);
	assert_string_equal(fts5, "\"cafe\" \"sing\"*");
	assert_string_equal(tsquery, "cafe & sing:*");
	words_query(a, "  OR  ", &fts5, &tsquery);
	assert_string_equal(fts5, "\"or\"*");
	assert_string_equal(tsquery, "or:*");
	/* Operators of either syntax are separators, never operators. */
	words_query(a, "a & !b | \"c\" NOT-d:*", &fts5, &tsquery);
	assert_string_equal(fts5, "\"a\" \"b\" \"c\" \"not\" \"d\"*");
	assert_string_equal(tsquery, "a & b & c & not & d:*");
	words_query(a, " -,; ", &fts5, &tsquery);
	assert_null(fts5);
	assert_null(tsquery);
	words_query(a, NULL, &fts5, &tsquery);
	assert_null(fts5);
	assert_null(tsquery);
	/* Only WORDS_QUERY_MAX words are used; the last typed is not among
	 * them, so none is a prefix. */
	words_query(a, "a b c d e f g h i j k l m n", &fts5, &tsquery);
	assert_string_equal(tsquery, "a & b & c & d & e & f & g & h & i & j & k & l");
	assert_null(strchr(fts5, '*'));
	arena_free(a);
}

/* The words FTS5 itself makes of text (unicode61, remove_diacritics 2, as
 * schema/013 declares), in order, joined by spaces. */
static const char *fts5_tokens(sqlite3 *db, struct arena *a, const char *text)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_exec(db, "DELETE FROM t", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t (rowid, x) VALUES (1, ?1)", -1,
					    &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT term FROM v ORDER BY offset", -1, &st,
					    NULL),
			 SQLITE_OK);
	char *out = arena_alloc(a, strlen(text) * 2 + 1);
	size_t at = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *term = (const char *)sqlite3_column_text(st, 0);
		if (at)
			out[at++] = ' ';
		memcpy(out + at, term, strlen(term));
		at += strlen(term);
	}
	out[at] = '\0';
	sqlite3_finalize(st);
	return out;
}

/* Text FTS5 splits and folds exactly as words_fold does: punctuation,
 * curly quotes, dashes, accents of both Latin blocks that FTS5 removes,
 * digits.  (ß, æ, œ, þ, ł, ø and such are letters of their own to FTS5, so
 * they are folded here first: search_text never holds them.)  Folded text
 * is FTS5's own words again, unchanged. */
static void splits_as_fts5_does(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(db,
			     "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = "
			     "'unicode61 remove_diacritics 2');"
			     "CREATE VIRTUAL TABLE v USING fts5vocab (t, instance);",
			     NULL, NULL, NULL),
		SQLITE_OK);
	static const char *const texts[] = {
		"St Sampson\xE2\x80\x99s Caf\xC3\xA9, 10:00 \xE2\x80\x93 12:30",
		"Acomb \"Singers\" (Thursdays) \xE2\x80\x94 all welcome! 50p/week",
		"Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e; NA\xC3\x8FVE fa\xC3\xA7" "ade & co.",
		"\xC5\xA0\xC4\x8D\xC4\x99\xC5\x84\xC4\x81\xC5\x99\xC3\xAE\xC3\xB6 \xC4\x9E\xC3\xBC\xC5\x9F",
		"email@example.org http://x.y/z?q=1 a_b 1.5 3,000 #tag @name",
		"\xC3\x85se \xC3\x94ster \xC3\x9C" "ber \xC5\xB8ves Z\xC3\xBCrich",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *folded = words_fold(a, texts[i]);
		assert_string_equal(fts5_tokens(db, a, texts[i]), folded);
		assert_string_equal(fts5_tokens(db, a, folded), folded);
	}
	sqlite3_close(db);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folds_letters_digits_and_separators),
		cmocka_unit_test(folds_several_texts_into_one),
		cmocka_unit_test(query_requires_every_word_and_the_last_as_a_prefix),
		cmocka_unit_test(splits_as_fts5_does),
	};
	return cmocka_run_group_tests_name("words", tests, NULL, NULL);
}
