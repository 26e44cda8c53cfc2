/* The network drawn as SVG.  Positions are worked out here, not by the
 * browser: each circle is cut into rows, and a circle's names go into the
 * parts of its rows that lie wholly between its two lines, spread round
 * it clockwise from the top; a circle too thin for its names is widened
 * until they fit.  So no name sits on a line, where it could be read as
 * closer or further than the person said, and no two names touch.  The
 * viewBox then fits what was drawn, so a small network stays large
 * enough to read on a phone and a large one (up to NETWORK_MEMBERS_MAX)
 * grows instead of overlapping. */
#include "web/network_picture.h"

#include "core/arena.h"
#include "core/sb.h"
#include "domain/people/network.h"
#include "web/html.h"
#include "web/pages.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum {
	NAME_CHARS = 14,     /* a longer name is shortened to 13 and "…" */
	CENTRE_CHARS = 12,
	NAME_FONT = 15,
	NAME_LINE = 19,
	MARK_FONT = 14,
	MARK_LINE = 16,
	LABEL_FONT = 14,     /* the circles' own names */
	KEY_FONT = 18,
	KEY_LINE = 24,
	CENTRE_RADIUS = 34,
	RING_LABEL_ROW = 17,
	PAD = 6,
	GROW_TRIES = 40,
};

static const char *const circle_words[NETWORK_CIRCLES] = {
	"Closest", "Friends", "Do things together", "Paid to be there"};
static const char *const circle_long[NETWORK_CIRCLES] = {
	"Closest: the people they love and who love them",
	"Friends",
	"People they do things with",
	"People paid to be there",
};
static const char *const ring_fill[NETWORK_CIRCLES] = {"#f3f2f1", "#ffffff", "#f3f2f1",
						       "#ffffff"};

const char *network_picture_circle_label(int circle)
{
	return circle >= 1 && circle <= NETWORK_CIRCLES ? circle_long[circle - 1] : "";
}

const char *network_picture_relationship_label(const char *relationship)
{
	static const char *const labels[][2] = {
		{"family", "Family"},	    {"friend", "Friend"},
		{"neighbour", "Neighbour"}, {"colleague", "Colleague"},
		{"community", "Someone in the community"},
		{"paid", "Paid to be there"},
	};
	for (size_t i = 0; relationship && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(relationship, labels[i][0]) == 0)
			return labels[i][1];
	return relationship ? relationship : "";
}

/* How each move is marked: a symbol and a word, in a colour too. */
static const struct mark {
	const char *cls;
	const char *symbol;
	const char *word;
	const char *key;
	const char *colour;
} marks[] = {
	[NETWORK_STAYED] = {"stayed", "", "", "", "#0b0c0c"},
	[NETWORK_JOINED] = {"joined", "+", "joined", "joined since the earlier picture", "#00703c"},
	[NETWORK_LEFT] = {"left", "\xc3\x97", "no longer", "no longer in the later picture", "#505a5f"},
	[NETWORK_CLOSER] = {"closer", "\xe2\x96\xb2", "closer", "moved closer", "#1d70b8"},
	[NETWORK_FURTHER] = {"further", "\xe2\x96\xbc", "further", "moved further away", "#4c2c92"},
};
#define STAR "\xe2\x98\x85"

/* Bytes of s that hold at most max characters, at a character boundary. */
static size_t utf8_prefix(const char *s, size_t max)
{
	size_t i = 0, chars = 0;
	while (s[i]) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (chars == max)
				break;
			chars++;
		}
		i++;
	}
	return i;
}

const char *network_picture_short_name(struct arena *a, const char *name, size_t max_chars)
{
	size_t all = utf8_prefix(name, (size_t)-1);
	size_t cut = utf8_prefix(name, max_chars);
	if (cut == all)
		return name;
	cut = utf8_prefix(name, max_chars - 1);
	while (cut > 0 && name[cut - 1] == ' ')
		cut--;
	return arena_printf(a, "%.*s\xe2\x80\xa6", (int)cut, name);
}

