#ifndef ALONGSIDE_DOMAIN_COMMUNITY_TAXONOMY_H
#define ALONGSIDE_DOMAIN_COMMUNITY_TAXONOMY_H

#include <stddef.h>

struct arena;
struct db;
struct err;

/*
 * The taxonomies a listing's kind is told in (schema/013): our own small
 * one, inserted by the migration (TAXONOMY_OURS), whose every term is also
 * a tag in the team's one list (the list a person's interests and gifts
 * use: domain/people/tags.h), and any imported from an ORUK taxonomy file.
 * An imported term whose name folds to a tag's key (tags_key) is linked to
 * that tag; others are not, so a large imported taxonomy does not flood
 * the list staff pick a person's tags from.  Reading needs no caller:
 * taxonomies are public.  Not found: "taxonomy", "taxonomy_term".
 */

#define TAXONOMY_OURS "5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f"

struct taxonomy {
	const char *id;
	const char *name;
	const char *description;
	const char *uri;
	const char *version;
};

struct taxonomy_term {
	const char *id;
	const char *taxonomy_id;
	const char *parent_id;
	const char *code;
	const char *name;
	const char *description;
	const char *term_uri;
	const char *tag_id;        /* the team's tag it is, or NULL */
	long listing_count;        /* live listings carrying it (lists only) */
};

int taxonomy_list(struct db *db, struct arena *a, struct taxonomy **out, size_t *count,
		  struct err *e);
int taxonomy_get(struct db *db, const char *id, struct arena *a, struct taxonomy *out,
		 struct err *e);

/* Terms, by taxonomy then name; taxonomy_id NULL: all. */
int taxonomy_terms(struct db *db, const char *taxonomy_id, struct arena *a,
		   struct taxonomy_term **out, size_t *count, struct err *e);
int taxonomy_term_get(struct db *db, const char *id, struct arena *a, struct taxonomy_term *out,
		      struct err *e);

#endif
