/* The network picture: hostile names escaped, labels that never overlap,
 * names shortened at a character boundary, every move marked in more
 * than colour, and SVG that is well-formed XML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"
#include "core/utf8.h"
#include "domain/people/network.h"
#include "web/network_picture.h"

static const char *hostile = "<script>alert(\"x\")</script> & 'Sue'";

/* count members named stem and their number; all in circle `circles`, or
 * round the four when 0. */
static struct network_picture picture_of(struct arena *a, size_t count, const char *stem,
					 int circles)
{
	struct network_picture p = {.id = "p1", .number = 1, .taken_on = "2026-03-02"};
	p.members = arena_alloc(a, count * sizeof *p.members);
	p.member_count = count;
	for (size_t i = 0; i < count; i++)
		p.members[i] = (struct network_placement){
			.member_id = arena_printf(a, "m%zu", i),
			.name = arena_printf(a, "%s%zu", stem, i),
			.relationship = "friend",
			.circle = circles ? circles : (int)(i % NETWORK_CIRCLES) + 1,
			.can_call_on = i % 3 == 0,
		};
	return p;
}

static const char *draw(struct arena *a, const char *person, const struct network_picture *p)
{
	struct sb sb;
	sb_init(&sb, a, 1024 * 1024);
	network_picture_svg(&sb, person, p);
	assert_false(sb_failed(&sb));
	return sb_str(&sb);
}

/* Tags balance, every & starts a character reference, attribute values
 * are quoted: enough of XML to catch a broken drawing. */
static void assert_well_formed(const char *s)
{
	static char stack[256][32];
	size_t depth = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '&') {
			size_t n = strspn(p + 1, "#abcdefghijklmnopqrstuvwxyz0123456789");
			assert_true(n > 0 && p[1 + n] == ';');
			continue;
		}
		if (*p != '<')
			continue;
		const char *end = strchr(p, '>');
		assert_non_null(end);
		for (const char *q = p + 1; q < end; q++)
			assert_true(*q != '<');
		if (p[1] == '/') {
			assert_true(depth > 0);
			depth--;
			size_t n = strlen(stack[depth]);
			assert_true(strncmp(p + 2, stack[depth], n) == 0 && p[2 + n] == '>');
		} else if (end[-1] != '/' && strncmp(p, "<br>", 4) != 0) {  /* HTML's one void tag here */
			size_t n = strcspn(p + 1, " >/\n");
			assert_true(depth < 256);
			assert_true(n < 32);
			snprintf(stack[depth++], 32, "%.*s", (int)n, p + 1);
		}
		p = end;
	}
	assert_int_equal(depth, 0);
}

static void hostile_names_are_escaped(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct network_picture p = picture_of(a, 3, "x", 0);
	p.members[1].name = hostile;
	p.members[1].relationship_words = hostile;
	const char *svg = draw(a, hostile, &p);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "\"x\""));
	assert_null(strstr(svg, "'Sue'"));
	assert_non_null(strstr(svg, "&lt;script&gt;"));
	assert_non_null(strstr(svg, "&amp;"));
	assert_well_formed(svg);

	struct sb list;
	sb_init(&list, a, 1024 * 1024);
	network_picture_list_html(&list, &p, NULL, 0);
	assert_null(strstr(sb_str(&list), "<script"));
	assert_non_null(strstr(sb_str(&list), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
					      "&amp; &#39;Sue&#39;"));
	assert_well_formed(sb_str(&list));
	arena_free(a);
}

/* A name's box as the layout estimates it: 0.6 em a Latin letter, 0.9 a
 * symbol (the star, the ellipsis), the line from 15 above the baseline to
 * 4 below. */
struct name_box {
	double left, right, top, bottom;
};

static size_t name_boxes(const char *svg, struct name_box *out, size_t max)
{
	size_t n = 0;
	for (const char *p = strstr(svg, "<text class=\"name\""); p && n < max;
	     p = strstr(p + 1, "<text class=\"name\"")) {
		int x, y;
		assert_int_equal(sscanf(p, "<text class=\"name\" x=\"%d\" y=\"%d\"", &x, &y), 2);
		const unsigned char *t = (const unsigned char *)strchr(p, '>') + 1;
		double em = 0;
		for (; *t != '<'; t++)
			if ((*t & 0xc0) != 0x80)
				em += *t < 0x80 ? 0.6 : 0.9;
		out[n++] = (struct name_box){x - em * 15 / 2, x + em * 15 / 2, y - 15, y + 4};
	}
	return n;
}

static void assert_apart(const char *svg, size_t expected)
{
	struct name_box at[NETWORK_MEMBERS_MAX];
	size_t n = name_boxes(svg, at, NETWORK_MEMBERS_MAX);
	assert_int_equal(n, expected);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			bool same_line = fabs(at[i].top - at[j].top) < 19;
			bool side_by_side = at[i].right <= at[j].left || at[j].right <= at[i].left;
			if (same_line && !side_by_side)
				fail_msg("names %zu and %zu overlap at (%g,%g) and (%g,%g)", i, j,
					 at[i].left, at[i].top, at[j].left, at[j].top);
		}
}