/* A text's width in user units, a little generous: no font metrics on
 * the server, so average Latin letters are 0.6 em, symbols 0.9 and wide scripts 1. */
static double text_width(const char *s, int font)
{
	double em = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xc0) == 0x80)
			continue;
		em += *p < 0x80 ? 0.6 : *p < 0xe2 ? 0.65 : *p == 0xe2 ? 0.9 : 1.0;
	}
	return em * font;
}

struct box {
	double x, y, w, h;  /* centre and size */
};

struct label {
	const char *text;   /* the shortened name, with the star */
	enum network_move move;
	int circle;
	struct box box;
};

struct drawing {
	struct label *labels;
	size_t count;
	double radius[NETWORK_CIRCLES + 1];  /* [0] the centre, [k] circle k's outer edge */
	struct box centre;
	struct box ring_labels[NETWORK_CIRCLES];
	bool marked;        /* a comparison: labels have a second line */
	double min_x, min_y, max_x, max_y;
};

static enum network_move move_of(const struct network_placement *m,
				 const struct network_change *changes, size_t change_count,
				 bool earlier)
{
	for (size_t i = 0; m->member_id && i < change_count; i++) {
		if (!changes[i].member_id || strcmp(changes[i].member_id, m->member_id) != 0)
			continue;
		enum network_move mv = changes[i].move;
		if (earlier)
			return mv == NETWORK_LEFT ? NETWORK_LEFT : NETWORK_STAYED;
		return mv == NETWORK_LEFT ? NETWORK_STAYED : mv;
	}
	return NETWORK_STAYED;
}

/* A stretch of one row of a circle where whole labels fit: from x0 to
 * x1, the labels' middle at y; angle is where it lies, clockwise from
 * the top, so names go round the circle in order. */
struct stretch {
	double x0, x1, y, angle;
	double used;   /* the widths placed in it so far, PAD each included */
	size_t count;  /* how many */
};

enum { STRETCHES_MAX = 512 };

static int by_angle(const void *p, const void *q)
{
	const struct stretch *s = p, *t = q;
	return (s->angle > t->angle) - (s->angle < t->angle);
}

/* Adds [x0, x1] at y unless it is too short for anything. */
static void add_stretch(struct stretch *s, size_t *n, double x0, double x1, double y)
{
	if (x1 - x0 < PAD || *n == STRETCHES_MAX)
		return;
	double angle = atan2((x0 + x1) / 2, -y);
	s[(*n)++] = (struct stretch){x0, x1, y, angle < 0 ? angle + 2 * M_PI : angle, 0, 0};
}

/* Cuts the ring between inner and outer into rows label_h high and keeps
 * the parts of each row where a box lies wholly between the two lines
 * (EDGE clear of each) and clear of the circle's own name, in order
 * clockwise from the top. */
static size_t stretches(double inner, double outer, double label_h, const struct box *name,
			struct stretch *s)
{
	enum { EDGE = 2, ROW_GAP = 2 };
	double in = inner + EDGE, out = outer - EDGE;
	size_t n = 0;
	for (double top = -out; top + label_h <= out; top += label_h + ROW_GAP) {
		double bottom = top + label_h, y = top + label_h / 2;
		double far = fmax(fabs(top), fabs(bottom));
		double near = top <= 0 && bottom >= 0 ? 0 : fmin(fabs(top), fabs(bottom));
		double xo = sqrt(out * out - far * far);
		double xi = near >= in ? 0 : sqrt(in * in - near * near);
		if (xi >= xo)
			continue;
		/* The circle's name sits at the top, in the middle. */
		double keep = name->w / 2 + PAD;
		bool under_name = top < name->y + name->h / 2 && bottom > name->y - name->h / 2;
		double parts[2][2] = {{-xo, -xi}, {xi, xo}};
		int count = 2;
		if (xi == 0) {
			parts[0][1] = xo;
			count = 1;
		}
		for (int i = 0; i < count; i++) {
			double x0 = parts[i][0], x1 = parts[i][1];
			if (under_name) {
				add_stretch(s, &n, x0, fmin(x1, -keep), y);
				add_stretch(s, &n, fmax(x0, keep), x1, y);
			} else {
				add_stretch(s, &n, x0, x1, y);
			}
		}
	}
	qsort(s, n, sizeof *s, by_angle);
	return n;
}

