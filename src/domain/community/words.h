#ifndef ALONGSIDE_DOMAIN_COMMUNITY_WORDS_H
#define ALONGSIDE_DOMAIN_COMMUNITY_WORDS_H

#include <stddef.h>

struct arena;

/*
 * The words of the community directory's full-text search, folded once
 * here so that SQLite and PostgreSQL index and find the same words: a
 * listing's text is folded into community_services.search_text, and a
 * search's words are folded the same way before they reach either index.
 *
 * Folding: letters in lower case with their diacritics removed (é → e,
 * ł → l, ß → ss, for the Latin letters of Unicode's Latin-1 Supplement
 * and Latin Extended-A), digits kept, every other character a separator;
 * the words joined by single spaces.  "St Sampson’s Café, 10:00" folds to
 * "st sampson s cafe 10 00".  FTS5's unicode61 (remove_diacritics 2) and
 * PostgreSQL's `simple` configuration split such text identically and
 * stem neither.
 */

#define WORDS_QUERY_MAX 12   /* words of a search used; the rest ignored */

/* The folded words of text (NULL: ""), in the arena. */
const char *words_fold(struct arena *a, const char *text);

/* The folded words of several texts, joined: a listing's search_text. */
const char *words_fold_all(struct arena *a, const char *const *texts, size_t count);

/* A search's words as an FTS5 MATCH expression and as a PostgreSQL
 * to_tsquery('simple', ...) text, each word required and the last one a
 * prefix ("sing" finds "singing"; none is when words past WORDS_QUERY_MAX
 * were left out, as the last used was typed whole), bound as parameters,
 * never spliced into SQL.  *fts5 and *tsquery are NULL when text has no
 * words. */
void words_query(struct arena *a, const char *text, const char **fts5, const char **tsquery);

#endif
