# dateline — build, test, bench, fuzz.
#
#   make                 build/dateline and build/libdateline.a (+ data)
#   make test            unit, golden, eval and CLI tests, then all again
#                        under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench           throughput and memory table
#   make fuzz            libFuzzer targets (clang), a short run each
#   make SANITIZE=address,undefined BUILD=build-asan   a sanitized tree
#   make install PREFIX=/usr/local, make uninstall     (mk/install.mk)
#
# Every stage folder is picked up by wildcard; stage-specific data rules
# live in mk/*.mk so that adding a stage does not touch this file.

CC      ?= cc
BUILD   ?= build
SANITIZE ?=
OPT     ?= -O2
SHARED  ?= $(abspath ../shared)

PKGS    := sqlite3 libutf8proc jansson zlib libmicrohttpd libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lutf8proc -ljansson -lz -lmicrohttpd -lpq)

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wvla -Wformat=2
ifneq ($(DL_NO_WERROR),1)
WARN    += -Werror
endif
CFLAGS  ?= $(OPT) -g
# -fPIC: the same objects make libdateline.a and libdateline.so (make install)
CFLAGS  += -std=c11 -D_GNU_SOURCE -fPIC -Iinclude -Isrc $(WARN) $(PKG_CFLAGS) \
           -DDL_DATADIR='"$(abspath $(BUILD))/data"'
LDLIBS  += $(PKG_LIBS) -lm -lpthread
ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

LIB_SRC  := $(sort $(wildcard src/*.c src/*/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
DEPS     := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)

# Data files the stages load at run time, built into $(BUILD)/data.
# mk/*.mk come before `all:` in the file, so name the default goal here.
.DEFAULT_GOAL := all
DATA_FILES :=
-include mk/*.mk

.PHONY: all data test unit bench fuzz clean check-style
all: $(BUILD)/dateline $(BUILD)/libdateline.a data

data: $(DATA_FILES)

Q := $(if $(V),,@)

# Objects are rebuilt when the compiler or its flags change (a stamp file).
.PHONY: FORCE
FORCE:
$(BUILD)/cflags: export DL_FLAGS = $(CC) $(CFLAGS)
$(BUILD)/cflags: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' "$$DL_FLAGS" | cmp -s - $@ || printf '%s\n' "$$DL_FLAGS" > $@

$(BUILD)/obj/%.o: %.c $(BUILD)/cflags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC $<")
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libdateline.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/dateline: $(CLI_OBJ) $(BUILD)/libdateline.a
	@$(if $(Q),echo "  LD $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdateline.a $(LDLIBS)

# The test list is generated from the TEST(name) lines of tests/*.c.
$(BUILD)/test_list.h: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@grep -h '^TEST(' $(TEST_SRC) | sed 's/^TEST(\([a-z0-9_]*\)).*/X(\1)/' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(BUILD)/obj/tests/main.o: $(BUILD)/test_list.h
$(BUILD)/obj/tests/%.o: CFLAGS += -I$(BUILD) -Itests -DDL_SHARED='"$(SHARED)"'

$(BUILD)/dateline-tests: $(TEST_OBJ) $(BUILD)/libdateline.a
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libdateline.a $(LDLIBS)

unit: all $(BUILD)/dateline-tests $(BUILD)/tools/mksyntax
	$(BUILD)/dateline-tests

# The full suite: the normal build, then the sanitized build, then the
# totals as one closing line.
test:
	@$(MAKE) --no-print-directory all $(BUILD)/dateline-tests $(BUILD)/tools/mksyntax
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=address,undefined OPT=-O1 \
	    all build-asan/dateline-tests build-asan/tools/mksyntax
	@bash tests/run.sh $(BUILD) build-asan

bench: all
	@bash bench/run.sh $(BUILD)

fuzz:
	@bash fuzz/run.sh

clean:
	rm -rf build build-asan build-fuzz

-include $(DEPS)