/* Where fill put a label: its stretch, and how far along it it starts
 * before the stretch's spare room is shared out. */
struct slot {
	size_t stretch, order;
	double start;
};

/* Puts circle k's labels into the stretches in order round the circle,
 * each stretch taking about its share so they spread all the way round
 * (fair), else as many as fit; false when they do not all fit. */
static bool fill(struct drawing *d, int k, struct stretch *s, size_t n, struct slot *at,
		 bool fair)
{
	double want = 0, room = 0;
	for (size_t i = 0; i < d->count; i++)
		if (d->labels[i].circle == k + 1)
			want += d->labels[i].box.w + PAD;
	for (size_t j = 0; j < n; j++) {
		room += s[j].x1 - s[j].x0;
		s[j].used = 0;
		s[j].count = 0;
	}
	double share = room > 0 ? want / room : 1, allowed = 0, placed = 0;
	size_t j = 0;
	for (size_t i = 0; i < d->count; i++) {
		if (d->labels[i].circle != k + 1)
			continue;
		double w = d->labels[i].box.w + PAD;
		while (j < n) {
			double len = s[j].x1 - s[j].x0;
			bool fits = s[j].used + w <= len;
			bool its_share = !fair || s[j].count == 0 || placed + w / 2 <= allowed + len * share;
			if (fits && its_share)
				break;
			allowed += len * share;
			j++;
		}
		if (j == n)
			return false;
		at[i] = (struct slot){j, s[j].count++, s[j].used};
		s[j].used += w;
		placed += w;
	}
	/* A stretch's spare room goes between its labels, evenly. */
	for (size_t i = 0; i < d->count; i++) {
		struct label *l = &d->labels[i];
		if (l->circle != k + 1)
			continue;
		const struct stretch *t = &s[at[i].stretch];
		double gap = (t->x1 - t->x0 - t->used) / (double)(t->count + 1);
		l->box.x = t->x0 + gap * (double)(at[i].order + 1) + at[i].start + (l->box.w + PAD) / 2;
		l->box.y = t->y;
	}
	return true;
}

/* Circles from the centre out, each as thin as its names allow: a
 * circle's names go in rows that lie wholly inside it, so no name sits on
 * a line and reads as closer or further than it is; a circle too thin
 * for its names is widened until they fit. */
static void place(struct arena *a, struct drawing *d, const size_t per_circle[NETWORK_CIRCLES])
{
	double label_h = NAME_LINE + (d->marked ? MARK_LINE : 0);
	double r = hypot(d->centre.w / 2, d->centre.h / 2) + PAD;
	if (r < CENTRE_RADIUS)
		r = CENTRE_RADIUS;
	d->radius[0] = r;
	struct stretch *s = arena_alloc(a, STRETCHES_MAX * sizeof *s);
	struct slot *at = arena_alloc(a, (d->count + 1) * sizeof *at);
	for (int k = 0; k < NETWORK_CIRCLES; k++) {
		double band = RING_LABEL_ROW + label_h + PAD * 2;
		double lw = text_width(circle_words[k], LABEL_FONT);
		for (int tries = 0; tries < GROW_TRIES; tries++, band *= 1.12) {
			d->radius[k + 1] = r + band;
			d->ring_labels[k] = (struct box){0, -(r + band) + RING_LABEL_ROW / 2.0 + 2, lw,
							 RING_LABEL_ROW};
			if (per_circle[k] == 0)
				break;
			size_t n = stretches(r, r + band, label_h, &d->ring_labels[k], s);
			if (fill(d, k, s, n, at, true) || fill(d, k, s, n, at, false))
				break;
		}
		r = d->radius[k + 1];
	}
}