static void labels_never_overlap(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	for (size_t count = 1; count <= NETWORK_MEMBERS_MAX; count += 7) {
		struct network_picture spread = picture_of(a, count, "Neighbour Wilhelmina ", 0);
		assert_apart(draw(a, "Sam", &spread), count);
		struct network_picture crowded = picture_of(a, count, "Friend ", 1);
		assert_apart(draw(a, "Sam", &crowded), count);
	}
	struct network_picture most = picture_of(a, NETWORK_MEMBERS_MAX, "WWWWWWWWWWWWWWW", 2);
	assert_apart(draw(a, "Sam", &most), NETWORK_MEMBERS_MAX);
	arena_free(a);
}

/* The radii drawn, the centre's first: [0] the centre, [k] circle k. */
static void radii_drawn(const char *svg, double radius[NETWORK_CIRCLES + 1])
{
	const char *p = svg;
	for (int k = NETWORK_CIRCLES; k >= 0; k--) {
		p = strstr(p, "<circle cx=\"0\" cy=\"0\" r=\"");
		assert_non_null(p);
		p += strlen("<circle cx=\"0\" cy=\"0\" r=\"");
		radius[k] = strtod(p, NULL);
	}
}

/* Every corner of b no nearer the centre than inner and no further than
 * outer: the whole box between its circle's two lines. */
static bool inside_ring(const struct name_box *b, double inner, double outer)
{
	double far_x = fmax(fabs(b->left), fabs(b->right));
	double far_y = fmax(fabs(b->top), fabs(b->bottom));
	double near_x = b->left <= 0 && b->right >= 0 ? 0 : fmin(fabs(b->left), fabs(b->right));
	double near_y = b->top <= 0 && b->bottom >= 0 ? 0 : fmin(fabs(b->top), fabs(b->bottom));
	return hypot(far_x, far_y) <= outer && hypot(near_x, near_y) >= inner;
}

static void assert_in_their_rings(const struct network_picture *p, const char *svg)
{
	double radius[NETWORK_CIRCLES + 1];
	radii_drawn(svg, radius);
	struct name_box box[NETWORK_MEMBERS_MAX];
	size_t n = name_boxes(svg, box, NETWORK_MEMBERS_MAX);
	assert_int_equal(n, p->member_count);
	for (size_t i = 0; i < n; i++) {
		int k = p->members[i].circle;
		if (!inside_ring(&box[i], radius[k - 1], radius[k]))
			fail_msg("name %zu (%g..%g, %g..%g) crosses a line of circle %d (%g to %g)", i,
				 box[i].left, box[i].right, box[i].top, box[i].bottom, k,
				 radius[k - 1], radius[k]);
		for (size_t j = 0; j < i; j++)
			if (box[i].left < box[j].right && box[j].left < box[i].right &&
			    box[i].top < box[j].bottom && box[j].top < box[i].bottom)
				fail_msg("names %zu and %zu overlap", j, i);
	}
}

/* Read at 390 px or on paper, a name on a circle's line could be taken
 * for someone closer or further than they are. */
static void every_name_lies_inside_its_own_circle(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct network_picture spread = picture_of(a, 20, "Bernadette Wilhelmina ", 0);
	assert_in_their_rings(&spread, draw(a, "Sam", &spread));
	struct network_picture friends = picture_of(a, 20, "Bernadette Wilhelmina ", 2);
	assert_in_their_rings(&friends, draw(a, "Sam", &friends));
	struct network_picture most = picture_of(a, NETWORK_MEMBERS_MAX, "WWWWWWWWWWWWWWW", 0);
	assert_in_their_rings(&most, draw(a, "Sam", &most));
	for (size_t count = 1; count <= 12; count++) {
		struct network_picture few = picture_of(a, count, "Mum", 0);
		assert_in_their_rings(&few, draw(a, "Sam", &few));
	}
	arena_free(a);
}

