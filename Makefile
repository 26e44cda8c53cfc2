# One non-recursive build.  `make` builds ./alongside and the web assets;
# `make run` sets everything up and serves the demo; `make test` runs every
# test suite; `make asan` builds with AddressSanitizer + UBSan.

PKGS := libmicrohttpd sqlite3 libpq jansson libsodium geos proj zlib libcurl
CC ?= cc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# VARIANT selects the build directory and flags: release (default) or asan.
VARIANT ?= release
BUILD := build/$(VARIANT)

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wvla
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -g $(WARNINGS) -Isrc -I$(BUILD)/gen \
               $(PKG_CFLAGS)

ifeq ($(VARIANT),asan)
  VARIANT_CFLAGS := -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
                    -fno-sanitize-recover=undefined
  VARIANT_LDFLAGS := -fsanitize=address,undefined
else
  VARIANT_CFLAGS := -O2
  VARIANT_LDFLAGS :=
endif
CFLAGS_ALL := $(BASE_CFLAGS) $(VARIANT_CFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(VARIANT_LDFLAGS) $(LDFLAGS)
LIBS := $(PKG_LIBS) -lpthread -lm

SRC := $(sort $(wildcard src/*/*.c src/*/*/*.c))
OBJ := $(SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/schema.o \
       $(BUILD)/obj/gen/common_passwords.o $(BUILD)/obj/gen/bank_holidays_ew.o
MAIN_OBJ := $(BUILD)/obj/main.o
LIB := $(BUILD)/libalongside.a
SCHEMA := $(sort $(wildcard schema/*.sql))
BIN := $(if $(filter asan,$(VARIANT)),$(BUILD)/alongside,alongside)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Helpers every unit test links with (tests/unit/support/).
SUPPORT_SRC := $(sort $(wildcard tests/unit/support/*.c))
SUPPORT_OBJ := $(SUPPORT_SRC:tests/unit/%.c=$(BUILD)/obj/tests/%.o)

# Web assets: our Sass and scripts, and the GOV.UK Frontend files they use.
NODE_MODULES := web/node_modules/.package-lock.json
GOVUK := web/node_modules/govuk-frontend/dist/govuk
ASSETS := web/dist/app.css web/dist/app.js web/dist/js-enabled.js \
          web/dist/favicon.svg web/dist/govuk-frontend.min.js web/dist/map.js \
          web/dist/leaflet/leaflet.js web/dist/leaflet/leaflet.css \
          web/dist/community-map.js

.PHONY: all asan run test unit check-source clean bench
all: $(BIN) $(ASSETS) $(BUILD)/tools/invent_programme

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(LIB): $(OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.c | check-source
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-variable-declarations -c -o $@ $<

$(BUILD)/gen/schema.c: $(SCHEMA) $(BUILD)/tools/embed_schema
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed_schema $@ $(SCHEMA)

$(BUILD)/gen/common_passwords.c: data/common-passwords.txt $(BUILD)/tools/embed_words
	@mkdir -p $(dir $@)
	LC_ALL=C $(BUILD)/tools/embed_words $@ common_passwords $<

$(BUILD)/gen/bank_holidays_ew.c: data/bank-holidays-england-and-wales.txt $(BUILD)/tools/embed_words
	@mkdir -p $(dir $@)
	LC_ALL=C $(BUILD)/tools/embed_words $@ bank_holidays_ew $<

$(BUILD)/tools/%: tools/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 $(WARNINGS) -o $@ $<

# The invented programme history (scripts/load-demo, bench/reports) writes
# through src/db, so it links with the library, unlike the build tools.
$(BUILD)/tools/invent_programme: tools/invent_programme.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(LIB) $(LIBS)

$(BUILD)/obj/tests/support/%.o: tests/unit/support/%.c | check-source
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cmocka) -Itests/unit -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(SUPPORT_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cmocka) $(LDFLAGS_ALL) \
	    -o $@ $< $(SUPPORT_OBJ) $(LIB) $(LIBS) $(shell pkg-config --libs cmocka)

unit: $(UNIT_BIN)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(LIB) $(LIBS)

# bench/people records the statements a page's domain calls make by
# wrapping the storage facade's entry points, then replays them.
PEOPLE_WRAPPED := db_acquire db_release db_query_counted db_query_plain db_run_counted \
                  db_transaction db_finish db_rollback id_new
$(BUILD)/bench/people: LDFLAGS_ALL += $(PEOPLE_WRAPPED:%=-Wl,--wrap=%)

# bench/reports times the SQL of report_build by wrapping the same facade.
$(BUILD)/bench/reports: LDFLAGS_ALL += -Wl,--wrap=db_query_counted -Wl,--wrap=db_query_plain \
                                        -Wl,--wrap=db_run_counted -Wl,--wrap=db_run_replanned_counted

# Banned functions, SQL built with %s, includes against the layer order and
# SQL outside the domain, geo and db layers are refused before anything
# compiles.
check-source:
	@scripts/check-source
	@scripts/check-layers

asan:
	$(MAKE) VARIANT=asan build/asan/alongside unit

$(NODE_MODULES): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web/dist/app.css: web/src/app.scss $(NODE_MODULES)
	@mkdir -p web/dist
	web/node_modules/.bin/sass --load-path=web/node_modules \
	    --style=compressed --no-source-map --quiet-deps \
	    --silence-deprecation=import web/src/app.scss $@

web/dist/govuk-frontend.min.js: $(NODE_MODULES)
	@mkdir -p web/dist
	cp $(GOVUK)/govuk-frontend.min.js $@

web/dist/leaflet/%: $(NODE_MODULES)
	@mkdir -p web/dist/leaflet
	cp web/node_modules/leaflet/dist/$* $@

web/dist/%: web/src/%
	@mkdir -p web/dist
	cp $< $@

run:
	scripts/bootstrap
	$(MAKE) all
	scripts/demo

test:
	scripts/bootstrap
	$(MAKE) all unit
	$(MAKE) asan
	tests/run

bench:
	$(MAKE) all build/release/bench/lookup build/release/bench/people \
	    build/release/bench/directory build/release/bench/reports
	bench/http
	bench/lookup
	bench/import
	bench/people
	bench/directory
	bench/reports

clean:
	rm -rf build web/dist alongside

-include $(OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(SUPPORT_OBJ:.o=.d)