/* Which picture is drawn: alone, or one side of a comparison. */
struct side {
	bool compared;
	bool earlier;
	const struct network_change *changes;
	size_t change_count;
};

static void lay_out(struct arena *a, struct drawing *d, const char *person_name,
		    const struct network_picture *p, const struct side *s)
{
	memset(d, 0, sizeof *d);
	d->marked = s->compared;
	d->count = p ? p->member_count : 0;
	d->labels = arena_alloc(a, (d->count ? d->count : 1) * sizeof *d->labels);
	size_t per_circle[NETWORK_CIRCLES] = {0};
	double label_h = NAME_LINE + (d->marked ? MARK_LINE : 0);
	for (size_t i = 0; i < d->count; i++) {
		const struct network_placement *m = &p->members[i];
		struct label *l = &d->labels[i];
		l->circle = m->circle >= 1 && m->circle <= NETWORK_CIRCLES ? m->circle : NETWORK_CIRCLES;
		per_circle[l->circle - 1]++;
		const char *name = network_picture_short_name(a, m->name ? m->name : "", NAME_CHARS);
		l->text = m->can_call_on ? arena_printf(a, "%s " STAR, name) : name;
		l->move = move_of(m, s->changes, s->change_count, s->earlier);
		double w = text_width(l->text, NAME_FONT);
		if (l->move != NETWORK_STAYED) {
			double mw = text_width(marks[l->move].word, MARK_FONT) + 2 * MARK_FONT;
			if (mw > w)
				w = mw;
		}
		l->box.w = w;
		l->box.h = label_h;
	}
	const char *centre = network_picture_short_name(a, person_name ? person_name : "",
							CENTRE_CHARS);
	d->centre = (struct box){0, 0, text_width(centre, NAME_FONT + 1), NAME_LINE};
	place(a, d, per_circle);
	/* Every label is inside the outer circle, so it is the drawing's edge. */
	double r = d->radius[NETWORK_CIRCLES];
	d->min_x = d->min_y = -r - 2 - PAD;
	d->max_x = r + 2 + PAD;
	d->max_y = r + 2;
}

/* The key's lines under the picture. */
static int key_lines(const struct side *s)
{
	return 1 + (s->compared ? (s->earlier ? 1 : 3) : 0);
}

static void key(struct sb *out, const struct drawing *d, const struct side *s)
{
	int x = (int)lround(d->min_x) + PAD, y = (int)lround(d->max_y) + KEY_LINE + 4;
	html_printf(out, "<g class=\"key\" font-size=\"%d\"><text x=\"%d\" y=\"%d\">"
			 "<tspan font-weight=\"bold\">Key:</tspan> %s can be called on</text>\n",
		    KEY_FONT, x, y, STAR);
	static const enum network_move later[] = {NETWORK_JOINED, NETWORK_CLOSER, NETWORK_FURTHER};
	for (int i = 0; i < key_lines(s) - 1; i++) {
		const struct mark *m = &marks[s->earlier ? NETWORK_LEFT : later[i]];
		y += KEY_LINE;
		html_printf(out, "<text x=\"%d\" y=\"%d\"><tspan fill=\"%s\" font-weight=\"bold\">"
				 "%s %s</tspan>: %s</text>\n",
			    x, y, m->colour, m->symbol, m->word, m->key);
	}
	html_printf(out, "</g>\n");
}

