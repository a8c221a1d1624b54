# Events stage data: CAMEO/PLOVER tables, our verb patterns and discards,
# copied as they are into $(BUILD)/data/events/.
EVENTS_DATA := $(wildcard data/events/*.tsv data/events/*.txt)
DATA_FILES += $(EVENTS_DATA:data/%=$(BUILD)/data/%)

$(BUILD)/data/events/%: data/events/%
	@mkdir -p $(dir $@)
	cp $< $@
