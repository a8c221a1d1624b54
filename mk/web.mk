# web.mk — the page `dateline serve` sends: web/src bundled by esbuild
# (web/build.mjs; esbuild and the libraries pinned by web/package-lock.json,
# installed in web/node_modules by scripts/setup) into $(BUILD)/web, and
# the files embedded in the binary as C arrays ($(BUILD)/web/web_assets.c).
WEB_SRC := $(wildcard web/src/*.js web/src/*/*.js web/src/*.css web/src/*.html) \
           web/build.mjs web/package-lock.json

$(BUILD)/web/web_assets.c: $(WEB_SRC)
	@mkdir -p $(dir $@)
	@test -d web/node_modules/esbuild || { echo "web/node_modules missing: run scripts/setup" >&2; exit 1; }
	$(Q)node web/build.mjs $(BUILD)/web

$(BUILD)/obj/web/web_assets.o: $(BUILD)/web/web_assets.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC $<")
	$(Q)$(CC) $(CFLAGS) -Wno-overlength-strings -c $< -o $@

CLI_OBJ += $(BUILD)/obj/web/web_assets.o
