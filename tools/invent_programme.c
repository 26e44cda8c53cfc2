/*
 * invent_programme: an invented history of a Local Area Coordination
 * programme, for the demo and for bench/reports.
 *
 *   invent_programme --db URL --scale demo|bench [--seed N]
 *                    [--today YYYY-MM-DD] [--people N]
 *
 * The reports need months of work to show: introductions with their
 * replies (on the working-day clock: weekends, bank holidays and the
 * coordinator's leave skipped), conversations, involvements started,
 * ended with reasons and returned to, outcome sittings on the five
 * domains, ONS four answers, costs avoided, capacity changes and leave.
 * Everything is dated relative to --today (default: today in the UK), so
 * "last quarter" always has data, and drawn from one generator seeded by
 * --seed: the same seed and day give the same rows, ids included.
 *
 *   demo   the York demo's covered areas and their coordinators (load
 *          scripts/load-demo first): about 25 introductions a month an
 *          area over 18 months.
 *   bench  300 coordinators (made here, sharing the password hash of the
 *          first account that has one) across every York area, a
 *          programme manager (bench.manager, the same password), and
 *          --people people (default 100,000) with on average 40
 *          conversations each (4,000,000), the rest in proportion.
 *
 * Names are clearly invented ("Margaret Example").  The unit costs are
 * filled in only where none are, marked "Invented for the demo: replace
 * with your council's figures".  The five domains' statements are added
 * only if missing, with the ids slice B's migration gives them.
 *
 * A programme that already has introductions is left alone (exit 0 with
 * a line saying so): scripts/load-demo can run it every time.  Everything
 * goes in one transaction of multi-row INSERTs through src/db, the same
 * code on both backends, as bench/people's seed does.  Prints the rows
 * written a table, and the seconds taken.
 */
#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/sb.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/outcomes/standing.h"
#include "domain/people/involvement.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH_ROWS 200
#define MONTHS 18
#define BENCH_COORDINATORS 300
#define LEAVE_MAX 8

static void die(const char *what, const char *why)
{
	fprintf(stderr, "invent_programme: %s: %s\n", what, why);
	exit(1);
}

/* ---- the one source of chance ---- */

static unsigned long long state;

static unsigned pick(unsigned n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((state >> 33) % n);
}

/* True with the given chance in 100. */
static bool chance(unsigned percent)
{
	return pick(100) < percent;
}

/* One of the labels by weight: weights add up to 100. */
static const char *weighted(const char *const *labels, const unsigned *weights, size_t n)
{
	unsigned r = pick(100), sum = 0;
	for (size_t i = 0; i < n; i++) {
		sum += weights[i];
		if (r < sum)
			return labels[i];
	}
	return labels[n - 1];
}
#define WEIGHTED(l, w) weighted(l, w, sizeof l / sizeof l[0])

/* ---- rows, held and sent BATCH_ROWS to an INSERT ---- */

struct table {
	const char *name;
	const char *columns;       /* "(id, name)" */
	size_t width;
	const char *full_sql;      /* the INSERT for BATCH_ROWS rows */
	struct arena *a;           /* the rows' values */
	struct db_param *p;        /* width values a row */
	size_t rows, cap;
	long total;
};

static struct arena *run_arena;

/* The INSERT for n rows: the table and columns are this file's own. */
static const char *insert_sql(struct arena *a, const struct table *t, size_t n)
{
	struct sb sb;
	sb_init(&sb, a, 256 * 1024);
	sb_puts(&sb, "INSERT INTO ");
	sb_puts(&sb, t->name);
	sb_putc(&sb, ' ');
	sb_puts(&sb, t->columns);
	sb_puts(&sb, " VALUES ");
	for (size_t i = 0; i < n; i++) {
		sb_puts(&sb, i ? ", (" : "(");
		for (size_t j = 0; j < t->width; j++)
			sb_printf(&sb, "%s$%zu", j ? ", " : "", i * t->width + j + 1);
		sb_putc(&sb, ')');
	}
	if (sb_failed(&sb))
		die(t->name, "the INSERT is too long");
	return sb_str(&sb);
}

static void table_init(struct table *t, const char *name, const char *columns, size_t width)
{
	*t = (struct table){.name = name, .columns = columns, .width = width, .a = arena_new()};
	if (!t->a)
		die(name, "out of memory");
	t->full_sql = insert_sql(run_arena, t, BATCH_ROWS);
}

static void flush(struct db_conn *c, struct table *t)
{
	struct err e;
	for (size_t off = 0; off < t->rows; off += BATCH_ROWS) {
		size_t n = t->rows - off < BATCH_ROWS ? t->rows - off : BATCH_ROWS;
		const char *sql = n == BATCH_ROWS ? t->full_sql : insert_sql(t->a, t, n);
		if (db_query_counted(c, t->a, sql, t->p + off * t->width, n * t->width, NULL,
				     &e) < 0)
			die(t->name, e.msg);
	}
	t->total += (long)t->rows;
}

/* After every table's flush: a row's values may live in another table's
 * arena (an id is made where its row is). */
static void table_reset(struct table *t)
{
	arena_free(t->a);
	t->a = arena_new();
	if (!t->a)
		die(t->name, "out of memory");
	t->p = NULL;
	t->rows = t->cap = 0;
}

static void add(struct table *t, const struct db_param *values)
{
	t->p = arena_grow(t->a, t->p, t->rows, &t->cap, t->width * sizeof *t->p);
	memcpy(t->p + t->rows * t->width, values, t->width * sizeof *values);
	t->rows++;
}

