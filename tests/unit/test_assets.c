/* Static assets: the start-up check that every file pages link to is
 * there, the URL of a file that is not, and the list the pages use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "http/app.h"
#include "http/assets.h"
#include "http/http.h"
#include "web/pages.h"

struct fixture {
	char dir[64];
	char sub[80];
	struct assets *assets;
};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A directory holding app.css and leaflet/leaflet.js, loaded. */
static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/alongside-assets-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->sub, sizeof fx->sub, "%s/leaflet", fx->dir);
	assert_int_equal(mkdir(fx->sub, 0700), 0);
	char path[128];
	snprintf(path, sizeof path, "%s/app.css", fx->dir);
	write_file(path, "body{}");
	snprintf(path, sizeof path, "%s/leaflet.js", fx->sub);
	write_file(path, "L={}");
	struct err e;
	assert_int_equal(assets_load(fx->dir, &fx->assets, &e), 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/app.css", fx->dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/leaflet.js", fx->sub);
	unlink(path);
	rmdir(fx->sub);
	rmdir(fx->dir);
	assets_free(fx->assets);
	free(fx);
	return 0;
}

static void require_passes_when_all_are_there(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = {"app.css", "leaflet/leaflet.js"};
	struct err e = {0};
	assert_int_equal(assets_require(fx->assets, fx->dir, names, 2, &e), 0);
	assert_int_equal(assets_require(fx->assets, fx->dir, names, 0, &e), 0);
}

static void require_names_the_missing_file_and_directory(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = {"app.css", "app.js", "map.js"};
	struct err e = {0};
	assert_int_equal(assets_require(fx->assets, fx->dir, names, 3, &e), -1);
	assert_non_null(strstr(e.msg, "has no app.js"));
	assert_non_null(strstr(e.msg, fx->dir));
	assert_null(strstr(e.msg, "map.js"));

	/* A directory's own name is not one of its files. */
	static const char *const folder[] = {"leaflet"};
	assert_int_equal(assets_require(fx->assets, fx->dir, folder, 1, &e), -1);
	assert_non_null(strstr(e.msg, "has no leaflet,"));
}

static void url_is_versioned_or_unversioned_never_an_abort(void **state)
{
	struct fixture *fx = *state;
	struct app app = {.assets = fx->assets};
	struct http_request req = {.arena = arena_new(), .app = &app,
				   .request_id = "0123456789abcdef"};
	const char *url = assets_url(&req, "leaflet/leaflet.js");
	assert_string_equal(url, assets_find(fx->assets, "leaflet/leaflet.js")->url);
	assert_int_equal(strncmp(url, "/assets/leaflet/leaflet.js?v=", 29), 0);
	assert_int_equal(strlen(url), 29 + 16);
	assert_string_equal(assets_url(&req, "missing.css"), "/assets/missing.css");
	arena_free(req.arena);
}

/* Every entry named (a gap in the designated initialisers would be NULL),
 * each once, and each a file `make` builds into web/dist. */
static void page_assets_are_the_built_files(void **state)
{
	(void)state;
	for (size_t i = 0; i < PAGE_ASSET_COUNT; i++) {
		assert_non_null(page_assets[i]);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(page_assets[i], page_assets[j]);
	}
	struct assets *built;
	struct err e;
	if (assets_load("web/dist", &built, &e) < 0)
		skip(); /* run from elsewhere than the repository */
	int rc = assets_require(built, "web/dist", page_assets, PAGE_ASSET_COUNT, &e);
	assets_free(built);
	if (rc < 0)
		fail_msg("%s", e.msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(require_passes_when_all_are_there,
						setup, teardown),
		cmocka_unit_test_setup_teardown(require_names_the_missing_file_and_directory,
						setup, teardown),
		cmocka_unit_test_setup_teardown(url_is_versioned_or_unversioned_never_an_abort,
						setup, teardown),
		cmocka_unit_test(page_assets_are_the_built_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
