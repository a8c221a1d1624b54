# Text stage data: the abbreviation list is copied as is.
DATA_FILES += $(BUILD)/data/text/abbrev.txt

$(BUILD)/data/text/%.txt: data/text/%.txt
	@mkdir -p $(dir $@)
	cp $< $@
