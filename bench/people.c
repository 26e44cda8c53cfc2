/*
 * The synthetic programme bench/people drives, and the SQL its pages run,
 * timed on their own.  Run by bench/people, which prepares the database:
 *
 *   people seed URL           300 coordinators x 55 people, each with 40
 *                             conversations, a network of 12 in two
 *                             pictures and an agreement in 3 versions
 *   people ids URL USERNAME   the coordinator's people, one id a line
 *   people sql URL TOKEN SECONDS THREADS PAGE...
 *                             the statements each PAGE (person, caseload,
 *                             network) runs for the session TOKEN, timed
 *
 * `seed` expects the York demo's areas and one coordinator made with the
 * command line (bench001, in the first area by name): the other 299 share
 * its password hash, and every coordinator's people are in their area, so
 * each reaches all of theirs.  Everything goes in one transaction of
 * multi-row INSERTs through src/db, the same code on both backends.
 *
 * `sql` records the statements a request makes by wrapping the storage
 * facade's entry points (ld --wrap, see the Makefile): it resumes the
 * session and loads its user and cover as http/auth.c does for every
 * request, then calls the page's domain function (person_get, caseload_get,
 * network_get) once per person of the coordinator.  It then replays those
 * exact statements, with the same parameters (fresh ids where the request
 * made new ones: its audit entries), through src/db: first one at a time,
 * then from THREADS threads on a pool the size of serve's, for SECONDS
 * each, and prints per page
 *
 *   sql PAGE STATEMENTS SINGLE_MEAN_MS MEAN_MS P99_MS
 *   slowest PAGE MS_PER_REQUEST SQL   (the statement most of the time
 *                                      alone went to)
 */
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/sb.h"
#include "db/db.h"
#include "domain/people/caseload.h"
#include "domain/people/involvement.h"
#include "domain/people/network.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/caller.h"
#include "domain/staff/session.h"
#include "domain/staff/user.h"

#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COORDINATORS 300
#define PEOPLE_EACH 55
#define CONVERSATIONS_EACH 40
#define MEMBERS_EACH 12
#define VERSIONS_EACH 3
#define GOALS_EACH 3
#define STEPS_PER_GOAL 2
#define BATCH_ROWS 200

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench/people: %s: %s\n", what, why);
	exit(1);
}

/* ---- seeding ---- */

/* A fixed seed: every run builds the same programme. */
static unsigned long long seed = 20261202;

