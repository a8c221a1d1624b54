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