static void long_names_end_in_an_ellipsis_at_a_character_boundary(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(network_picture_short_name(a, "Mum", 14), "Mum");
	assert_string_equal(network_picture_short_name(a, "Abcdefghijklmn", 14), "Abcdefghijklmn");
	assert_string_equal(network_picture_short_name(a, "Abcdefghijklmno", 14),
			    "Abcdefghijklm\xe2\x80\xa6");
	assert_string_equal(network_picture_short_name(a, "Auntie Jo from church", 8),
			    "Auntie\xe2\x80\xa6");
	/* Two-byte and four-byte characters are never cut in half. */
	const char *e = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
	const char *cut = network_picture_short_name(a, e, 4);
	assert_string_equal(cut, "\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
	const char *faces = "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80";
	cut = network_picture_short_name(a, faces, 2);
	assert_string_equal(cut, "\xf0\x9f\x98\x80\xe2\x80\xa6");
	assert_true(utf8_valid(cut, strlen(cut)));

	struct network_picture p = picture_of(a, 1, "\xc3\x89milie-Fran\xc3\xa7oise de la Tour ", 1);
	const char *svg = draw(a, "Sam", &p);
	assert_true(utf8_valid(svg, strlen(svg)));
	assert_non_null(strstr(svg, "\xc3\x89milie-Fran\xc3\xa7o\xe2\x80\xa6"));
	arena_free(a);
}

static void every_move_is_marked_with_a_symbol_and_a_word(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct network_picture from = picture_of(a, 3, "Before ", 0);
	struct network_picture to = picture_of(a, 3, "After ", 0);
	to.number = 2;
	/* m0 moved closer, m1 further, m2 joined; a gone member left. */
	from.members[0].circle = 3;
	to.members[0].circle = 1;
	from.members[1].circle = 1;
	to.members[1].circle = 4;
	to.members[2].member_id = "m9";
	struct network_change changes[] = {
		{"m0", "After 0", 3, 1, NETWORK_CLOSER},
		{"m1", "After 1", 1, 4, NETWORK_FURTHER},
		{"m9", "After 2", 0, 3, NETWORK_JOINED},
		{"m2", "Before 2", 3, 0, NETWORK_LEFT},
	};
	struct sb sb;
	sb_init(&sb, a, 1024 * 1024);
	network_picture_compare_svg(&sb, "Sam", &from, &to, changes, 4);
	const char *out = sb_str(&sb);
	assert_well_formed(out);
	const char *later = strstr(out, "Later:");
	assert_non_null(later);
	static const char *const in_later[] = {"class=\"mark mark-closer\"", "\xe2\x96\xb2 closer",
					       "class=\"mark mark-further\"", "\xe2\x96\xbc further",
					       "class=\"mark mark-joined\"", "+ joined"};
	for (size_t i = 0; i < sizeof in_later / sizeof *in_later; i++)
		assert_non_null(strstr(later, in_later[i]));
	const char *left = strstr(out, "class=\"mark mark-left\"");
	assert_non_null(left);
	assert_true(left < later);
	assert_non_null(strstr(out, "\xc3\x97 no longer</text>"));
	/* The keys say what each mark means. */
	assert_non_null(strstr(later, "moved closer</text>"));
	assert_non_null(strstr(later, "moved further away</text>"));
	assert_non_null(strstr(later, "joined since the earlier picture</text>"));
	assert_non_null(strstr(out, "can be called on</text>"));
	/* Two drawings, each an image with a title and a description. */
	const char *second = strstr(strstr(out, "<svg") + 1, "<svg");
	assert_non_null(second);
	assert_non_null(strstr(second, "role=\"img\""));
	assert_non_null(strstr(second, "<title"));
	assert_non_null(strstr(second, "<desc"));
	assert_non_null(strstr(out, "Later: Sam\xe2\x80\x99s network, picture 2"));
	assert_null(strstr(out, "&#39;"));

	struct sb words;
	sb_init(&words, a, 1024 * 1024);
	network_picture_changes_html(&words, changes, 4);
	const char *w = sb_str(&words);
	assert_non_null(strstr(w, "After 0 moved closer: from people they do things with to closest"));
	assert_non_null(strstr(w, "After 1 moved further away: from closest to people paid to be there"));
	assert_non_null(strstr(w, "After 2 joined, in the circle of people they do things with"));
	assert_non_null(strstr(w, "Before 2 is no longer there: was in the circle of people they do"));
	assert_well_formed(w);
	arena_free(a);
}

static void a_picture_is_an_image_with_a_title_description_and_key(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct network_picture p = picture_of(a, 5, "Friend ", 0);
	const char *svg = draw(a, "Sam", &p);
	assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "viewBox=\""));
	/* A curly apostrophe, as in every title and text (“Sam’s network”). */
	assert_non_null(strstr(svg, "<title id=\"network-later-1-title\">Sam\xe2\x80\x99s network, "
				    "picture 1, Monday 2 March 2026</title>"));
	assert_null(strstr(svg, "&#39;"));
	assert_non_null(strstr(svg, "<desc"));
	static const char *const rings[] = {"1 Closest", "2 Friends", "3 Do things together",
					    "4 Paid to be there"};
	for (size_t i = 0; i < 4; i++)
		assert_non_null(strstr(svg, rings[i]));
	/* The star marks those who can be called on (0 and 3), and the key says so. */
	assert_non_null(strstr(svg, "Friend 0 \xe2\x98\x85</text>"));
	assert_non_null(strstr(svg, "Friend 1</text>"));
	assert_non_null(strstr(svg, "\xe2\x98\x85 can be called on</text>"));
	assert_well_formed(svg);
	/* None yet still draws the circles. */
	struct network_picture none = {.number = 1, .taken_on = "2026-03-02"};
	assert_well_formed(draw(a, "Sam", &none));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostile_names_are_escaped),
		cmocka_unit_test(labels_never_overlap),
		cmocka_unit_test(every_name_lies_inside_its_own_circle),
		cmocka_unit_test(long_names_end_in_an_ellipsis_at_a_character_boundary),
		cmocka_unit_test(every_move_is_marked_with_a_symbol_and_a_word),
		cmocka_unit_test(a_picture_is_an_image_with_a_title_description_and_key),
	};
	return cmocka_run_group_tests_name("network_picture", tests, NULL, NULL);
}