static unsigned pick(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

/* Rows for one table, held until flush() sends them, BATCH_ROWS to an
 * INSERT: a coordinator's rows go in table by table in the order of the
 * foreign keys, so a conversation never arrives before its person. */
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

/* The INSERT for n rows, built from numbers alone. */
static const char *insert_sql(struct arena *a, const struct table *t, size_t n)
{
	struct sb sb;
	sb_init(&sb, a, 256 * 1024);
	sb_printf(&sb, "INSERT INTO %s %s VALUES ", t->name, t->columns);
	for (size_t i = 0; i < n; i++) {
		sb_puts(&sb, i ? ", (" : "(");
		for (size_t j = 0; j < t->width; j++)
			sb_printf(&sb, "%s$%zu", j ? ", " : "", i * t->width + j + 1);
		sb_putc(&sb, ')');
	}
	return sb_str(&sb);
}

static struct arena *seed_arena; /* the full INSERTs, for the whole seeding */

static void table_init(struct table *t, const char *name, const char *columns, size_t width)
{
	*t = (struct table){.name = name, .columns = columns, .width = width, .a = arena_new()};
	t->full_sql = insert_sql(seed_arena, t, BATCH_ROWS);
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

/* After every table's flush: rows refer to other tables' values. */
static void table_reset(struct table *t)
{
	arena_free(t->a);
	t->a = arena_new();
	t->p = NULL;
	t->rows = t->cap = 0;
}

/* One row: its text values in t->a (text(), new_id()) or literals. */
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

static const char *const first_names[] = {
	"Sam", "Alex", "Jo", "Priya", "Tom", "Aisha", "Dan", "Mary", "Kwame", "Ewa",
	"Liam", "Sophie", "Mohammed", "Grace", "Harry", "Fatima", "Olivia", "Jack",
	"Chloe", "Noah", "Amira", "George", "Ruth", "Tariq", "Megan", "Owen",
	"Hannah", "Ravi", "Isla", "Callum", "Maya", "Declan", "Lily", "Arjun", "Niamh",
	"Ben", "Zara", "Peter", "Agnes", "Frank"};
static const char *const surnames[] = {
	"Smith", "Jones", "Taylor", "Brown", "Wilson", "Khan", "Patel", "Evans",
	"Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards",
	"Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke",
	"Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King",
	"Watson", "Baker", "Harrison", "Morgan", "Novak", "Okafor", "Murphy", "Ali"};
static const char *const member_names[] = {
	"Mum", "Dad", "my sister", "my brother", "Nan", "Sue next door", "Dave from the allotment",
	"Kath at church", "my GP", "the support worker", "Bill", "Jean", "the choir",
	"my son", "my daughter", "Pat at the library", "Mo from work", "Linda"};
static const char *const relationships[] = {"family", "friend", "neighbour",
					    "colleague", "community", "paid"};
static const char *const hows[] = {"met", "phone", "met", "text", "met", "drop_in",
				   "email", "video"};
static const char *const goals[] = {
	"Get back to the allotment in spring", "See my grandchildren every week",
	"Find a choir to sing with", "Feel less on my own in the evenings",
	"Cook a proper meal for friends", "Get out to the shops on my own",
	"Sort out the letters from the council", "Walk by the river again"};
static const char *const steps[] = {
	"Ring the allotment society", "Ask Sue to come along the first time",
	"Look at the bus times together", "Go to the Tuesday drop-in",
	"Write down what the letter says", "Try the walk to the park"};
static const char *const taken_by[] = {"person", "coordinator", "family", "community",
				       "service"};

static void day(long days, char out[11])
{
	date_format(date_from_days(days), out);
}

/* The column lists, in the order add() is given values. */
static struct table users_t, roles_t, role_areas_t, people_t, involvements_t, inv_people_t,
	history_t, conversations_t, members_t, snapshots_t, placements_t, agreements_t,
	versions_t, goals_t, steps_t;

static void tables_init(void)
{
	table_init(&users_t, "users",
		   "(id, username, display_name, password_hash, created_at, updated_at)", 6);
	table_init(&roles_t, "user_roles", "(user_id, role)", 2);
	table_init(&role_areas_t, "user_role_areas", "(user_id, role, area_id)", 3);
	table_init(&people_t, "people",
		   "(id, name, preferred_name, phone, postcode, area_id, coordinator_id,"
		   " what_matters, gifts, created_by, created_at, updated_at)",
		   12);
	table_init(&involvements_t, "involvements",
		   "(id, kind, area_id, started_on, created_by, created_at, updated_at)", 7);
	table_init(&inv_people_t, "involvement_people", "(involvement_id, person_id)", 2);
	table_init(&history_t, "involvement_history",
		   "(id, involvement_id, at, user_id, event, kind, seq)", 7);
	table_init(&conversations_t, "conversations",
		   "(id, person_id, involvement_id, at, how, state, place, good_life,"
		   " next_step, next_step_on, created_by, created_at)",
		   12);
	table_init(&members_t, "network_members",
		   "(id, person_id, created_by, created_at)", 4);
	table_init(&snapshots_t, "network_snapshots",
		   "(id, person_id, number, taken_on, conversation_id, note, created_by,"
		   " created_at)",
		   8);
	table_init(&placements_t, "network_placements",
		   "(snapshot_id, member_id, position, name, relationship,"
		   " relationship_words, circle, can_call_on)",
		   8);
	table_init(&agreements_t, "agreements",
		   "(id, involvement_id, version, created_by, created_at, updated_at)", 6);
	table_init(&versions_t, "agreement_versions",
		   "(id, agreement_id, version, state, asked_by, why, agreed_on, agreed_how,"
		   " made_by, made_at)",
		   10);
	table_init(&goals_t, "agreement_goals", "(version_id, goal_key, position, words)", 4);
	table_init(&steps_t, "agreement_steps",
		   "(version_id, step_key, goal_key, position, words, taken_by, by_when, status)",
		   8);
}

static struct table *const all_tables[] = {
	&users_t,	  &roles_t,	&role_areas_t, &people_t,     &involvements_t,
	&inv_people_t,	  &history_t,	&conversations_t, &members_t, &snapshots_t,
	&placements_t,	  &agreements_t, &versions_t,	&goals_t,     &steps_t};
#define TABLE_COUNT (sizeof all_tables / sizeof all_tables[0])

/* A new id in the table's batch. */
static const char *new_id(struct table *t)
{
	char id[ID_HEX_LEN + 1];
	id_new(id);
	return arena_strdup(t->a, id);
}

/* A person's network: 12 members, 10 in the first picture (drawn at the
 * good-life conversation), all 12 three months later, some moved. */
static void seed_network(const char *person, const char *coordinator,
			 long first_day, const char *good_life_conversation)
{
	const char *members[MEMBERS_EACH], *names[MEMBERS_EACH];
	char on[11];
	day(first_day, on);
	for (int m = 0; m < MEMBERS_EACH; m++) {
		members[m] = new_id(&members_t);
		names[m] = member_names[pick(18)];
		struct db_param v[] = {DB_TEXT(members[m]), DB_TEXT(person), DB_TEXT(coordinator),
				       text(&members_t, "%sT10:00:00.000Z", on)};
		add(&members_t, v);
	}
	for (int s = 1; s <= 2; s++) {
		const char *snapshot = new_id(&snapshots_t);
		day(first_day + (s - 1) * 91, on);
		struct db_param v[] = {
			DB_TEXT(snapshot),
			DB_TEXT(person),
			DB_INT(s),
			text(&snapshots_t, "%s", on),
			s == 1 ? DB_TEXT(good_life_conversation) : DB_NULL,
			s == 1 ? DB_NULL : text(&snapshots_t, "Three months on"),
			DB_TEXT(coordinator),
			text(&snapshots_t, "%sT11:00:00.000Z", on)};
		add(&snapshots_t, v);
		int count = s == 1 ? MEMBERS_EACH - 2 : MEMBERS_EACH;
		for (int m = 0; m < count; m++) {
			int circle = 1 + (m * 4) / MEMBERS_EACH;
			if (s == 2 && m % 5 == 1 && circle > 1)
				circle--;
			const char *rel = relationships[pick(6)];
			struct db_param p[] = {
				DB_TEXT(snapshot),
				DB_TEXT(members[m]),
				DB_INT(m + 1),
				DB_TEXT(names[m]),
				DB_TEXT(rel),
				m % 3 == 0 ? text(&placements_t, "my %s", rel) : DB_NULL,
				DB_INT(circle),
				DB_INT(m % 2)};
			add(&placements_t, p);
		}
	}
}

/* The agreement of the involvement: 3 versions, the second changed at the
 * person's request, each with 3 goals of 2 steps. */
static void seed_agreement(const char *involvement, const char *coordinator,
			   long first_day)
{
	const char *agreement = new_id(&agreements_t);
	char on[11], last[11];
	day(first_day + 14, on);
	day(first_day + 14 + 60 * (VERSIONS_EACH - 1), last);
	struct db_param a[] = {DB_TEXT(agreement),	       DB_TEXT(involvement),
			       DB_INT(VERSIONS_EACH),	       DB_TEXT(coordinator),
			       text(&agreements_t, "%sT12:00:00.000Z", on),
			       text(&agreements_t, "%sT12:00:00.000Z", last)};
	add(&agreements_t, a);
	for (int n = 1; n <= VERSIONS_EACH; n++) {
		const char *version = new_id(&versions_t);
		day(first_day + 14 + 60 * (n - 1), on);
		struct db_param v[] = {
			DB_TEXT(version),
			DB_TEXT(agreement),
			DB_INT(n),
			DB_TEXT("in_place"),
			DB_TEXT(n == 2 ? "person" : "together"),
			n == 1 ? DB_NULL : text(&versions_t, "I want to try the choir first"),
			text(&versions_t, "%s", on),
			DB_TEXT(n == 3 ? "phone" : "in_person"),
			DB_TEXT(coordinator),
			text(&versions_t, "%sT12:00:00.000Z", on)};
		add(&versions_t, v);
		for (int g = 0; g < GOALS_EACH; g++) {
			struct db_param gv[] = {DB_TEXT(version), text(&goals_t, "g%d", g + 1),
						DB_INT(g + 1),
						text(&goals_t, "%s", goals[pick(8)])};
			add(&goals_t, gv);
			for (int s = 0; s < STEPS_PER_GOAL; s++) {
				char by[11];
				day(first_day + 30 * (n + s), by);
				struct db_param sv[] = {
					DB_TEXT(version),
					text(&steps_t, "s%d", g * STEPS_PER_GOAL + s + 1),
					text(&steps_t, "g%d", g + 1),
					DB_INT(s + 1),
					text(&steps_t, "%s", steps[pick(6)]),
					DB_TEXT(taken_by[pick(5)]),
					s == 0 ? text(&steps_t, "%s", by) : DB_NULL,
					DB_TEXT(n < VERSIONS_EACH && s == 0 ? "done" : "not_yet")};
				add(&steps_t, sv);
			}
		}
	}
}

/* One person, walking alongside since a day in the last two years, with
 * 40 conversations from then to today. */
static void seed_person(const char *coordinator, const char *area,
			long today)
{
	const char *person = new_id(&people_t);
	long start = today - 730 + (long)pick(600);
	char on[11];
	day(start, on);
	unsigned first = pick(40), last = pick(40);
	struct db_param p[] = {
		DB_TEXT(person),
		text(&people_t, "%s %s", first_names[first], surnames[last]),
		pick(3) == 0 ? text(&people_t, "%.3s", first_names[first]) : DB_NULL,
		text(&people_t, "07700 9%05u", pick(100000)),
		text(&people_t, "YO%u %u%c%c", 10 + pick(23), 1 + pick(9), 'A' + pick(26),
		     'A' + pick(26)),
		DB_TEXT(area),
		DB_TEXT(coordinator),
		text(&people_t, "Being near my family, and %s", goals[pick(8)]),
		text(&people_t, "Gardening, baking, good with a crossword"),
		DB_TEXT(coordinator),
		text(&people_t, "%sT09:00:00.000Z", on),
		text(&people_t, "%sT09:00:00.000Z", on)};
	add(&people_t, p);
	const char *involvement = new_id(&involvements_t);
	struct db_param v[] = {DB_TEXT(involvement),
			       DB_TEXT("walking_alongside"),
			       DB_TEXT(area),
			       text(&involvements_t, "%s", on),
			       DB_TEXT(coordinator),
			       text(&involvements_t, "%sT09:00:00.000Z", on),
			       text(&involvements_t, "%sT09:00:00.000Z", on)};
	add(&involvements_t, v);
	struct db_param ip[] = {DB_TEXT(involvement), DB_TEXT(person)};
	add(&inv_people_t, ip);
	struct db_param h[] = {DB_TEXT(new_id(&history_t)),
			       DB_TEXT(involvement),
			       text(&history_t, "%sT09:00:00.000Z", on),
			       DB_TEXT(coordinator),
			       DB_TEXT("started"),
			       DB_TEXT("walking_alongside"),
			       DB_INT(1)};
	add(&history_t, h);
	const char *good_life = NULL;
	long first_day = start;
	for (int k = 0; k < CONVERSATIONS_EACH; k++) {
		const char *id = new_id(&conversations_t);
		long d = start + (today - start) * k / CONVERSATIONS_EACH + (long)pick(3);
		if (d >= today)
			d = today - 1; /* held, so not later today */
		day(d, on);
		if (k == 0) {
			good_life = id;
			first_day = d;
		}
		char next[11];
		day(d + 14, next);
		const char *how = hows[pick(8)];
		struct db_param cv[] = {
			DB_TEXT(id),
			DB_TEXT(person),
			DB_TEXT(involvement),
			text(&conversations_t, "%sT%02u:%02u:00.000Z", on, 9 + pick(8), pick(60)),
			DB_TEXT(how),
			DB_TEXT("held"),
			strcmp(how, "met") == 0 ? text(&conversations_t, "The café on the green")
						: DB_NULL,
			DB_INT(k == 0),
			k % 2 ? text(&conversations_t, "Go to the drop-in together") : DB_NULL,
			k % 2 ? text(&conversations_t, "%s", next) : DB_NULL,
			DB_TEXT(coordinator),
			text(&conversations_t, "%sT18:00:00.000Z", on)};
		add(&conversations_t, cv);
	}
	seed_network(person, coordinator, first_day, good_life);
	seed_agreement(involvement, coordinator, first_day);
}

static void seed_programme(struct db *db)
{
	struct arena *a = arena_new();
	seed_arena = a;
	struct err e;
	struct db_conn *c;
	struct db_rows first, areas;
	if (db_transaction(db, &c, &e) < 0)
		die("transaction", e.msg);
	/* SQLite's default page cache (2 MiB) is thrashed by inserts at random
	 * ids into tables this large: a quarter of a GiB, for this connection
	 * only, makes the seeding several times faster. */
	if (strcmp(db_kind_name(db), "sqlite") == 0 &&
	    db_query_plain(c, a, "PRAGMA cache_size = -262144", NULL, &e) < 0)
		die("cache_size", e.msg);
	if (db_query_plain(c, a,
			   "SELECT u.id, u.password_hash, ra.area_id FROM users u"
			   " JOIN user_role_areas ra ON ra.user_id = u.id"
			   " WHERE u.username = 'bench001' AND ra.role = 'coordinator'",
			   &first, &e) < 0)
		die("bench001", e.msg);
	if (first.row_count != 1)
		die("bench001", "make the first coordinator with `alongside user add` first");
	if (db_query_plain(c, a, "SELECT id FROM areas ORDER BY name", &areas, &e) < 0 ||
	    areas.row_count == 0)
		die("areas", "load the York demo first (scripts/load-demo)");
	tables_init();
	long today = date_to_days(date_uk_today(time(NULL)));
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	for (int k = 0; k < COORDINATORS; k++) {
		const char *coordinator = db_cell(&first, 0, 0);
		const char *area = db_cell(&first, 0, 2);
		if (k > 0) {
			coordinator = new_id(&users_t);
			area = db_cell(&areas, (size_t)k % areas.row_count, 0);
			struct db_param u[] = {DB_TEXT(coordinator),
					       text(&users_t, "bench%03d", k + 1),
					       text(&users_t, "%s %s", first_names[pick(40)],
						    surnames[pick(40)]),
					       DB_TEXT(db_cell(&first, 0, 1)),
					       DB_TEXT(now), DB_TEXT(now)};
			add(&users_t, u);
			struct db_param r[] = {DB_TEXT(coordinator), DB_TEXT("coordinator")};
			add(&roles_t, r);
			struct db_param ra[] = {DB_TEXT(coordinator), DB_TEXT("coordinator"),
						DB_TEXT(area)};
			add(&role_areas_t, ra);
		}
		for (int p = 0; p < PEOPLE_EACH; p++)
			seed_person(coordinator, area, today);
		/* In the order of the foreign keys. */
		for (size_t t = 0; t < TABLE_COUNT; t++)
			flush(c, all_tables[t]);
		for (size_t t = 0; t < TABLE_COUNT; t++)
			table_reset(all_tables[t]);
	}
	/* The rows went in past involvement.c, which keeps the counts. */
	if (involvement_recount_everyone(c, a, &e) < 0)
		die("involvement counts", e.msg);
	if (db_finish(c, RESULT_OK, &e) < 0)
		die("commit", e.msg);
	for (size_t t = 0; t < TABLE_COUNT; t++) {
		printf("%-20s %8ld rows\n", all_tables[t]->name, all_tables[t]->total);
		arena_free(all_tables[t]->a);
	}
	if (db_run_plain(db, a, "ANALYZE", NULL, &e) < 0)
		die("analyze", e.msg);
	arena_free(a);
}

/* ---- the statements a page runs ---- */

enum op_kind { OP_ACQUIRE, OP_RELEASE, OP_QUERY, OP_PLAIN, OP_RUN, OP_BEGIN, OP_FINISH,
	       OP_ROLLBACK };

/* One call into src/db, as the request made it.  fresh[i] >= 0: params[i]
 * was an id the request made (id_new), replayed with a new one. */
struct op {
	enum op_kind kind;
	int slot;                  /* which of the request's connections */
	const char *sql;
	struct db_param *params;
	int *fresh;
	size_t count;
	int rc;                    /* OP_FINISH: the write's result */
};

struct script {
	struct op *ops;
	size_t count, cap;
	size_t statements;
	size_t ids;                /* ids the request made */
};

#define SLOTS 8
#define IDS_MAX 64

/* The recording, when one is on (one thread records, before any replay). */
static struct {
	struct script *s;
	struct arena *a;
	struct db_conn *conns[SLOTS];
	char ids[IDS_MAX][ID_HEX_LEN + 1];
} rec;

int __real_db_acquire(struct db *db, struct db_conn **out, struct err *e);
void __real_db_release(struct db_conn *c);
int __real_db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
			    const struct db_param *params, size_t param_count,
			    struct db_rows *rows, struct err *e);
int __real_db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
			  struct db_rows *rows, struct err *e);
