# Time stage data: the lexicon of time words is copied as is.
DATA_FILES += $(BUILD)/data/time/lexicon.tsv

$(BUILD)/data/time/%.tsv: data/time/%.tsv
	@mkdir -p $(dir $@)
	cp $< $@
