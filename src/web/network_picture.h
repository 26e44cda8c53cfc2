#ifndef ALONGSIDE_WEB_NETWORK_PICTURE_H
#define ALONGSIDE_WEB_NETWORK_PICTURE_H

#include <stddef.h>

struct arena;
struct network_change;
struct network_picture;
struct sb;

/*
 * A network drawn as the person would draw it on paper: four circles
 * round them, the closest in the middle, each member's name placed in
 * their circle (domain/people/network.h).  SVG made on the server, so it
 * needs no JavaScript, prints, and can be shown to the person on a
 * phone.  Every name goes through the one escaping function (web/html.h);
 * each name lies wholly inside its own circle, never on a line or over
 * another name, and long ones are shortened with an ellipsis (the text
 * alternative has them whole).
 *
 * The comparison draws the earlier and the later picture side by side.
 * Who joined, who moved closer and who moved further away are marked in
 * the later picture by a symbol and a word as well as colour, with a key;
 * those no longer there are marked in the earlier one.  Nothing relies on
 * colour alone.
 *
 * Each drawing is a whole <svg> element with role="img", a <title> and a
 * <desc>, and a viewBox so it scales to the page; pages put the text
 * alternative (network_picture_list_html) beside it.
 */

/* One picture, centred on the person's name. */
void network_picture_svg(struct sb *out, const char *person_name,
			 const struct network_picture *picture);

/* from and to side by side, changes from network_compare. */
void network_picture_compare_svg(struct sb *out, const char *person_name,
				 const struct network_picture *from,
				 const struct network_picture *to,
				 const struct network_change *changes, size_t change_count);

/* The same as lists, circle by circle (GOV.UK summary markup), for the
 * text alternative and the print view; with changes (may be NULL) each
 * member says how they moved, in words. */
void network_picture_list_html(struct sb *out, const struct network_picture *picture,
			       const struct network_change *changes, size_t change_count);

/* The changes in words, one a line, with their marks: "Sue joined, in the
 * friends circle", "Dad moved closer: from people they do things with to
 * friends"; those who stayed are left out. */
void network_picture_changes_html(struct sb *out, const struct network_change *changes,
				  size_t change_count);

/* Circle 1..4 as a heading: "Closest: the people they love and who love
 * them", "Friends", ...; "" for any other number. */
const char *network_picture_circle_label(int circle);

/* A relationship (network_relationships) in words: "Family", "Someone in
 * the community"; the value itself when unknown. */
const char *network_picture_relationship_label(const char *relationship);

/* name with at most max_chars (at least 1) characters: a longer one is
 * cut at a character boundary, trailing spaces dropped, and ends in "…".
 * name itself when it fits, else a copy in the arena. */
const char *network_picture_short_name(struct arena *a, const char *name, size_t max_chars);

#endif