int __real_db_run_counted(struct db *db, struct arena *arena, const char *sql,
			  const struct db_param *params, size_t param_count,
			  struct db_rows *rows, struct err *e);
int __real_db_transaction(struct db *db, struct db_conn **out, struct err *e);
int __real_db_finish(struct db_conn *c, int rc, struct err *e);
int __real_db_rollback(struct db_conn *c);
void __real_id_new(char out[ID_HEX_LEN + 1]);
int __wrap_db_acquire(struct db *db, struct db_conn **out, struct err *e);
void __wrap_db_release(struct db_conn *c);
int __wrap_db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
			    const struct db_param *params, size_t param_count,
			    struct db_rows *rows, struct err *e);
int __wrap_db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
			  struct db_rows *rows, struct err *e);
int __wrap_db_run_counted(struct db *db, struct arena *arena, const char *sql,
			  const struct db_param *params, size_t param_count,
			  struct db_rows *rows, struct err *e);
int __wrap_db_transaction(struct db *db, struct db_conn **out, struct err *e);
int __wrap_db_finish(struct db_conn *c, int rc, struct err *e);
int __wrap_db_rollback(struct db_conn *c);
void __wrap_id_new(char out[ID_HEX_LEN + 1]);

static int slot_of(struct db_conn *c)
{
	for (int i = 0; i < SLOTS; i++)
		if (rec.conns[i] == c)
			return i;
	die("recording", "a statement on a connection the request did not take");
	return -1;
}