static void draw(struct sb *out, const char *person_name, const struct network_picture *p,
		 const struct side *s, const char *title, const char *desc)
{
	struct drawing d;
	lay_out(out->arena, &d, person_name, p, s);
	int min_x = (int)floor(d.min_x), min_y = (int)floor(d.min_y);
	int width = (int)ceil(d.max_x) - min_x;
	/* The key is as wide as its longest line. */
	double key_w = text_width("\xe2\x96\xbc further: moved further away", KEY_FONT) + 2 * PAD;
	if (key_w > width)
		width = (int)ceil(key_w);
	int height = (int)ceil(d.max_y) - min_y + key_lines(s) * KEY_LINE + 12;
	const char *id = arena_printf(out->arena, "network-%s-%ld", s->earlier ? "earlier" : "later",
				      p ? p->number : 0L);
	html_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-network-picture\" "
			 "viewBox=\"%d %d %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
			 "aria-labelledby=\"%s-title %s-desc\" font-family=\"Arial, Helvetica, "
			 "sans-serif\">\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n",
		    min_x, min_y, width, height, width, height, id, id, id, title, id, desc);
	for (int k = NETWORK_CIRCLES; k >= 1; k--)
		html_printf(out, "<circle cx=\"0\" cy=\"0\" r=\"%d\" fill=\"%s\" stroke=\"#505a5f\" "
				 "stroke-width=\"1.5\"/>\n",
			    (int)lround(d.radius[k]), ring_fill[k - 1]);
	html_printf(out, "<circle cx=\"0\" cy=\"0\" r=\"%d\" fill=\"#ffffff\" stroke=\"#0b0c0c\" "
			 "stroke-width=\"2\"/>\n",
		    (int)lround(d.radius[0]));
	for (int k = 0; k < NETWORK_CIRCLES; k++)
		html_printf(out, "<text class=\"ring\" x=\"0\" y=\"%d\" text-anchor=\"middle\" "
				 "font-size=\"%d\" font-style=\"italic\" fill=\"#505a5f\">%d %s</text>\n",
			    (int)lround(d.ring_labels[k].y + LABEL_FONT / 2.0 - 1), LABEL_FONT, k + 1,
			    circle_words[k]);
	html_printf(out, "<text class=\"centre\" x=\"0\" y=\"5\" text-anchor=\"middle\" "
			 "font-size=\"%d\" font-weight=\"bold\">%s</text>\n",
		    NAME_FONT + 1,
		    network_picture_short_name(out->arena, person_name ? person_name : "",
					       CENTRE_CHARS));
	html_printf(out, "<g font-size=\"%d\" text-anchor=\"middle\" paint-order=\"stroke\" "
			 "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\">\n",
		    NAME_FONT);
	for (size_t i = 0; i < d.count; i++) {
		const struct label *l = &d.labels[i];
		int x = (int)lround(l->box.x);
		int top = (int)lround(l->box.y - l->box.h / 2);
		html_printf(out, "<text class=\"name\" x=\"%d\" y=\"%d\" fill=\"#0b0c0c\">%s</text>\n", x,
			    top + NAME_LINE - 4, l->text);
		if (l->move != NETWORK_STAYED) {
			const struct mark *m = &marks[l->move];
			html_printf(out, "<text class=\"mark mark-%s\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
					 "font-weight=\"bold\" fill=\"%s\">%s %s</text>\n",
				    m->cls, x, top + NAME_LINE + MARK_LINE - 4,
				    MARK_FONT, m->colour, m->symbol, m->word);
		}
	}
	html_printf(out, "</g>\n");
	key(out, &d, s);
	html_printf(out, "</svg>\n");
}

/* "Mum, Dad and Sue closest; ..." would be long: the desc counts, and the
 * list beside the picture names everyone. */
static const char *describe(struct arena *a, const char *person_name,
			    const struct network_picture *p, const char *extra)
{
	size_t per[NETWORK_CIRCLES] = {0};
	for (size_t i = 0; p && i < p->member_count; i++)
		if (p->members[i].circle >= 1 && p->members[i].circle <= NETWORK_CIRCLES)
			per[p->members[i].circle - 1]++;
	return arena_printf(a, "Four circles round %s. Closest: %zu; friends: %zu; people they do "
			       "things with: %zu; people paid to be there: %zu. A star marks someone "
			       "they can call on.%s The list beside the picture names everyone.",
			    person_name ? person_name : "them", per[0], per[1], per[2], per[3],
			    extra ? extra : "");
}

/* "Monday 2 March 2026" for a picture's date. */
static const char *long_date(struct arena *a, const struct network_picture *p)
{
	struct date d;
	if (!p || !p->taken_on || !date_parse(p->taken_on, &d))
		return p && p->taken_on ? p->taken_on : "";
	return page_long_date(a, d);
}