static struct db_param text(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static struct db_param text(struct table *t, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return DB_TEXT(arena_strdup(t->a, buf));
}

/* An id from the seed, shaped as core/id makes them, so a run is
 * repeatable to the id. */
static const char *new_id(struct table *t)
{
	char id[ID_HEX_LEN + 1];
	for (int i = 0; i < ID_HEX_LEN; i++)
		id[i] = "0123456789abcdef"[pick(16)];
	id[ID_HEX_LEN] = '\0';
	return arena_strdup(t->a, id);
}

static struct table users_t, roles_t, role_areas_t, capacity_t, leave_t, intros_t,
	intro_history_t, people_t, involvements_t, inv_people_t, inv_history_t,
	conversations_t, reviews_t, ratings_t, wellbeing_t, costs_t;

/* In the order of the foreign keys. */
static struct table *const all_tables[] = {
	&users_t,	  &roles_t,	  &role_areas_t,   &capacity_t, &leave_t,
	&people_t,	  &intros_t,	  &intro_history_t, &involvements_t, &inv_people_t,
	&inv_history_t,	  &conversations_t, &reviews_t,	   &ratings_t, &wellbeing_t,
	&costs_t};
#define TABLE_COUNT (sizeof all_tables / sizeof all_tables[0])

static void tables_init(void)
{
	table_init(&users_t, "users",
		   "(id, username, display_name, password_hash, created_at, updated_at)", 6);
	table_init(&roles_t, "user_roles", "(user_id, role)", 2);
	table_init(&role_areas_t, "user_role_areas", "(user_id, role, area_id)", 3);
	table_init(&capacity_t, "capacity_changes",
		   "(id, user_id, capacity, from_on, set_by, set_at)", 6);
	table_init(&leave_t, "leave", "(id, user_id, starts_on, ends_on, created_by, created_at)",
		   6);
	table_init(&intros_t, "introductions",
		   "(id, status, area_id, placement, distance_m, person_name, person_phone,"
		   " background, introduced_by, introducer_name, introducer_organisation,"
		   " person_knows, channel, urgent, received_at, due_on, created_by, created_at,"
		   " updated_at, person_id, replied_at)",
		   21);
	table_init(&intro_history_t, "introduction_history",
		   "(id, introduction_id, at, user_id, status, note)", 6);
	table_init(&people_t, "people",
		   "(id, name, preferred_name, phone, area_id, coordinator_id, what_matters,"
		   " created_by, created_at, updated_at)",
		   10);
	table_init(&involvements_t, "involvements",
		   "(id, kind, area_id, introduction_id, started_on, ended_on, end_reason,"
		   " end_words, ended_by, created_by, created_at, updated_at, first_conversation_at)",
		   13);
	table_init(&inv_people_t, "involvement_people", "(involvement_id, person_id)", 2);
	table_init(&inv_history_t, "involvement_history",
		   "(id, involvement_id, at, user_id, event, kind, note, seq)", 8);
	table_init(&conversations_t, "conversations",
		   "(id, person_id, involvement_id, at, how, state, place, good_life,"
		   " next_step, next_step_on, created_by, created_at)",
		   12);
	table_init(&reviews_t, "outcome_reviews",
		   "(id, person_id, involvement_id, point, taken_on, declined, declined_words,"
		   " created_by, created_at)",
		   9);
	table_init(&ratings_t, "outcome_ratings", "(review_id, statement_id, rating, words)", 4);
	table_init(&wellbeing_t, "wellbeing_answers",
		   "(id, person_id, involvement_id, point, taken_on, declined, life_satisfaction,"
		   " worthwhile, happy, anxious, created_by, created_at)",
		   12);
	table_init(&costs_t, "cost_events",
		   "(id, person_id, involvement_id, kind, happened_on, quantity, person_view,"
		   " created_by, created_at)",
		   9);
}

static void flush_all(struct db_conn *c)
{
	for (size_t t = 0; t < TABLE_COUNT; t++)
		flush(c, all_tables[t]);
	for (size_t t = 0; t < TABLE_COUNT; t++)
		table_reset(all_tables[t]);
}

/* ---- what the programme's people and introducers are like ---- */

static const char *const first_names[] = {
	"Margaret", "Joe",    "Peggy",  "Arthur", "Doreen", "Kwame", "Ewa",    "Liam",
	"Sophie",   "Aisha",  "Harry",  "Fatima", "Olivia", "Jack",  "Chloe",  "Noah",
	"Amira",    "George", "Ruth",   "Tariq",  "Megan",  "Owen",  "Hannah", "Ravi",
	"Isla",     "Callum", "Maya",   "Declan", "Lily",   "Arjun", "Niamh",  "Ben",
	"Zara",     "Peter",  "Agnes",  "Frank",  "Mavis",  "Stan",  "Edna",   "Pat"};
/* Clearly not anyone's real name. */
static const char *const surnames[] = {
	"Example", "Sample",  "Specimen", "Madeup",  "Pretend",  "Fictional",
	"Invented", "Testcase", "Dummy",   "Placeholder", "Notreal", "Democase"};
static const char *const matters[] = {
	"Getting back to the allotment", "Seeing my grandchildren every week",
	"Singing again, in a choir", "Feeling less on my own in the evenings",
	"Getting out to the shops on my own", "Walking by the river again",
	"Cooking for friends", "Sorting out the letters from the council"};
static const char *const backgrounds[] = {
	"Lives alone since her husband died and has stopped going out.",
	"Moved to York last year and knows nobody nearby.",
	"Finding it hard to cope after a fall; family live far away.",
	"Would like to get back into work or volunteering.",
	"Caring for his mum and has no time for himself.",
	"Lost touch with friends after a long spell in hospital."};
static const char *const organisations[] = {
	"Acomb Surgery (invented)", "York housing team (invented)",
	"Adult social care (invented)", "St Example's School", "Hospital discharge team (invented)"};
static const char *const groups[] = {"Tuesday lunch club (invented)",
				     "St Madeup's church (invented)", "Example Walking Group"};

static const char *const introducer_kinds[] = {"self", "family_or_friend", "professional",
					       "community_group"};
static const unsigned introducer_weights[] = {25, 30, 35, 10};
static const char *const channels[] = {"phone", "email", "web", "face_to_face", "drop_in",
				       "text", "voicemail", "facebook"};
static const unsigned channel_weights[] = {34, 20, 20, 8, 7, 6, 3, 2};
static const char *const knows[] = {"yes", "not_asked", "no"};
static const unsigned knows_weights[] = {86, 10, 4};
/* What follows the first reply. */
static const char *const decisions[] = {"walking_alongside", "information_only", "not_now",
					"other_service", "outside_area", "conversation_arranged"};
/* The demo's: about eight a month an area walked alongside, so that with
 * most ending within a year a coordinator's caseload stays near their
 * capacity.  The bench's: more people from the same introductions. */
static const unsigned demo_decisions[] = {32, 35, 14, 10, 3, 6};
static const unsigned bench_decisions[] = {46, 25, 12, 8, 3, 6};
static const char *const hows[] = {"met", "phone", "met", "text", "met", "drop_in", "email",
				   "video"};
static const char *const places[] = {"The café on the green", "At home",
				     "The library", "The community centre"};
static const char *const end_reasons[] = {"in_place", "person_chose", "moved_away",
					  "no_contact", "died", "other"};
static const unsigned end_weights[] = {42, 25, 10, 13, 3, 7};
static const char *const cost_kinds[] = {"gp_visit", "ae_visit", "hospital_stay",
					 "crisis_resolved", "safeguarding_resolved",
					 "eviction_avoided", "care_package_not_needed",
					 "care_package_smaller"};
static const unsigned cost_weights[] = {34, 18, 10, 12, 6, 5, 7, 8};
static const char *const views[] = {
	"I'd have been back at the doctor's for the loneliness, really.",
	"Without the lunch club I'd have ended up in A&E again.",
	"The landlord would have had me out if we hadn't sorted the letters.",
	"My daughter says I'd have needed carers by now.",
	"I would have rung the crisis line again that night."};

/* The five domains, as schema/020-outcomes.sql seeds them, and a few
 * things people said beside a rating. */
static const char *const domain_keys[5] = {"safe", "strong", "connected", "healthy",
					   "in_control"};
static const char *const rating_words[] = {
	"Better than when we first met.",
	"Still some hard days, but fewer.",
	"I've got the lunch club now.",
	"My neighbour pops in on Tuesdays.",
	"Not sure yet, ask me next time.",
	"Feeling more like myself."};

/* ---- the programme ---- */

enum scale { SCALE_DEMO, SCALE_BENCH };

struct coordinator {
	const char *id;
	const char *area;
	struct day_range leave[LEAVE_MAX];
	size_t leave_count;
};

struct run {
	enum scale scale;
	long today;                /* days since the epoch */
	long first;                /* the first day of the history */
	const struct holidays *h;
	const char *statement_ids[5];
	double intros_per_month;   /* a coordinator's */
	const unsigned *decision_weights; /* as decisions[] */
	unsigned walk_end_percent; /* walking alongside that ends ... */
	unsigned walk_days_min, walk_days_spread; /* ... after so many days */
	unsigned gap_min, gap_spread; /* days between conversations */
};

static void day(long days, char out[11])
{
	date_format(date_from_days(days), out);
}

static struct db_param day_param(struct table *t, long days)
{
	char d[11];
	day(days, d);
	return text(t, "%s", d);
}

static struct db_param at_param(struct table *t, long days, unsigned hour, unsigned minute)
{
	char d[11];
	day(days, d);
	return text(t, "%sT%02u:%02u:00.000Z", d, hour, minute);
}

static long workdays_from(const struct run *r, const struct coordinator *co, long from,
			  int count)
{
	return date_to_days(workdays_after(r->h, date_from_days(from), count, co->leave,
					   co->leave_count));
}

/* Each coordinator's leave: a week or two in summer and days at
 * Christmas, each year of the history. */
static void invent_leave(const struct run *r, struct coordinator *co)
{
	int first_year = date_from_days(r->first).year, last_year = date_from_days(r->today).year;
	for (int y = first_year; y <= last_year && co->leave_count + 2 <= LEAVE_MAX; y++) {
		long summer = date_to_days((struct date){y, 7, 1}) + (long)pick(60);
		long christmas = date_to_days((struct date){y, 12, 22}) + (long)pick(3);
		long spans[2][2] = {{summer, summer + 6 + 7 * (long)pick(2)},
				    {christmas, christmas + 4 + (long)pick(4)}};
		for (int k = 0; k < 2; k++) {
			if (spans[k][0] < r->first || spans[k][0] > r->today + 60)
				continue;
			co->leave[co->leave_count++] = (struct day_range){spans[k][0], spans[k][1]};
			struct db_param v[] = {DB_TEXT(new_id(&leave_t)), DB_TEXT(co->id),
					       day_param(&leave_t, spans[k][0]),
					       day_param(&leave_t, spans[k][1]), DB_TEXT(co->id),
					       at_param(&leave_t, spans[k][0] - 30, 10, 0)};
			add(&leave_t, v);
		}
	}
}

/* Capacity over time: lower in the first months of the history, raised
 * twice since.  The figure today is users.capacity's (its entry came with
 * the account), so these are all earlier. */
static void invent_capacity(const struct run *r, const struct coordinator *co)
{
	long when[2] = {r->first - 30, r->first + 180 + (long)pick(120)};
	int figure[2] = {40, 48};
	for (int k = 0; k < 2; k++) {
		struct db_param v[] = {DB_TEXT(new_id(&capacity_t)), DB_TEXT(co->id), DB_INT(figure[k]),
				       day_param(&capacity_t, when[k]), DB_NULL,
				       at_param(&capacity_t, when[k], 9, 0)};
		add(&capacity_t, v);
	}
}

static void history(const char *intro, long d, unsigned hour, unsigned minute,
		    const char *user, const char *status, const char *note)
{
	struct db_param v[] = {DB_TEXT(new_id(&intro_history_t)), DB_TEXT(intro),
			       at_param(&intro_history_t, d, hour, minute),
			       user ? DB_TEXT(user) : DB_NULL, DB_TEXT(status),
			       note ? DB_TEXT(note) : DB_NULL};
	add(&intro_history_t, v);
}

static void inv_event(const char *inv, long d, const char *user, const char *event,
		      const char *kind, const char *note, int seq)
{
	struct db_param v[] = {DB_TEXT(new_id(&inv_history_t)), DB_TEXT(inv),
			       at_param(&inv_history_t, d, 16, 30), DB_TEXT(user), DB_TEXT(event),
			       DB_TEXT(kind), note ? DB_TEXT(note) : DB_NULL, DB_INT(seq)};
	add(&inv_history_t, v);
}

/* Returns its time, for the involvement's first_conversation_at. */
static struct db_param conversation(const struct coordinator *co, const char *person,
				    const char *inv, long d, bool good_life)
{
	const char *how = hows[pick(8)];
	bool next = chance(50);
	struct db_param v[] = {
		DB_TEXT(new_id(&conversations_t)),
		DB_TEXT(person),
		DB_TEXT(inv),
		at_param(&conversations_t, d, 9 + pick(8), pick(60)),
		DB_TEXT(how),
		DB_TEXT("held"),
		strcmp(how, "met") == 0 ? DB_TEXT(places[pick(4)]) : DB_NULL,
		DB_INT(good_life),
		next ? DB_TEXT("Go to the drop-in together") : DB_NULL,
		next ? day_param(&conversations_t, d + 14) : DB_NULL,
		DB_TEXT(co->id),
		at_param(&conversations_t, d, 18, 0)};
	add(&conversations_t, v);
	return v[3];
}

/* One sitting on the five domains; `level` (10 = 1.0) is where the
 * person is, moving up a little over time. */
static void sitting(const struct run *r, const struct coordinator *co, const char *person,
		    const char *inv, const char *point, long d, int level[5])
{
	const char *id = new_id(&reviews_t);
	bool declined = chance(4);
	struct db_param v[] = {DB_TEXT(id), DB_TEXT(person), DB_TEXT(inv), DB_TEXT(point),
			       day_param(&reviews_t, d), DB_INT(declined),
			       declined && chance(60) ? DB_TEXT("Not today, thank you") : DB_NULL,
			       DB_TEXT(co->id), at_param(&reviews_t, d, 17, 0)};
	add(&reviews_t, v);
	for (int k = 0; k < 5; k++) {
		if (declined)
			break;
		int rating = (level[k] + 5) / 10;
		rating = rating < 1 ? 1 : rating > 5 ? 5 : rating;
		bool skip = chance(3);
		struct db_param g[] = {DB_TEXT(id), DB_TEXT(r->statement_ids[k]),
				       skip ? DB_NULL : DB_INT(rating),
				       !skip && chance(15)
					       ? DB_TEXT(rating_words[pick(sizeof rating_words /
									   sizeof *rating_words)])
					       : DB_NULL};
		add(&ratings_t, g);
	}
	/* Modest improvement: most move a little, a few slip back. */
	for (int k = 0; k < 5; k++)
		level[k] += (int)pick(9) - 2;
}

static void wellbeing(const struct coordinator *co, const char *person, const char *inv,
		      const char *point, long d, int lift)
{
	bool declined = chance(6);
	int ls = 2 + (int)pick(7) + lift, ww = 3 + (int)pick(7) + lift,
	    hp = 2 + (int)pick(7) + lift, ax = 8 - (int)pick(7) - lift;
	struct db_param clip[4];
	int values[4] = {ls, ww, hp, ax};
	for (int k = 0; k < 4; k++) {
		int x = values[k] < 0 ? 0 : values[k] > 10 ? 10 : values[k];
		clip[k] = declined || chance(2) ? DB_NULL : DB_INT(x);
	}
	struct db_param v[] = {DB_TEXT(new_id(&wellbeing_t)), DB_TEXT(person), DB_TEXT(inv),
			       DB_TEXT(point), day_param(&wellbeing_t, d), DB_INT(declined),
			       clip[0], clip[1], clip[2], clip[3], DB_TEXT(co->id),
			       at_param(&wellbeing_t, d, 17, 5)};
	add(&wellbeing_t, v);
}

static void cost_event(const struct coordinator *co, const char *person, const char *inv,
		       long d)
{
	const char *kind = WEIGHTED(cost_kinds, cost_weights);
	int quantity = 1;
	if (strcmp(kind, "hospital_stay") == 0)
		quantity = 1 + (int)pick(7);
	else if (strncmp(kind, "care_package", 12) == 0)
		quantity = 4 + (int)pick(26);
	else if (strcmp(kind, "gp_visit") == 0)
		quantity = 1 + (int)pick(4);
	struct db_param v[] = {DB_TEXT(new_id(&costs_t)), DB_TEXT(person), DB_TEXT(inv),
			       DB_TEXT(kind), day_param(&costs_t, d), DB_INT(quantity),
			       DB_TEXT(views[pick(5)]), DB_TEXT(co->id),
			       at_param(&costs_t, d, 17, 10)};
	add(&costs_t, v);
}

/* An involvement from `start`: conversations until its end or today,
 * and for walking alongside, sittings, ONS four and costs avoided.
 * Returns the day it ended, or 0 while it goes on. */
static long involvement(const struct run *r, const struct coordinator *co, const char *person,
			const char *intro, const char *kind, long start, bool is_return)
{
	bool walking = strcmp(kind, "walking_alongside") == 0;
	const char *inv = new_id(&involvements_t);
	long end = 0;
	const char *reason = NULL;
	if (walking && chance(r->walk_end_percent))
		end = start + r->walk_days_min + (long)pick(r->walk_days_spread);
	else if (!walking && chance(85))
		end = start + 7 + (long)pick(40);
	if (end >= r->today)
		end = 0;
	if (end)
		reason = walking ? WEIGHTED(end_reasons, end_weights) : "in_place";
	const char *ended_by = !reason                               ? NULL
			       : strcmp(reason, "in_place") == 0     ? "agreement"
			       : strcmp(reason, "person_chose") == 0 ? "person"
								     : "coordinator";
	if (!walking && end)
		ended_by = "coordinator";
	long last = end ? end : r->today - 1;
	/* Conversations: a few for short-term help; walking alongside, one
	 * every gap days. */
	long d = start + (long)pick(3);
	int held = 0, limit = walking ? 1000 : 1 + (int)pick(3);
	struct db_param first_at = DB_NULL;
	while (d <= last && d < r->today && held < limit) {
		struct db_param at = conversation(co, person, inv, d, walking && held == 0);
		if (held == 0)
			first_at = at;
		held++;
		d += walking ? (long)(r->gap_min + pick(r->gap_spread)) : 1 + (long)pick(10);
	}
	/* Added after its conversations, to carry the first one's time;
	 * flush_all sends it first all the same. */
	struct db_param v[] = {
		DB_TEXT(inv),
		DB_TEXT(kind),
		DB_TEXT(co->area),
		intro ? DB_TEXT(intro) : DB_NULL,
		day_param(&involvements_t, start),
		end ? day_param(&involvements_t, end) : DB_NULL,
		reason ? DB_TEXT(reason) : DB_NULL,
		reason && strcmp(reason, "other") == 0 ? DB_TEXT("Went to live with her daughter")
						       : DB_NULL,
		ended_by ? DB_TEXT(ended_by) : DB_NULL,
		DB_TEXT(co->id),
		at_param(&involvements_t, start, 16, 30),
		at_param(&involvements_t, end ? end : start, 16, 30),
		first_at};
	add(&involvements_t, v);
	struct db_param ip[] = {DB_TEXT(inv), DB_TEXT(person)};
	add(&inv_people_t, ip);
	inv_event(inv, start, co->id, "started", kind, is_return ? "Came back to us" : NULL, 1);
	if (end)
		inv_event(inv, end, co->id, "ended", kind, NULL, 2);

	if (!walking || held == 0)
		return end;

	/* Sittings: at the start, every three months or so, at the end. */
	bool sits = chance(85), ons = chance(40);
	int level[5], lift = 0;
	for (int k = 0; k < 5; k++)
		level[k] = 14 + (int)pick(16);
	long first = start + (long)pick(3);
	if (first > last)
		first = last; /* begun today: the first sitting is today, not later */
	if (sits)
		sitting(r, co, person, inv, "start", first, level);
	if (ons)
		wellbeing(co, person, inv, "start", first, 0);
	for (long s = first + 85 + (long)pick(15); s < last - 20; s += 85 + (long)pick(15)) {
		lift += chance(60);
		if (sits)
			sitting(r, co, person, inv, "review", s, level);
		if (ons)
			wellbeing(co, person, inv, "review", s, lift);
	}
	if (end && sits && chance(70))
		sitting(r, co, person, inv, "end", end, level);
	if (end && ons && chance(60))
		wellbeing(co, person, inv, "end", end, lift + 1);
	if (chance(30))
		for (int k = 1 + (int)pick(3); k > 0; k--)
			cost_event(co, person, inv, start + (long)pick((unsigned)(last - start + 1)));
	return end;
}

static void person_row(const struct coordinator *co, const char *person, const char *name,
		       const char *phone, long start)
{
	struct db_param v[] = {DB_TEXT(person),
			       DB_TEXT(name),
			       chance(25) ? text(&people_t, "%.4s", name) : DB_NULL,
			       DB_TEXT(phone),
			       DB_TEXT(co->area),
			       DB_TEXT(co->id),
			       DB_TEXT(matters[pick(8)]),
			       DB_TEXT(co->id),
			       at_param(&people_t, start, 16, 0),
			       at_param(&people_t, start, 16, 0)};
	add(&people_t, v);
}

/* One introduction received on day d, and all that followed it. */
static void introduction(const struct run *r, const struct coordinator *co, long d,
			 long *people)
{
	const char *intro = new_id(&intros_t);
	char name[64], phone[32];
	snprintf(name, sizeof name, "%s %s", first_names[pick(40)], surnames[pick(12)]);
	snprintf(phone, sizeof phone, "07700 9%05u", pick(100000));
	const char *by = WEIGHTED(introducer_kinds, introducer_weights);
	const char *channel = WEIGHTED(channels, channel_weights);
	bool web = strcmp(channel, "web") == 0;
	bool professional = strcmp(by, "professional") == 0;
	bool near = chance(5);
	long due = workdays_from(r, co, d, 3);

	/* The first reply: most in 1-3 working days, some late. */
	int wait = chance(85) ? 1 + (int)pick(3) : 4 + (int)pick(6);
	long reply = workdays_from(r, co, d, wait);
	/* A few of the last month's are still waiting past their due day:
	 * "overdue now" has something to show. */
	if (d > r->today - 30 && chance(4))
		reply = r->today + 1;
	const char *status = "new";
	const char *decision = NULL;
	long decided = reply + 1 + (long)pick(10);
	if (reply < r->today) {
		status = "contacted";
		decision = weighted(decisions, r->decision_weights, 6);
		if (decided < r->today)
			status = decision;
	}
	bool walking = strcmp(status, "walking_alongside") == 0;
	const char *person = walking || strcmp(status, "information_only") == 0
				     ? new_id(&people_t)
				     : NULL;
	unsigned hour = 8 + pick(11), minute = pick(60);
	unsigned reply_hour = 9 + pick(8), reply_minute = pick(60);
	bool replied = strcmp(status, "new") != 0;
	struct db_param v[] = {
		DB_TEXT(intro),
		DB_TEXT(status),
		DB_TEXT(co->area),
		DB_TEXT(near ? "near" : "covered"),
		near ? DB_INT(200 + (int)pick(1500)) : DB_NULL,
		DB_TEXT(name),
		DB_TEXT(phone),
		DB_TEXT(backgrounds[pick(6)]),
		DB_TEXT(by),
		strcmp(by, "self") == 0 ? DB_NULL : text(&intros_t, "%s Introducer", first_names[pick(40)]),
		professional ? DB_TEXT(organisations[pick(5)])
		: strcmp(by, "community_group") == 0 ? DB_TEXT(groups[pick(3)])
						      : DB_NULL,
		DB_TEXT(WEIGHTED(knows, knows_weights)),
		DB_TEXT(channel),
		DB_INT(chance(3)),
		at_param(&intros_t, d, hour, minute),
		day_param(&intros_t, due),
		web ? DB_NULL : DB_TEXT(co->id),
		at_param(&intros_t, d, hour, minute),
		at_param(&intros_t, replied ? reply : d, replied ? reply_hour : hour,
			 replied ? reply_minute : minute),
		person ? DB_TEXT(person) : DB_NULL,
		replied ? at_param(&intros_t, reply, reply_hour, reply_minute) : DB_NULL};
	add(&intros_t, v);
	history(intro, d, hour, minute, web ? NULL : co->id, "new", NULL);
	if (!replied)
		return;
	history(intro, reply, reply_hour, reply_minute, co->id, "contacted", NULL);
	if (strcmp(status, "contacted") == 0)
		return;
	history(intro, decided, 9 + pick(8), pick(60), co->id, status,
		strcmp(status, "other_service") == 0 ? "Suggested Age UK York's befriending (invented)"
						     : NULL);
	if (!person)
		return;
	person_row(co, person, name, phone, decided);
	(*people)++;
	long end = involvement(r, co, person, intro,
			       walking ? "walking_alongside" : "short_term", decided, false);
	/* Some come back after an ended involvement. */
	if (end && chance(walking ? 10 : 6)) {
		long back = end + 30 + (long)pick(120);
		if (back < r->today)
			involvement(r, co, person, NULL, "walking_alongside", back, true);
	}
}

/* Every working day and a few weekend ones of the history, a coordinator's
 * share of their area's introductions. */
static void coordinator_history(const struct run *r, const struct coordinator *co,
				double per_month, long *people, struct db_conn *c)
{
	/* Over about 21 working days a month: per_month / 21 a day, as a
	 * whole number of 1/1000ths. */
	unsigned per_mille = (unsigned)(per_month * 1000.0 / 21.0);
	for (long d = r->first; d < r->today; d++) {
		struct date dd = date_from_days(d);
		bool weekend = date_weekday(dd) >= 6 || holidays_contains(r->h, dd);
		unsigned rate = weekend ? per_mille / 8 : per_mille;
		unsigned n = rate / 1000 + (pick(1000) < rate % 1000);
		for (unsigned k = 0; k < n; k++)
			introduction(r, co, d, people);
		if (conversations_t.rows > 20000)
			flush_all(c);
	}
	flush_all(c);
}

/* The five domains' statements in use, as the migration seeded them (or
 * a programme reworded them since). */
static void statements(struct run *r, struct db_conn *c, struct arena *a)
{
	struct err e;
	for (int k = 0; k < 5; k++) {
		struct db_rows rows;
		struct db_param p[] = {DB_TEXT(domain_keys[k])};
		if (db_query_counted(c, a,
				     "SELECT id FROM outcome_statements WHERE key = $1 AND in_use = 1",
				     p, 1, &rows, &e) < 0)
			die("outcome_statements", e.msg);
		if (rows.row_count != 1)
			die("outcome_statements", "the five domains are not all in use");
		r->statement_ids[k] = db_cell(&rows, 0, 0);
	}
}

/* Unit costs, where the council has given none: invented, and saying so. */
static void unit_costs(const struct run *r, struct db_conn *c, struct arena *a,
		       const char *now)
{
	static const struct {
		const char *kind, *unit;
		int pence;
	} costs[] = {{"gp_visit", "per appointment", 4200},
		     {"ae_visit", "per attendance", 24200},
		     {"hospital_stay", "per night", 49500},
		     {"crisis_resolved", "per crisis", 76000},
		     {"safeguarding_resolved", "per concern", 110000},
		     {"eviction_avoided", "per eviction", 780000},
		     {"care_package_not_needed", "per week", 31000},
		     {"care_package_smaller", "per week", 12000}};
	struct err e;
	struct db_rows rows;
	if (db_query_plain(c, a, "SELECT count(*) FROM unit_costs", &rows, &e) < 0)
		die("unit_costs", e.msg);
	if (strcmp(db_cell(&rows, 0, 0), "0") != 0)
		return;
	char from[11];
	day(r->first - 365, from);
	for (size_t k = 0; k < sizeof costs / sizeof costs[0]; k++) {
		struct db_param v[] = {DB_TEXT(arena_printf(a, "invented-%s", costs[k].kind)),
				       DB_TEXT(costs[k].kind), DB_INT(costs[k].pence),
				       DB_TEXT(costs[k].unit), DB_TEXT(from), DB_TEXT(now)};
		if (db_query_counted(c, a,
				     "INSERT INTO unit_costs (id, kind, pence, unit, source,"
				     " source_year, from_on, created_by, created_at) VALUES ($1, $2,"
				     " $3, $4, 'Invented for the demo: replace with your council''s"
				     " figures', 'invented', $5, NULL, $6)",
				     v, 6, NULL, &e) < 0)
			die("unit_costs", e.msg);
	}
}

static void usage(void)
{
	fputs("usage: invent_programme --db URL --scale demo|bench [--seed N]"
	      " [--today YYYY-MM-DD] [--people N]\n",
	      stderr);
	exit(2);
}

static long number(const char *s, const char *what)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || *end || end == s || n < 0)
		die(what, "not a whole number");
	return n;
}