static int slot_take(struct db_conn *c)
{
	for (int i = 0; i < SLOTS; i++)
		if (!rec.conns[i]) {
			rec.conns[i] = c;
			return i;
		}
	die("recording", "more connections at once than the bench keeps");
	return -1;
}

static void record(enum op_kind kind, int slot, const char *sql, const struct db_param *params,
		   size_t count, int rc)
{
	struct script *s = rec.s;
	s->ops = arena_grow(rec.a, s->ops, s->count, &s->cap, sizeof *s->ops);
	struct op *o = &s->ops[s->count++];
	*o = (struct op){kind, slot, sql ? arena_strdup(rec.a, sql) : NULL, NULL, NULL, count,
			 rc};
	s->statements += kind == OP_QUERY || kind == OP_PLAIN || kind == OP_RUN;
	if (!count)
		return;
	o->params = arena_alloc(rec.a, count * sizeof *o->params);
	o->fresh = arena_alloc(rec.a, count * sizeof *o->fresh);
	for (size_t i = 0; i < count; i++) {
		o->params[i] = params[i];
		o->fresh[i] = -1;
		/* DB_TEXT(NULL) is SQL NULL: audit_write's token for a staff
		 * member, for one. */
		if (params[i].type != DB_PARAM_TEXT || !params[i].text)
			continue;
		o->params[i].text = arena_strdup(rec.a, params[i].text);
		for (size_t k = 0; k < s->ids; k++)
			if (strcmp(params[i].text, rec.ids[k]) == 0)
				o->fresh[i] = (int)k;
	}
}