/* "Sam’s network", with the curly apostrophe of every title; "Their
 * network" with no name. */
static const char *whose(struct arena *a, const char *person_name)
{
	return person_name ? arena_printf(a, "%s\xe2\x80\x99s network", person_name)
			   : "Their network";
}

void network_picture_svg(struct sb *out, const char *person_name,
			 const struct network_picture *picture)
{
	const char *title = arena_printf(out->arena, "%s, picture %ld, %s",
					 whose(out->arena, person_name),
					 picture ? picture->number : 0L, long_date(out->arena, picture));
	static const struct side alone = {false, false, NULL, 0};
	draw(out, person_name, picture, &alone, title,
	     describe(out->arena, person_name, picture, NULL));
}

static const char *count_moves(struct arena *a, const struct network_change *changes,
			       size_t count, bool earlier)
{
	size_t n[NETWORK_FURTHER + 1] = {0};
	for (size_t i = 0; i < count; i++)
		n[changes[i].move]++;
	if (earlier)
		return arena_printf(a, " Marked no longer there: %zu.", n[NETWORK_LEFT]);
	return arena_printf(a, " Marked joined: %zu; moved closer: %zu; moved further away: %zu.",
			    n[NETWORK_JOINED], n[NETWORK_CLOSER], n[NETWORK_FURTHER]);
}

void network_picture_compare_svg(struct sb *out, const char *person_name,
				 const struct network_picture *from,
				 const struct network_picture *to,
				 const struct network_change *changes, size_t change_count)
{
	struct arena *a = out->arena;
	html_printf(out, "<div class=\"app-network-pair\">\n");
	const struct network_picture *both[2] = {from, to};
	for (int i = 0; i < 2; i++) {
		const struct network_picture *p = both[i];
		bool earlier = i == 0;
		const char *title = arena_printf(a, "%s %s, picture %ld, %s",
						 earlier ? "Earlier:" : "Later:", whose(a, person_name),
						 p ? p->number : 0L, long_date(a, p));
		html_printf(out, "<figure class=\"app-network-pair__item\">\n"
				 "<figcaption class=\"govuk-body govuk-!-font-weight-bold\">%s picture "
				 "%ld, %s</figcaption>\n",
			    earlier ? "Earlier:" : "Later:", p ? p->number : 0L, long_date(a, p));
		struct side side = {true, earlier, changes, change_count};
		draw(out, person_name, p, &side, title,
		     describe(a, person_name, p, count_moves(a, changes, change_count, earlier)));
		html_printf(out, "</figure>\n");
	}
	html_printf(out, "</div>\n");
}

/* Circle k in a sentence: "moved closer: from friends to closest". */
static const char *const circle_short[NETWORK_CIRCLES] = {
	"closest", "friends", "people they do things with", "people paid to be there"};
static const char *const circle_in[NETWORK_CIRCLES] = {
	"the closest circle", "the friends circle", "the circle of people they do things with",
	"the circle of people paid to be there"};

static const char *circle_of(const char *const words[NETWORK_CIRCLES], int circle)
{
	return circle >= 1 && circle <= NETWORK_CIRCLES ? words[circle - 1] : "";
}

/* How c moved, as a sentence that follows its name. */
static const char *move_words(struct arena *a, const struct network_change *c)
{
	switch (c->move) {
	case NETWORK_JOINED:
		return arena_printf(a, "joined, in %s", circle_of(circle_in, c->to_circle));
	case NETWORK_CLOSER:
		return arena_printf(a, "moved closer: from %s to %s",
				    circle_of(circle_short, c->from_circle),
				    circle_of(circle_short, c->to_circle));
	case NETWORK_FURTHER:
		return arena_printf(a, "moved further away: from %s to %s",
				    circle_of(circle_short, c->from_circle),
				    circle_of(circle_short, c->to_circle));
	case NETWORK_LEFT:
		return arena_printf(a, "is no longer there: was in %s",
				    circle_of(circle_in, c->from_circle));
	case NETWORK_STAYED:
		break;
	}
	return arena_printf(a, "stayed in %s", circle_of(circle_in, c->to_circle));
}

