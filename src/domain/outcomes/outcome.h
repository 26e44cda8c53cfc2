#ifndef ALONGSIDE_DOMAIN_OUTCOMES_OUTCOME_H
#define ALONGSIDE_DOMAIN_OUTCOMES_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * Outcomes, in the person's hands (schema/020, docs/outcomes.md): where a
 * person says they are in each of the programme's outcome statements, on
 * a five-step scale with their own words beside it.
 *
 * Statements: the five domains by default and a programme's own as well.
 * Wording is never changed in place: a reword is a new version of the
 * statement's key and the old row is kept, not in use, so a rating given
 * under it keeps its words.  Adding, rewording, retiring and reordering
 * are for a programme manager or an administrator only (else
 * RESULT_FORBIDDEN, audited "refused"), audited with record type
 * "outcome_statement" and the statement before and after.
 *
 * Sittings ("outcome_review"): the person and their coordinator together,
 * at the start, a review or the end of walking alongside, on a day not in
 * the future.  Each statement in use gets a rating 1-5 or "they'd rather
 * not say" (OUTCOME_NOT_SAID), with their words as said; or the person
 * declines the whole sitting, with their words if they give any.  Either
 * is an answer, kept.  A sitting recorded by mistake is withdrawn with a
 * reason: kept, shown as withdrawn, left out of every figure.
 *
 * Access as for the person (domain/people/person.h): through the person's
 * area and the involvement's; out of reach is not found ("person"), word
 * for word as one that does not exist, audited "refused".  Reads, records
 * and withdrawals are audited ("read" naming the person, "create" and
 * "withdraw" naming the sitting).
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault ("point", "taken_on", "involvement", "answers", "answers.N.rating",
 * "answers.N.words", "answers.N.statement_id", "declined_words", "why",
 * "title", "question", "step_1".."step_5", "position"), nothing written;
 * RESULT_NOT_FOUND ("person", "review", "statement"); RESULT_CONFLICT for
 * a sitting withdrawn already or a statement retired already;
 * RESULT_FORBIDDEN; RESULT_FAILED.
 */

#define OUTCOME_STEPS 5
#define OUTCOME_WORDS_MAX 1000     /* their words, a reason */
#define OUTCOME_TITLE_MAX 80
#define OUTCOME_TEXT_MAX 300       /* a question, a step */
#define OUTCOME_STATEMENTS_MAX 16  /* in use at once; the form's fields */
#define OUTCOME_NOT_SAID 0         /* a rating they chose not to give */
#define OUTCOME_NO_ANSWER (-1)     /* nothing chosen: refused as invalid */

struct outcome_statement {
	const char *id;            /* this version's row */
	const char *key;
	long version;
	const char *framework;     /* five_domains | programme */
	long position;
	const char *title;
	const char *question;
	const char *steps[OUTCOME_STEPS];  /* step 1, the lowest, first */
	bool in_use;
};

struct outcome_statement_input {
	const char *title;
	const char *question;
	const char *steps[OUTCOME_STEPS];
};

/* The statements asked now, in position order; with retired true, each
 * retired key's last version after them.  Any member of staff. */
int outcome_statements(struct db *db, const struct caller *who, bool with_retired,
		       struct arena *a, struct outcome_statement **out, size_t *count,
		       struct err *e);

/* A programme's own statement, asked last; *out the new row. */
int outcome_statement_add(struct db *db, const struct caller *who,
			  const struct outcome_statement_input *in, struct arena *a,
			  struct outcome_statement **out, struct err *e);

/* A new version of the statement in use with key, in its place; the old
 * row stays, not in use. */
int outcome_statement_reword(struct db *db, const struct caller *who, const char *key,
			     const struct outcome_statement_input *in, struct arena *a,
			     struct outcome_statement **out, struct err *e);

/* No longer asked; its ratings stay. */
int outcome_statement_retire(struct db *db, const struct caller *who, const char *key,
			     struct err *e);

/* Asks a retired statement again: a new version of its last wording, in
 * use and asked last; conflict if it is in use already or
 * OUTCOME_STATEMENTS_MAX are. */
int outcome_statement_ask_again(struct db *db, const struct caller *who, const char *key,
				struct arena *a, struct outcome_statement **out, struct err *e);

/* Moves the statement in use with key to position (1: asked first),
 * renumbering the others in their order. */
int outcome_statement_move(struct db *db, const struct caller *who, const char *key,
			   long position, struct err *e);

struct outcome_answer_input {
	const char *statement_id;  /* a statement in use */
	int rating;                /* 1-5, OUTCOME_NOT_SAID or OUTCOME_NO_ANSWER */
	const char *words;         /* NULL or blank: none */
};

struct outcome_review_input {
	const char *involvement_id;  /* NULL: their open walking alongside */
	const char *point;           /* outcome_points */
	const char *taken_on;        /* YYYY-MM-DD; NULL: today */
	bool declined;               /* then no answers */
	const char *declined_words;
	const struct outcome_answer_input *answers;  /* every statement in use, once */
	size_t answer_count;
};

struct outcome_rating {
	struct outcome_statement statement;  /* the wording it was given under */
	int rating;                          /* 1-5 or OUTCOME_NOT_SAID */
	const char *words;
};

struct outcome_review {
	const char *id;
	const char *involvement_id;
	const char *point;
	const char *taken_on;
	bool declined;
	const char *declined_words;
	const char *created_by_name;
	const char *created_at;
	const char *withdrawn_at;          /* NULL unless withdrawn */
	const char *withdrawn_by_name;
	const char *withdrawn_why;
	struct outcome_rating *ratings;    /* in the order they were asked */
	size_t rating_count;
};

/* Records a sitting for the person; *out it. */
int outcome_review_record(struct db *db, const struct caller *who, const char *person_id,
			  const struct outcome_review_input *in, struct arena *a,
			  struct outcome_review **out, struct err *e);

/* Every sitting of the person's, withdrawn ones too, oldest first (by
 * taken_on, then when recorded); *person_name the name they like to be
 * called. */
int outcome_review_list(struct db *db, const struct caller *who, const char *person_id,
			struct arena *a, const char **person_name, struct outcome_review **out,
			size_t *count, struct err *e);

/* Withdraws the person's sitting review_id, with why (needed). */
int outcome_review_withdraw(struct db *db, const struct caller *who, const char *person_id,
			    const char *review_id, const char *why, struct err *e);

/* The points a sitting is taken at, NULL-terminated, for the route table. */
extern const char *const outcome_points[];

#endif