int __wrap_db_acquire(struct db *db, struct db_conn **out, struct err *e)
{
	int rc = __real_db_acquire(db, out, e);
	if (rec.s && rc == RESULT_OK)
		record(OP_ACQUIRE, slot_take(*out), NULL, NULL, 0, 0);
	return rc;
}

void __wrap_db_release(struct db_conn *c)
{
	if (rec.s) {
		int slot = slot_of(c);
		record(OP_RELEASE, slot, NULL, NULL, 0, 0);
		rec.conns[slot] = NULL;
	}
	__real_db_release(c);
}

int __wrap_db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
			    const struct db_param *params, size_t param_count,
			    struct db_rows *rows, struct err *e)
{
	if (rec.s)
		record(OP_QUERY, slot_of(c), sql, params, param_count, 0);
	return __real_db_query_counted(c, arena, sql, params, param_count, rows, e);
}

int __wrap_db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
			  struct db_rows *rows, struct err *e)
{
	if (rec.s)
		record(OP_PLAIN, slot_of(c), sql, NULL, 0, 0);
	return __real_db_query_plain(c, arena, sql, rows, e);
}

int __wrap_db_run_counted(struct db *db, struct arena *arena, const char *sql,
			  const struct db_param *params, size_t param_count,
			  struct db_rows *rows, struct err *e)
{
	if (rec.s)
		record(OP_RUN, -1, sql, params, param_count, 0);
	return __real_db_run_counted(db, arena, sql, params, param_count, rows, e);
}

