#ifndef ALONGSIDE_DOMAIN_PEOPLE_NETWORK_H
#define ALONGSIDE_DOMAIN_PEOPLE_NETWORK_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * A person's network: the people around them, as they describe them,
 * recorded as dated pictures (schema/011).  The network is the person's
 * own: a family's members each have their own.
 *
 *  - A member is not a person record.  It holds only what the person
 *    chose to say: a name as they call them, the relationship
 *    (network_relationships, with their own words beside it), how close
 *    (circle 1, the centre: the people they love and who love them;
 *    2 friends; 3 people they do things with; 4 people paid to be there)
 *    and whether they can be called on.
 *  - A picture is recorded whole: its date (YYYY-MM-DD, London; NULL:
 *    today; never in the future), optionally the conversation it was
 *    drawn at (one of the person's), a note, and its members.  Pictures
 *    are numbered 1, 2, ... in the order they were recorded.  A member
 *    of an earlier picture is named by member_id to be the same member
 *    again (so the comparison can follow them); without one, a member
 *    is new: a member_id must be one of this person's members, once in
 *    a picture.  A picture is never changed afterwards: a later picture
 *    sits beside it.  A name is the picture's: called otherwise in a
 *    later picture ("Mum" then "Mother"), the earlier keeps its words.
 *  - Comparing two pictures (network_compare) says, member by member,
 *    who joined, who is no longer there, who moved closer, who moved
 *    further away, and who stayed.
 *
 * Access and audit as for the person (domain/people/person.h): through
 * the person's area; record type "network", the person's area; "create"
 * names the picture, "read" the person (the whole network, a picture or a
 * comparison); a refusal names the person.  A person out of reach is not
 * found ("person"), word for word as one that does not exist; a picture
 * number they do not have is not found ("picture").
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault ("taken_on", "conversation_id", "note", "members", and
 * "members.N.name", "members.N.circle", "members.N.relationship",
 * "members.N.relationship_words", "members.N.member_id" for the Nth member
 * given, from 0), the messages naming the person and the member ("Choose
 * how close Annie is to Sue: ..."); RESULT_NOT_FOUND; RESULT_CONFLICT
 * when another picture took the number meanwhile; RESULT_FAILED.  Nothing
 * is written unless all is valid.
 */

#define NETWORK_MEMBERS_MAX 60     /* in one picture */
#define NETWORK_NAME_MAX 80        /* characters */
#define NETWORK_WORDS_MAX 200      /* relationship words */
#define NETWORK_NOTE_MAX 2000

enum { NETWORK_CIRCLES = 4 };

struct network_member_input {
	const char *member_id;     /* the same member as in an earlier picture; NULL: new */
	const char *name;          /* needed */
	const char *relationship;  /* network_relationships; needed */
	const char *relationship_words;
	const char *circle;        /* "1".."4" as sent; needed */
	bool can_call_on;
};

struct network_picture_input {
	const char *taken_on;
	const char *conversation_id;
	const char *note;
	const struct network_member_input *members;
	size_t member_count;       /* at least one */
};

struct network_placement {
	const char *member_id;
	const char *name;
	const char *relationship;
	const char *relationship_words;
	int circle;                /* 1..NETWORK_CIRCLES */
	bool can_call_on;
};

struct network_picture {
	const char *id;
	long number;               /* 1 is the first */
	const char *taken_on;
	const char *conversation_id;
	const char *note;
	const char *created_by;
	const char *created_by_name;
	const char *created_at;
	struct network_placement *members;  /* by circle, then as given */
	size_t member_count;
};

struct network {
	const char *person_id;
	const char *person_name;   /* the name they like to be called */
	struct network_picture *pictures;   /* oldest first */
	size_t picture_count;
};

/* Records a new picture of the person's network; *out is it, as stored. */
int network_record(struct db *db, const struct caller *who, const char *person_id,
		   const struct network_picture_input *in, struct arena *a,
		   struct network_picture **out, struct err *e);

/* The person's network: every picture, oldest first (none yet is OK with
 * picture_count 0). */
int network_get(struct db *db, const struct caller *who, const char *person_id,
		struct arena *a, struct network *out, struct err *e);

/* The picture numbered as sent ("2"), else not found ("picture").  Pure,
 * on a network network_get read. */
int network_numbered(const struct network *n, const char *number,
		     const struct network_picture **out, struct err *e);

/* The two pictures a comparison is of, numbered as sent (NULL: the first,
 * the latest): not found ("picture") for a number they do not have, or,
 * with neither given, when there are fewer than two.  Pure. */
int network_pair(const struct network *n, const char *from, const char *to,
		 const struct network_picture **earlier, const struct network_picture **later,
		 struct err *e);

enum network_move {
	NETWORK_STAYED,
	NETWORK_JOINED,            /* in the later picture only */
	NETWORK_LEFT,              /* in the earlier picture only */
	NETWORK_CLOSER,            /* a smaller circle in the later picture */
	NETWORK_FURTHER,
};

struct network_change {
	const char *member_id;
	const char *name;          /* as in the later picture, else the earlier */
	int from_circle;           /* 0: not in the earlier picture */
	int to_circle;             /* 0: not in the later picture */
	enum network_move move;
};

/* Member by member, how `from` became `to`: the later picture's members
 * in its order, then those no longer there.  Pure: no database. */
void network_compare(const struct network_picture *from, const struct network_picture *to,
		     struct arena *a, struct network_change **out, size_t *count);

/* The values relationship takes, NULL-terminated, for the route table. */
extern const char *const network_relationships[];

#endif