void network_picture_changes_html(struct sb *out, const struct network_change *changes,
				  size_t change_count)
{
	size_t moved = 0;
	for (size_t i = 0; i < change_count; i++) {
		const struct network_change *c = &changes[i];
		if (c->move == NETWORK_STAYED)
			continue;
		if (moved++ == 0)
			html_printf(out, "<ul class=\"govuk-list app-network-changes\">\n");
		html_printf(out, "<li><strong class=\"app-network-move app-network-move--%s\">%s</strong> "
				 "%s %s</li>\n",
			    marks[c->move].cls, marks[c->move].symbol, c->name ? c->name : "",
			    move_words(out->arena, c));
	}
	if (moved)
		html_printf(out, "</ul>\n");
	else
		html_printf(out, "<p class=\"govuk-body\">Everyone is in the same circle as before.</p>\n");
}

static void member_row(struct sb *out, const struct network_placement *m,
		       const struct network_change *changes, size_t change_count)
{
	html_printf(out, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			 "%s</dt><dd class=\"govuk-summary-list__value\">%s",
		    m->name, network_picture_relationship_label(m->relationship));
	if (m->relationship_words && *m->relationship_words)
		html_printf(out, ": “%s”", m->relationship_words);
	if (m->can_call_on)
		html_printf(out, "<br>%s Can be called on", STAR);
	for (size_t i = 0; changes && m->member_id && i < change_count; i++) {
		const struct network_change *c = &changes[i];
		if (!c->member_id || strcmp(c->member_id, m->member_id) != 0 || c->move == NETWORK_STAYED ||
		    c->move == NETWORK_LEFT)
			continue;
		char *words = arena_strdup(out->arena, move_words(out->arena, c));
		words[0] = (char)toupper((unsigned char)words[0]);
		html_printf(out, "<br><strong class=\"app-network-move app-network-move--%s\">%s "
				 "%s</strong>",
			    marks[c->move].cls, marks[c->move].symbol, words);
	}
	html_printf(out, "</dd></div>\n");
}

void network_picture_list_html(struct sb *out, const struct network_picture *picture,
			       const struct network_change *changes, size_t change_count)
{
	html_printf(out, "<div class=\"app-network-list\">\n");
	for (int k = 1; k <= NETWORK_CIRCLES; k++) {
		html_printf(out, "<h3 class=\"govuk-heading-s\">%d. %s</h3>\n", k, circle_long[k - 1]);
		size_t shown = 0;
		for (size_t i = 0; picture && i < picture->member_count; i++) {
			if (picture->members[i].circle != k)
				continue;
			if (shown++ == 0)
				html_printf(out, "<dl class=\"govuk-summary-list\">\n");
			member_row(out, &picture->members[i], changes, change_count);
		}
		if (shown)
			html_printf(out, "</dl>\n");
		else
			html_printf(out, "<p class=\"govuk-body\">No one in this circle.</p>\n");
	}
	size_t gone = 0;
	for (size_t i = 0; changes && i < change_count; i++) {
		const struct network_change *c = &changes[i];
		if (c->move != NETWORK_LEFT)
			continue;
		if (gone++ == 0)
			html_printf(out, "<h3 class=\"govuk-heading-s\">No longer there</h3>\n"
					 "<dl class=\"govuk-summary-list\">\n");
		html_printf(out, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				 "%s</dt><dd class=\"govuk-summary-list__value\"><strong class=\"app-network-move "
				 "app-network-move--left\">%s No longer there</strong>: was in %s</dd></div>\n",
			    c->name, marks[NETWORK_LEFT].symbol, circle_of(circle_in, c->from_circle));
	}
	if (gone)
		html_printf(out, "</dl>\n");
	html_printf(out, "</div>\n");
}