int __wrap_db_transaction(struct db *db, struct db_conn **out, struct err *e)
{
	int rc = __real_db_transaction(db, out, e);
	if (rec.s && rc == RESULT_OK)
		record(OP_BEGIN, slot_take(*out), NULL, NULL, 0, 0);
	return rc;
}

int __wrap_db_finish(struct db_conn *c, int rc, struct err *e)
{
	if (rec.s) {
		int slot = slot_of(c);
		record(OP_FINISH, slot, NULL, NULL, 0, rc);
		rec.conns[slot] = NULL;
	}
	return __real_db_finish(c, rc, e);
}

int __wrap_db_rollback(struct db_conn *c)
{
	if (rec.s)
		record(OP_ROLLBACK, slot_of(c), NULL, NULL, 0, 0);
	return __real_db_rollback(c);
}

void __wrap_id_new(char out[ID_HEX_LEN + 1])
{
	__real_id_new(out);
	if (rec.s) {
		if (rec.s->ids == IDS_MAX)
			die("recording", "more new ids in one request than the bench keeps");
		memcpy(rec.ids[rec.s->ids++], out, ID_HEX_LEN + 1);
	}
}

/* The time each statement took, summed over the requests replayed alone,
 * to name the slowest; a transaction's end is named by what it did. */
struct statement_time {
	const char *sql;
	int64_t us;
	long count;
};
#define STATEMENT_TIMES 64
static struct statement_time statement_times[STATEMENT_TIMES];
static size_t statement_time_count;

static const char *const op_names[] = {"(acquire)", "(release)", NULL, NULL, NULL,
				       "BEGIN", "COMMIT", "ROLLBACK"};

static void note_time(const struct op *o, int64_t us)
{
	const char *sql = o->sql ? o->sql : op_names[o->kind];
	size_t i = 0;
	while (i < statement_time_count && strcmp(statement_times[i].sql, sql) != 0)
		i++;
	if (i == STATEMENT_TIMES)
		return;
	if (i == statement_time_count)
		statement_times[statement_time_count++] = (struct statement_time){sql, 0, 0};
	statement_times[i].us += us;
	statement_times[i].count++;
}

/* Runs a recorded request's statements once; its time in microseconds.
 * each: note every statement's time too. */