int main(int argc, char **argv)
{
	const char *url = NULL, *scale = NULL, *today_s = NULL;
	long seed = 16, people_goal = 100000;
	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		const char *k = argv[i], *v = argv[++i];
		if (strcmp(k, "--db") == 0)
			url = v;
		else if (strcmp(k, "--scale") == 0)
			scale = v;
		else if (strcmp(k, "--seed") == 0)
			seed = number(v, "--seed");
		else if (strcmp(k, "--today") == 0)
			today_s = v;
		else if (strcmp(k, "--people") == 0)
			people_goal = number(v, "--people");
		else
			usage();
	}
	if (!url || !scale)
		usage();
	struct run r = {0};
	if (strcmp(scale, "demo") == 0)
		r.scale = SCALE_DEMO;
	else if (strcmp(scale, "bench") == 0)
		r.scale = SCALE_BENCH;
	else
		die("--scale", "demo or bench");
	struct date today = date_uk_today(time(NULL));
	if (today_s && !date_parse(today_s, &today))
		die("--today", "a day as YYYY-MM-DD");
	state = (unsigned long long)seed * 2654435761ULL + 1;
	r.today = date_to_days(today);
	struct date first = today;
	first.day = 1;
	first.month -= MONTHS % 12;
	first.year -= MONTHS / 12;
	if (first.month < 1) {
		first.month += 12;
		first.year--;
	}
	r.first = date_to_days(first);
	struct holidays *h = holidays_new();
	if (!h)
		die("holidays", "out of memory");
	r.h = h;

	struct db *db;
	struct err e;
	if (db_open(url, 1, &db, &e) < 0)
		die(url, e.msg);
	struct arena *a = arena_new();
	run_arena = a;
	struct db_conn *c;
	if (db_transaction(db, &c, &e) < 0)
		die("transaction", e.msg);
	struct db_rows rows;
	if (db_query_plain(c, a, "SELECT count(*) FROM introductions", &rows, &e) < 0)
		die("introductions", e.msg);
	if (strcmp(db_cell(&rows, 0, 0), "0") != 0) {
		printf("invent_programme: the programme already has introductions: nothing invented\n");
		db_rollback(c);
		db_release(c);
		db_close(db);
		arena_free(a);
		holidays_free(h);
		return 0;
	}
	/* One transaction of millions of rows under random-id indexes: a
	 * cache that spills rewrites the same pages to the WAL again and
	 * again (2.9 GB of WAL in twelve minutes at 100,000 people with
	 * 256 MB).  4 GB holds the bench programme; SQLite takes pages as it
	 * needs them, so the demo stays small. */
	if (strcmp(db_kind_name(db), "sqlite") == 0 &&
	    db_query_plain(c, a, "PRAGMA cache_size = -4194304", NULL, &e) < 0)
		die("cache_size", e.msg);
	int64_t started = clock_monotonic_us();
	char now[CLOCK_ISO8601_SIZE];
	snprintf(now, sizeof now, "%sT08:00:00.000Z", today_s ? today_s : "");
	if (!today_s)
		clock_utc_iso8601(now, sizeof now);
	tables_init();
	statements(&r, c, a);
	unit_costs(&r, c, a, now);

	/* The coordinators and their areas. */
	struct coordinator *cos;
	size_t co_count;
	if (r.scale == SCALE_DEMO) {
		if (db_query_plain(c, a,
				   "SELECT u.id, ra.area_id FROM users u"
				   " JOIN user_role_areas ra ON ra.user_id = u.id"
				   " JOIN areas ar ON ar.id = ra.area_id"
				   " WHERE ra.role = 'coordinator' AND ar.covered = 1"
				   " ORDER BY ar.name, u.username",
				   &rows, &e) < 0)
			die("coordinators", e.msg);
		if (rows.row_count == 0)
			die("coordinators", "none in a covered area: run scripts/load-demo first");
		co_count = rows.row_count;
		cos = arena_alloc(a, co_count * sizeof *cos);
		for (size_t k = 0; k < co_count; k++)
			cos[k] = (struct coordinator){.id = db_cell(&rows, k, 0),
						      .area = db_cell(&rows, k, 1)};
		r.intros_per_month = 25;
		r.gap_min = 10;
		r.gap_spread = 16;
		r.decision_weights = demo_decisions;
		r.walk_end_percent = 90;
		r.walk_days_min = 45;
		r.walk_days_spread = 150;
	} else {
		struct db_rows areas, hash;
		if (db_query_plain(c, a, "SELECT id FROM areas ORDER BY name", &areas, &e) < 0 ||
		    areas.row_count == 0)
			die("areas", "load the York demo first (scripts/load-demo)");
		if (db_query_plain(c, a,
				   "SELECT password_hash FROM users WHERE password_hash IS NOT NULL"
				   " ORDER BY username LIMIT 1",
				   &hash, &e) < 0 ||
		    hash.row_count == 0)
			die("users", "make one account with a password first");
		co_count = BENCH_COORDINATORS;
		cos = arena_alloc(a, co_count * sizeof *cos);
		for (size_t k = 0; k < co_count; k++) {
			const char *id = arena_strdup(a, new_id(&users_t));
			cos[k] = (struct coordinator){.id = id,
						      .area = db_cell(&areas, k % areas.row_count, 0)};
			struct db_param u[] = {DB_TEXT(id), text(&users_t, "coordinator%03zu", k + 1),
					       text(&users_t, "%s %s", first_names[pick(40)],
						    surnames[pick(12)]),
					       DB_TEXT(db_cell(&hash, 0, 0)), DB_TEXT(now), DB_TEXT(now)};
			add(&users_t, u);
			struct db_param ro[] = {DB_TEXT(id), DB_TEXT("coordinator")};
			add(&roles_t, ro);
			struct db_param ra[] = {DB_TEXT(id), DB_TEXT("coordinator"), DB_TEXT(cos[k].area)};
			add(&role_areas_t, ra);
		}
		/* A programme manager, to read the reports of every area
		 * (bench/reports signs in as bench.manager). */
		const char *manager = arena_strdup(a, new_id(&users_t));
		struct db_param mu[] = {DB_TEXT(manager), DB_TEXT("bench.manager"),
					DB_TEXT("Bench Programme Manager"),
					DB_TEXT(db_cell(&hash, 0, 0)), DB_TEXT(now), DB_TEXT(now)};
		add(&users_t, mu);
		struct db_param mr[] = {DB_TEXT(manager), DB_TEXT("programme_manager")};
		add(&roles_t, mr);
		/* About 73% of introductions become a person (measured): so
		 * many a coordinator a month, for people_goal in all.  Walking
		 * alongside, a conversation every 3 to 5 days gives about 40
		 * a person on average across both kinds. */
		r.intros_per_month = (double)people_goal / 0.73 / MONTHS / BENCH_COORDINATORS;
		r.gap_min = 3;
		r.gap_spread = 3;
		r.decision_weights = bench_decisions;
		r.walk_end_percent = 40;
		r.walk_days_min = 120;
		r.walk_days_spread = 300;
	}
	for (size_t k = 0; k < co_count; k++) {
		invent_leave(&r, &cos[k]);
		invent_capacity(&r, &cos[k]);
	}
	flush_all(c);
	long people = 0;
	for (size_t k = 0; k < co_count; k++) {
		/* In the demo an area has one coordinator; in the bench a
		 * coordinator's figure is their own. */
		coordinator_history(&r, &cos[k], r.intros_per_month, &people, c);
	}
	flush_all(c);
	/* The sittings went in as rows, past outcome.c: what the reports read
	 * of them is rebuilt once, as the migration builds it. */
	if (standing_refresh_everyone(c, a, &e) < 0)
		die("standing", e.msg);
	/* So are the people's involvement counts. */
	if (involvement_recount_everyone(c, a, &e) < 0)
		die("involvement counts", e.msg);
	if (db_finish(c, RESULT_OK, &e) < 0)
		die("commit", e.msg);
	if (db_run_plain(db, a, "ANALYZE", NULL, &e) < 0)
		die("analyze", e.msg);
	int64_t took = clock_monotonic_us() - started;
	for (size_t t = 0; t < TABLE_COUNT; t++) {
		printf("%-22s %9ld rows\n", all_tables[t]->name, all_tables[t]->total);
		arena_free(all_tables[t]->a);
	}
	printf("invented %ld people in %.1f s (%s, seed %ld, today %s)\n", people,
	       (double)took / 1e6, db_kind_name(db), seed, now);
	db_close(db);
	arena_free(a);
	holidays_free(h);
	return 0;
}