static int64_t replay(struct db *db, const struct script *s, bool each)
{
	struct arena *a = arena_new();
	struct db_conn *conns[SLOTS] = {0};
	char (*ids)[ID_HEX_LEN + 1] = arena_alloc(a, (s->ids + 1) * sizeof *ids);
	struct err e;
	int64_t t0 = clock_monotonic_us();
	for (size_t i = 0; i < s->ids; i++)
		__real_id_new(ids[i]);
	for (size_t i = 0; i < s->count; i++) {
		const struct op *o = &s->ops[i];
		struct db_param *p = o->params;
		if (o->count) {
			p = arena_alloc(a, o->count * sizeof *p);
			for (size_t k = 0; k < o->count; k++)
				p[k] = o->fresh[k] >= 0 ? DB_TEXT(ids[o->fresh[k]]) : o->params[k];
		}
		int rc = RESULT_OK;
		struct db_rows rows;
		int64_t started = each ? clock_monotonic_us() : 0;
		switch (o->kind) {
		case OP_ACQUIRE: rc = __real_db_acquire(db, &conns[o->slot], &e); break;
		case OP_RELEASE: __real_db_release(conns[o->slot]); break;
		case OP_QUERY:
			rc = __real_db_query_counted(conns[o->slot], a, o->sql, p, o->count, &rows,
						     &e);
			break;
		case OP_PLAIN: rc = __real_db_query_plain(conns[o->slot], a, o->sql, &rows, &e); break;
		case OP_RUN: rc = __real_db_run_counted(db, a, o->sql, p, o->count, &rows, &e); break;
		case OP_BEGIN: rc = __real_db_transaction(db, &conns[o->slot], &e); break;
		case OP_FINISH:
			if (__real_db_finish(conns[o->slot], o->rc, &e) < 0 && o->rc == RESULT_OK)
				rc = RESULT_FAILED;
			break;
		case OP_ROLLBACK: __real_db_rollback(conns[o->slot]); break;
		}
		if (rc < 0)
			die(o->sql ? o->sql : "replay", e.msg);
		if (each)
			note_time(o, clock_monotonic_us() - started);
	}
	int64_t took = clock_monotonic_us() - t0;
	arena_free(a);
	return took;
}

/* The caller, as http/auth.c's identify() makes it for every request with
 * a session cookie. */
static void identify(struct db *db, struct arena *a, const char *token, struct caller *who)
{
	struct config cfg;
	config_defaults(&cfg);
	struct session_limits limits = {cfg.session_idle, cfg.session_lifetime};
	struct session *session;
	struct user *user;
	struct err e;
	*who = caller_public("127.0.0.1", "bench00000000000");
	if (session_resume(db, a, token, &limits, &session, &e) < 0)
		die("session", e.msg);
	if (!session)
		die("session", "the token names no live session");
	if (user_load(db, a, session->user_id, &user, &e) < 0)
		die("user", e.msg);
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	if (access_load_cover(db, a, user->id, today, &who->cover_areas, &who->cover_area_count,
			      &e) < 0)
		die("cover", e.msg);
	who->kind = CALLER_STAFF;
	who->user = user;
	who->session = session;
}

enum page { PAGE_PERSON, PAGE_CASELOAD, PAGE_NETWORK };

/* One request of the page, recorded. */
static void capture(struct db *db, struct arena *keep, const char *token, enum page page,
		    const char *person_id, struct script *out)
{
	struct arena *a = arena_new();
	struct caller who;
	struct err e;
	*out = (struct script){0};
	rec.s = out;
	rec.a = keep;
	identify(db, a, token, &who);
	int rc = RESULT_OK;
	if (page == PAGE_PERSON) {
		struct person *p;
		rc = person_get(db, &who, person_id, a, &p, &e);
	} else if (page == PAGE_CASELOAD) {
		struct config cfg;
		config_defaults(&cfg);
		struct caseload cl;
		rc = caseload_get(db, &who, NULL, cfg.quiet_after_days, a, &cl, &e);
	} else {
		struct network n;
		rc = network_get(db, &who, person_id, a, &n, &e);
	}
	rec.s = NULL;
	if (rc != RESULT_OK)
		die("the page's domain call", e.msg);
	arena_free(a);
}

/* ---- timing ---- */

struct load {
	struct db *db;
	const struct script *scripts;
	size_t script_count;
	size_t offset;             /* this thread's first script */
	int64_t until;             /* monotonic us */
	bool each;                 /* note every statement's time */
	int64_t *times;
	size_t count, cap;
	struct arena *a;
};

static void *drive(void *arg)
{
	struct load *l = arg;
	for (size_t i = l->offset; clock_monotonic_us() < l->until; i++) {
		int64_t t = replay(l->db, &l->scripts[i % l->script_count], l->each);
		l->times = arena_grow(l->a, l->times, l->count, &l->cap, sizeof *l->times);
		l->times[l->count++] = t;
	}
	return NULL;
}

static int by_time(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* Mean and 99th percentile, in milliseconds, of every thread's times. */
static void summarise(struct load *loads, size_t n, struct arena *a, double *mean, double *p99)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += loads[i].count;
	if (total == 0)
		die("timing", "no request finished in the time given");
	int64_t *all = arena_alloc(a, total * sizeof *all), sum = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < loads[i].count; j++) {
			all[k++] = loads[i].times[j];
			sum += loads[i].times[j];
		}
	qsort(all, total, sizeof *all, by_time);
	*mean = (double)sum / (double)total / 1000.0;
	*p99 = (double)all[(total * 99) / 100 < total ? (total * 99) / 100 : total - 1] / 1000.0;
}

/* The page's recorded requests: one a person of the coordinator (the
 * caseload: one). */
static void time_page(const char *url, const char *token, const char *name, double seconds,
		      size_t threads)
{
	enum page page = strcmp(name, "person") == 0	 ? PAGE_PERSON
			 : strcmp(name, "caseload") == 0 ? PAGE_CASELOAD
			 : strcmp(name, "network") == 0	 ? PAGE_NETWORK
							 : (die(name, "no such page"), PAGE_PERSON);
	/* The settings serve has, from the same environment: its pool (a
	 * connection a worker thread, and one more) and its durability. */
	struct config cfg;
	struct db *db;
	struct err e;
	if (config_resolve(&cfg, NULL, 0, environ, &e) < 0 ||
	    db_open_sync(url, config_worker_threads(&cfg) + 1,
			 cfg.sqlite_sync_normal ? DB_SYNC_NORMAL : DB_SYNC_FULL, &db, &e) < 0)
		die(url, e.msg);
	struct arena *keep = arena_new();
	struct caller who;
	identify(db, keep, token, &who);
	struct db_param p[] = {DB_TEXT(who.user->id)};
	struct db_rows people;
	if (db_run(db, keep, "SELECT id FROM people WHERE coordinator_id = $1 ORDER BY id", p,
		   &people, &e) < 0)
		die("people", e.msg);
	size_t count = page == PAGE_CASELOAD ? 1 : people.row_count;
	struct script *scripts = arena_alloc(keep, count * sizeof *scripts);
	for (size_t i = 0; i < count; i++)
		capture(db, keep, token, page, db_cell(&people, i, 0), &scripts[i]);

	/* Alone, one request after another, then as many at once as wrk
	 * keeps open. */
	statement_time_count = 0;
	struct load one = {db,	 scripts, count, 0, clock_monotonic_us() + (int64_t)(seconds * 1e6),
			   true, NULL,	  0,	 0, arena_new()};
	drive(&one);
	size_t slowest = 0;
	for (size_t i = 1; i < statement_time_count; i++)
		if (statement_times[i].us > statement_times[slowest].us)
			slowest = i;
	double single_mean, single_p99;
	summarise(&one, 1, keep, &single_mean, &single_p99);
	struct load *loads = arena_alloc(keep, threads * sizeof *loads);
	pthread_t *ids = arena_alloc(keep, threads * sizeof *ids);
	int64_t until = clock_monotonic_us() + (int64_t)(seconds * 1e6);
	for (size_t i = 0; i < threads; i++) {
		loads[i] = (struct load){db, scripts, count, i * 7, until, false, NULL, 0, 0,
					 arena_new()};
		if (pthread_create(&ids[i], NULL, drive, &loads[i]) != 0)
			die("threads", "pthread_create failed");
	}
	for (size_t i = 0; i < threads; i++)
		pthread_join(ids[i], NULL);
	double mean, p99;
	summarise(loads, threads, keep, &mean, &p99);
	printf("sql %s %zu %.3f %.3f %.3f\n", name, scripts[0].statements, single_mean, mean, p99);
	const struct statement_time *x = &statement_times[slowest];
	printf("slowest %s %.3f %s\n", name, (double)x->us / (double)one.count / 1000.0, x->sql);
	for (size_t i = 0; i < threads; i++)
		arena_free(loads[i].a);
	arena_free(one.a);
	arena_free(keep);
	db_close(db);
}

static void list_people(const char *url, const char *username)
{
	struct db *db;
	struct err e;
	struct arena *a = arena_new();
	struct db_rows rows;
	struct db_param p[] = {DB_TEXT(username)};
	if (db_open(url, 1, &db, &e) < 0 ||
	    db_run(db, a,
		   "SELECT p.id FROM people p JOIN users u ON u.id = p.coordinator_id"
		   " WHERE u.username = $1 ORDER BY p.id",
		   p, &rows, &e) < 0)
		die(url, e.msg);
	for (size_t i = 0; i < rows.row_count; i++)
		printf("%s\n", db_cell(&rows, i, 0));
	arena_free(a);
	db_close(db);
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0)
		die("libsodium", "sodium_init failed");
	if (argc == 3 && strcmp(argv[1], "seed") == 0) {
		struct db *db;
		struct err e;
		if (db_open(argv[2], 1, &db, &e) < 0)
			die(argv[2], e.msg);
		seed_programme(db);
		db_close(db);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "ids") == 0) {
		list_people(argv[2], argv[3]);
		return 0;
	}
	if (argc >= 7 && strcmp(argv[1], "sql") == 0) {
		double seconds = strtod(argv[4], NULL);
		long threads = strtol(argv[5], NULL, 10);
		if (seconds <= 0 || threads < 1 || threads > 256)
			die("sql", "SECONDS above 0 and THREADS from 1 to 256");
		for (int i = 6; i < argc; i++)
			time_page(argv[2], argv[3], argv[i], seconds, (size_t)threads);
		return 0;
	}
	die("usage", "people seed URL | people ids URL USERNAME |"
		     " people sql URL TOKEN SECONDS THREADS PAGE...");
}
